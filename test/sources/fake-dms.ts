import type { DescribeReplicationsCommandInput, DescribeReplicationsCommandOutput, Replication } from '@aws-sdk/client-database-migration-service';
import type { DmsApi } from '../../src/aws/apis.js';

export const ARN = 'arn:aws:dms:eu-central-1:123456789012:replication-config:EAM3JEHXGBGZBPN5PLON7NPDEE';

export function replication(status: string, over: Partial<Replication> = {}): Replication {
  return { ReplicationConfigArn: ARN, ReplicationConfigIdentifier: 'orders', ReplicationType: 'full-load-and-cdc', Status: status, ...over };
}

export function awsError(name: string, status = 400): Error {
  return Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });
}

interface Pending {
  readonly input: DescribeReplicationsCommandInput;
  readonly signal: AbortSignal | undefined;
  resolve(out: Replication | Replication[]): void;
  reject(err: unknown): void;
}

/**
 * A DmsApi whose DescribeReplications calls wait until the test answers
 * them (`answer`, `fail`), or are answered by `auto` when set. Other calls
 * are not used by the pollers and throw.
 */
export class FakeDms {
  readonly calls: Pending[] = [];
  private open: Pending[] = [];
  auto: ((input: DescribeReplicationsCommandInput) => Replication | Replication[] | Error) | undefined;

  readonly api: DmsApi = {
    describeReplications: (input, signal) => this.describe(input, signal),
    describeReplicationConfigs: () => Promise.reject(new Error('not used')),
    describeEndpoints: () => Promise.reject(new Error('not used')),
    startReplication: () => Promise.reject(new Error('not used')),
    stopReplication: () => Promise.reject(new Error('not used')),
  };

  /** Calls waiting for an answer. */
  get waiting(): number {
    return this.open.length;
  }

  answer(out: Replication | Replication[]): void {
    const call = this.open.shift();
    if (call === undefined) throw new Error('no call waiting');
    call.resolve(out);
  }

  fail(err: unknown): void {
    const call = this.open.shift();
    if (call === undefined) throw new Error('no call waiting');
    call.reject(err);
  }

  private describe(input: DescribeReplicationsCommandInput, signal: AbortSignal | undefined): Promise<DescribeReplicationsCommandOutput> {
    return new Promise((resolve, reject) => {
      const wrap = (out: Replication | Replication[]): void => {
        resolve({ Replications: Array.isArray(out) ? out : [out], $metadata: {} });
      };
      const pending: Pending = { input, signal, resolve: wrap, reject };
      this.calls.push(pending);
      signal?.addEventListener('abort', () => {
        this.open = this.open.filter((p) => p !== pending);
        reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
      });
      const auto = this.auto?.(input);
      if (auto === undefined) this.open.push(pending);
      else if (auto instanceof Error) reject(auto);
      else wrap(auto);
    });
  }
}
