import type { ReplicationSnapshot } from '../../../src/events/types.js';
import { orderForList } from '../../../src/output/replication-table.js';
import { toSafeLine } from '../../../src/parse/safe-text.js';

/** One replication as the picker lists it: terminal-safe cells. */
export interface PickerRow {
  readonly arn: string;
  readonly name: string;
  /** Lower case, as DMS reports it. */
  readonly status: string;
  readonly type: string | undefined;
  readonly dcu: number | undefined;
  /** Full-load progress, 0-100; undefined for CDC only or before a load. */
  readonly load: number | undefined;
  /** The newest time DMS gives for a change (update, stop, start, creation), epoch ms. */
  readonly changedAt: number | undefined;
}

function rowOf(s: ReplicationSnapshot): PickerRow {
  const times = [s.updateTime, s.lastStopTime, s.startTime, s.createTime].filter((t): t is number => t !== undefined && Number.isFinite(t));
  return {
    arn: s.configArn,
    name: toSafeLine(s.configId ?? s.configArn),
    status: toSafeLine(s.status),
    type: s.replicationType === undefined ? undefined : toSafeLine(s.replicationType),
    dcu: s.provisionedCapacityUnits,
    load: s.replicationType === 'cdc' ? undefined : s.stats?.fullLoadProgressPercent,
    changedAt: times.length === 0 ? undefined : Math.max(...times),
  };
}

/**
 * The replications to list, in the order `dms-live list` prints them
 * (failed first, then those moving, running, stopped, by name within
 * each), kept to those whose name, status or type contains `query`
 * (ignoring case).
 */
export function pickerRows(replications: readonly ReplicationSnapshot[], query: string): PickerRow[] {
  const rows = orderForList(replications).map(rowOf);
  const q = query.trim().toLowerCase();
  if (q === '') return rows;
  return rows.filter((r) => r.name.toLowerCase().includes(q) || r.status.toLowerCase().includes(q) || (r.type?.toLowerCase().includes(q) ?? false));
}
