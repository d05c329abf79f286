/**
 * DescribeReplications `Replication` records -> our `ReplicationSnapshot`,
 * and the status events a user sees when a polled snapshot changes. This is
 * the only module where the SDK's type meets ours (guide/style.md: nothing
 * from `@aws-sdk/*` passes beyond the parse layer).
 */
import type { Replication, ReplicationStats as SdkReplicationStats } from '@aws-sdk/client-database-migration-service';
import type { ReplicationSnapshot, ReplicationStats, Severity, StatusEvent } from '../events/types.js';
import { stableHash } from './event-id.js';
import { toSafeLine } from './safe-text.js';

/** Dates as epoch ms; undefined for a missing or invalid date (the SDK yields `Invalid Date` for garbage). */
function epochMillis(date: Date | undefined): number | undefined {
  if (!(date instanceof Date)) return undefined;
  const ms = date.getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

function finiteNumber(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function text(value: string | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Drops undefined members, so snapshots compare and serialise without noise. */
function defined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

function toStats(stats: SdkReplicationStats): ReplicationStats {
  return defined({
    fullLoadProgressPercent: finiteNumber(stats.FullLoadProgressPercent),
    elapsedTimeMillis: finiteNumber(stats.ElapsedTimeMillis),
    tablesLoaded: finiteNumber(stats.TablesLoaded),
    tablesLoading: finiteNumber(stats.TablesLoading),
    tablesQueued: finiteNumber(stats.TablesQueued),
    tablesErrored: finiteNumber(stats.TablesErrored),
    freshStartDate: epochMillis(stats.FreshStartDate),
    startDate: epochMillis(stats.StartDate),
    stopDate: epochMillis(stats.StopDate),
    fullLoadStartDate: epochMillis(stats.FullLoadStartDate),
    fullLoadFinishDate: epochMillis(stats.FullLoadFinishDate),
  });
}

/**
 * Our snapshot of one `Replication`. Status is lower-cased: DMS writes it in
 * upper case in some API errors (`MODIFYING`) and lower case elsewhere
 * (guide/src/FACTS.md). A record without a status reads `unknown`. `startTime`
 * is `ReplicationStats.StartDate`, the start of the current run.
 */
export function toReplicationSnapshot(replication: Replication): ReplicationSnapshot {
  const stats = replication.ReplicationStats;
  const failureMessages = Array.isArray(replication.FailureMessages)
    ? replication.FailureMessages.filter((message): message is string => typeof message === 'string' && message !== '')
    : [];
  const status = typeof replication.Status === 'string' ? replication.Status.trim().toLowerCase() : '';
  return defined({
    configArn: replication.ReplicationConfigArn ?? '',
    configId: text(replication.ReplicationConfigIdentifier),
    status: status === '' ? 'unknown' : status,
    stopReason: text(replication.StopReason),
    failureMessages,
    replicationType: text(replication.ReplicationType),
    startReplicationType: text(replication.StartReplicationType),
    provisionState: text(replication.ProvisionData?.ProvisionState),
    provisionedCapacityUnits: finiteNumber(replication.ProvisionData?.ProvisionedCapacityUnits),
    stats: stats === undefined ? undefined : toStats(stats),
    createTime: epochMillis(replication.ReplicationCreateTime),
    updateTime: epochMillis(replication.ReplicationUpdateTime),
    lastStopTime: epochMillis(replication.ReplicationLastStopTime),
    startTime: stats === undefined ? undefined : epochMillis(stats.StartDate),
  });
}

interface Change {
  readonly name: string;
  readonly text: string;
}

function show(value: string | number | undefined): string {
  return value === undefined ? 'none' : String(value);
}

/** What a user would notice between two snapshots, each with its part of the summary line. */
function changesBetween(prev: ReplicationSnapshot | undefined, next: ReplicationSnapshot, newFailures: readonly string[]): Change[] {
  const changes: Change[] = [];
  const statusChanged = prev === undefined || prev.status !== next.status;
  if (statusChanged) {
    // DMS spells its stop reasons out: "Stop Reason NORMAL", "Stop Reason FATAL_ERROR", ...
    const stop = next.stopReason === undefined ? '' : ` (${next.stopReason})`;
    const from = prev === undefined ? '' : `${prev.status} → `;
    changes.push({ name: 'status', text: `status ${from}${next.status}${stop}` });
  }
  if (prev !== undefined && prev.stopReason !== next.stopReason) {
    // With a new status the reason is already on the status part of the line.
    const shown = statusChanged && next.stopReason !== undefined;
    changes.push({ name: 'stopReason', text: shown ? '' : `stop reason ${show(prev.stopReason)} → ${show(next.stopReason)}` });
  }
  if (newFailures.length > 0) {
    changes.push({ name: 'failureMessages', text: `failure: ${newFailures.join('; ')}` });
  } else if (prev !== undefined && prev.failureMessages.length !== next.failureMessages.length) {
    changes.push({ name: 'failureMessages', text: `failure messages ${prev.failureMessages.length} → ${next.failureMessages.length}` });
  }
  if (prev?.provisionState !== next.provisionState && (prev !== undefined || next.provisionState !== undefined)) {
    changes.push({ name: 'provisionState', text: `provisioning ${show(prev?.provisionState)} → ${show(next.provisionState)}` });
  }
  if (prev?.provisionedCapacityUnits !== next.provisionedCapacityUnits && (prev !== undefined || next.provisionedCapacityUnits !== undefined)) {
    changes.push({ name: 'provisionedCapacityUnits', text: `capacity ${show(prev?.provisionedCapacityUnits)} → ${show(next.provisionedCapacityUnits)} DCU` });
  }
  const erroredBefore = prev?.stats?.tablesErrored ?? 0;
  const erroredNow = next.stats?.tablesErrored ?? 0;
  if (erroredBefore !== erroredNow) {
    changes.push({ name: 'tablesErrored', text: `tables errored ${erroredBefore} → ${erroredNow}` });
  }
  const finishedBefore = prev?.stats?.fullLoadFinishDate;
  const finishedNow = next.stats?.fullLoadFinishDate;
  if (finishedNow !== undefined && finishedNow !== finishedBefore) {
    changes.push({ name: 'fullLoadFinished', text: 'full load finished' });
  }
  return changes;
}

/**
 * The status event between two polls of the same replication, or undefined
 * when nothing a user cares about changed (progress ticks alone are not
 * events). With no previous snapshot the first one is reported.
 */
export function diffSnapshots(prev: ReplicationSnapshot | undefined, next: ReplicationSnapshot, time: number): StatusEvent | undefined {
  const seen = new Set(prev?.failureMessages ?? []);
  const newFailures = next.failureMessages.filter((message) => !seen.has(message));
  const changes = changesBetween(prev, next, newFailures);
  if (changes.length === 0) return undefined;
  const severity: Severity =
    next.status === 'failed' || newFailures.length > 0
      ? 'error'
      : (next.stats?.tablesErrored ?? 0) > (prev?.stats?.tablesErrored ?? 0)
        ? 'warning'
        : 'info';
  const summary = changes
    .map((change) => change.text)
    .filter((part) => part !== '')
    .join('; ');
  const raw = JSON.stringify(next);
  // `message` and `failureMessage` are exact (AWS text, newlines kept); `text` and `state` are the terminal-safe ones.
  const failureMessage = next.failureMessages.length > 0 ? next.failureMessages.join('; ') : undefined;
  return {
    kind: 'status',
    id: stableHash(['api', next.configArn, String(time), raw]),
    time,
    source: 'api',
    severity,
    text: toSafeLine(summary),
    raw,
    state: toSafeLine(next.status),
    ...(next.stopReason !== undefined ? { message: next.stopReason } : {}),
    ...(failureMessage !== undefined ? { failureMessage } : {}),
    snapshot: next,
    changes: changes.map((change) => change.name),
  };
}
