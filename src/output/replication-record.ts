import type { ReplicationSnapshot } from '../events/types.js';
import { isValidTime } from './format.js';

/**
 * One replication as `list --json` writes it: one NDJSON line each, every
 * key always present (`null` when DMS did not say), values exactly as DMS
 * gave them (JSON escapes what needs escaping), times as ISO 8601 UTC.
 */
export interface ReplicationRecord {
  readonly kind: 'replication';
  readonly identifier: string | null;
  readonly arn: string;
  readonly resourceId: string;
  readonly region: string;
  readonly status: string;
  readonly type: string | null;
  readonly startType: string | null;
  /** Provisioned DMS capacity units. */
  readonly dcu: number | null;
  readonly provisionState: string | null;
  readonly fullLoadPercent: number | null;
  readonly tables: { readonly loaded: number | null; readonly loading: number | null; readonly queued: number | null; readonly errored: number | null };
  readonly stopReason: string | null;
  readonly failureMessages: readonly string[];
  readonly created: string | null;
  /** ReplicationUpdateTime: the last change DMS recorded. */
  readonly lastChange: string | null;
  readonly lastStop: string | null;
  /** The current run's start (ReplicationStats.StartDate). */
  readonly runStart: string | null;
}

function iso(time: number | undefined): string | null {
  return time === undefined || !isValidTime(time) ? null : new Date(time).toISOString();
}

export function replicationRecord(s: ReplicationSnapshot, region: string): ReplicationRecord {
  const stats = s.stats;
  return {
    kind: 'replication',
    identifier: s.configId ?? null,
    arn: s.configArn,
    resourceId: s.configArn.slice(s.configArn.lastIndexOf(':') + 1),
    region,
    status: s.status,
    type: s.replicationType ?? null,
    startType: s.startReplicationType ?? null,
    dcu: s.provisionedCapacityUnits ?? null,
    provisionState: s.provisionState ?? null,
    fullLoadPercent: stats?.fullLoadProgressPercent ?? null,
    tables: {
      loaded: stats?.tablesLoaded ?? null,
      loading: stats?.tablesLoading ?? null,
      queued: stats?.tablesQueued ?? null,
      errored: stats?.tablesErrored ?? null,
    },
    stopReason: s.stopReason ?? null,
    failureMessages: s.failureMessages,
    created: iso(s.createTime),
    lastChange: iso(s.updateTime ?? s.createTime),
    lastStop: iso(s.lastStopTime),
    runStart: iso(s.startTime),
  };
}

export function replicationNdjsonLine(s: ReplicationSnapshot, region: string): string {
  return `${JSON.stringify(replicationRecord(s, region))}\n`;
}
