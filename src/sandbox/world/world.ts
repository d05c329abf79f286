import type { EndpointRecord, ReplicationRecord } from './dms-records.js';
import { LogStore } from './log-store.js';

/**
 * Everything the sandbox's AWS account holds: DMS endpoints and replications
 * (each replication carrying its config) and CloudWatch Logs. The operations
 * read it; only the scenario player changes it.
 */
export class World {
  readonly logs: LogStore;
  private readonly endpointList: EndpointRecord[] = [];
  private readonly replicationList: ReplicationRecord[] = [];

  constructor(
    readonly region: string,
    readonly accountId: string,
  ) {
    this.logs = new LogStore(region, accountId);
  }

  addEndpoint(endpoint: EndpointRecord): void {
    this.endpointList.push(endpoint);
  }

  addReplication(replication: ReplicationRecord): void {
    this.replicationList.push(replication);
  }

  endpoints(): readonly EndpointRecord[] {
    return this.endpointList;
  }

  endpointByArn(arn: string): EndpointRecord | undefined {
    return this.endpointList.find((e) => e.arn === arn);
  }

  /** In creation order, as DMS lists them. */
  replications(): readonly ReplicationRecord[] {
    return this.replicationList;
  }

  replicationByArn(arn: string): ReplicationRecord | undefined {
    return this.replicationList.find((r) => r.config.arn === arn);
  }

  replicationById(id: string): ReplicationRecord | undefined {
    return this.replicationList.find((r) => r.config.id === id);
  }
}

/** `dms-serverless-replication-<resource id>`: created when the replication first runs. */
export function dmsLogGroupName(resourceId: string): string {
  return `dms-serverless-replication-${resourceId}`;
}

/** The stream holding the orchestrator's state reports. */
export function orchestratorStreamName(resourceId: string): string {
  return `dms-serverless-replication-orchestrator-${resourceId}`;
}
