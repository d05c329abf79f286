/**
 * `dms-live list` as a table: one replication per line, failed ones first
 * (they need someone), then the ones moving, then by name. Every cell comes
 * from AWS, so each is made a safe single line before it is padded.
 */
import type { ReplicationSnapshot } from '../events/types.js';
import { isInMotion } from '../parse/replication-status.js';
import { toSafeLine } from '../parse/safe-text.js';
import { formatDuration, isValidTime, padEnd, truncate } from './format.js';

const NOTE_WIDTH = 70;

function rank(s: ReplicationSnapshot): number {
  if (s.status === 'failed') return 0;
  if (isInMotion(s)) return 1;
  if (s.status === 'running') return 2;
  if (s.status === 'stopped') return 3;
  return 4;
}

/** Failed first, then moving (starting, stopping, loading), running, stopped, the rest; by name within each. */
export function orderForList(snapshots: readonly ReplicationSnapshot[]): ReplicationSnapshot[] {
  const name = (s: ReplicationSnapshot): string => s.configId ?? s.configArn;
  return [...snapshots].sort((a, b) => rank(a) - rank(b) || name(a).localeCompare(name(b)));
}

function ago(time: number | undefined, now: number): string {
  if (time === undefined || !isValidTime(time)) return '-';
  const ms = now - time;
  if (ms < 0) return 'just now';
  return `${formatDuration(ms)} ago`;
}

function note(s: ReplicationSnapshot): string {
  const failure = s.failureMessages[0];
  if (failure !== undefined) return failure;
  if (s.stopReason !== undefined) return s.stopReason.replace(/^Stop Reason /, '').toLowerCase().replace(/_/g, ' ');
  return '';
}

function loadCell(s: ReplicationSnapshot): string {
  if (s.replicationType === 'cdc') return '-';
  const pct = s.stats?.fullLoadProgressPercent;
  return pct === undefined ? '-' : `${String(pct)}%`;
}

/** The table as text, a header line first; `now` (epoch ms) for "last change ... ago". */
export function replicationTable(snapshots: readonly ReplicationSnapshot[], now: number): string {
  if (snapshots.length === 0) return 'no replications in this region\n';
  const header = ['NAME', 'STATUS', 'TYPE', 'DCU', 'LOAD', 'LAST CHANGE', 'NOTE'];
  const rows = orderForList(snapshots).map((s) => [
    toSafeLine(s.configId ?? s.configArn),
    toSafeLine(s.status),
    toSafeLine(s.replicationType ?? '-'),
    s.provisionedCapacityUnits === undefined ? '-' : String(s.provisionedCapacityUnits),
    loadCell(s),
    ago(s.updateTime ?? s.createTime, now),
    truncate(toSafeLine(note(s)), NOTE_WIDTH),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : padEnd(c, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n`;
}
