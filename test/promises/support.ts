import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { CloudWatchLogsClient, FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeReplicationsCommand, StartReplicationCommand, StopReplicationCommand } from '@aws-sdk/client-database-migration-service';
import type { DatabaseMigrationServiceClient, Replication } from '@aws-sdk/client-database-migration-service';
import type { Sandbox, SandboxReplication, ScenarioSpec } from '../../src/sandbox/index.js';
import type { EndpointSpec, ReplicationSpec } from '../../src/sandbox/scenarios/spec.js';
import { dmsClient, logsClient, sandboxFor } from '../sandbox/support.js';

/** The source's RDS PostgreSQL log group in `oneReplication` scenarios. */
export const PG_GROUP = '/aws/rds/instance/db1/postgresql';

/** One PostgreSQL source (RDS instance `db1`), one S3 target, one replication `r1` with the given fields. */
export function oneReplication(replication: Partial<ReplicationSpec> = {}, more: Partial<ScenarioSpec> = {}, source: Partial<EndpointSpec> = {}): ScenarioSpec {
  return {
    name: 'promises',
    endpoints: [
      { id: 'src', type: 'source', rdsInstance: 'db1', ...source },
      { id: 'dst', type: 'target', engine: 's3' },
    ],
    replications: [{ id: 'r1', source: 'src', target: 'dst', ...replication }],
    ...more,
  };
}

/** A sandbox on the manual clock with both SDK clients and its first replication. */
export interface Harness {
  readonly sandbox: Sandbox;
  readonly dms: DatabaseMigrationServiceClient;
  readonly logs: CloudWatchLogsClient;
  readonly replication: SandboxReplication;
  /** DescribeReplications' view of the first replication. */
  describe(): Promise<Replication>;
  start(type?: string): Promise<Replication | undefined>;
  stop(): Promise<Replication | undefined>;
  /** Every event of a log group (all pages), oldest first; [] when the group does not exist yet. */
  events(group: string): Promise<FilteredLogEvent[]>;
  /** The orchestrator's states in the replication's log group, in order. */
  states(): Promise<string[]>;
}

export async function harness(scenario: ScenarioSpec | string, options: { autoStart?: boolean } = {}): Promise<Harness> {
  const sandbox = await sandboxFor({ scenario, autoStart: options.autoStart ?? false });
  const dms = dmsClient(sandbox);
  const logs = logsClient(sandbox);
  const replication = sandbox.replications()[0];
  if (replication === undefined) throw new Error('the scenario has no replication');
  const arn = replication.arn;
  const events = async (group: string): Promise<FilteredLogEvent[]> => {
    if (!sandbox.logGroups().includes(group)) return [];
    const out: FilteredLogEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await logs.send(new FilterLogEventsCommand({ logGroupName: group, nextToken }));
      out.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return out;
  };
  return {
    sandbox,
    dms,
    logs,
    replication,
    describe: async () => {
      const out = await dms.send(new DescribeReplicationsCommand({ Filters: [{ Name: 'replication-config-arn', Values: [arn] }] }));
      const found = out.Replications?.[0];
      if (found === undefined) throw new Error(`DescribeReplications does not know ${arn}`);
      return found;
    },
    start: async (type = 'start-replication') =>
      (await dms.send(new StartReplicationCommand({ ReplicationConfigArn: arn, StartReplicationType: type }))).Replication,
    stop: async () => (await dms.send(new StopReplicationCommand({ ReplicationConfigArn: arn }))).Replication,
    events,
    states: async () =>
      (await events(replication.logGroup)).flatMap((e) => /^\{'replication_state':'([a-z_]+)'/.exec(e.message ?? '')?.[1] ?? []),
  };
}

/** Messages of the given events. */
export function messages(events: readonly FilteredLogEvent[]): string[] {
  return events.map((e) => e.message ?? '');
}
