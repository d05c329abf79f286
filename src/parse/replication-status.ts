/**
 * What a DMS Serverless replication's `Status` means for watching it: which
 * statuses are steps on the way somewhere (transitional) and which are
 * places it rests (settled), and when CDC is running. One module, so the
 * poller's cadence, `watch --until` and the actions agree.
 *
 * The steps of a start, in order (AWS DMS User Guide, "AWS DMS Serverless
 * components"): initializing, preparing_metadata_resources,
 * testing_connection, fetching_metadata, calculating_capacity,
 * provisioning_capacity, replication_starting, then running. A stop passes
 * through stopping; a delete through deleting. A config that never ran
 * reads `created`. DMS may add statuses: any status not known here counts
 * as transitional (polled fast, never taken for settled).
 */
import type { ReplicationSnapshot } from '../events/types.js';

/** The start sequence of a DMS Serverless replication, before `running`. */
export const START_STEPS: readonly string[] = [
  'initializing',
  'preparing_metadata_resources',
  'testing_connection',
  'fetching_metadata',
  'calculating_capacity',
  'provisioning_capacity',
  'replication_starting',
];

/** Statuses in which a replication rests until someone acts or it fails. */
export const SETTLED_STATUSES: ReadonlySet<string> = new Set(['created', 'running', 'stopped', 'failed', 'deleted']);

/** Statuses known to lead somewhere else by themselves. */
export const TRANSITIONAL_STATUSES: ReadonlySet<string> = new Set([
  ...START_STEPS,
  'starting',
  'stopping',
  'deleting',
  'modifying',
  'provisioning',
  'deprovisioning',
]);

function norm(status: string): string {
  return status.trim().toLowerCase();
}

/** True for a status the replication rests in: created, running, stopped, failed, deleted. */
export function isSettledStatus(status: string): boolean {
  return SETTLED_STATUSES.has(norm(status));
}

/** True for a status that leads on by itself, including any status DMS adds that we do not know. */
export function isTransitionalStatus(status: string): boolean {
  return !isSettledStatus(status);
}

/** True while a start is on its way to `running` (initializing ... replication_starting). */
export function isStarting(status: string): boolean {
  return START_STEPS.includes(norm(status)) || norm(status) === 'starting';
}

/**
 * CDC is running: Status `running`, and either the replication is `cdc`
 * only, or it is `full-load-and-cdc` and its full load finished
 * (`FullLoadFinishDate` set, or `FullLoadProgressPercent` 100). A
 * `full-load` replication never gets there: it stops with
 * `Stop Reason FULL_LOAD_ONLY_FINISHED` when the load is done.
 */
export function isCdcRunning(snapshot: ReplicationSnapshot): boolean {
  if (norm(snapshot.status) !== 'running') return false;
  if (snapshot.replicationType === 'cdc') return true;
  if (snapshot.replicationType !== 'full-load-and-cdc') return false;
  const stats = snapshot.stats;
  return stats?.fullLoadFinishDate !== undefined || (stats?.fullLoadProgressPercent ?? 0) >= 100;
}

/**
 * Whether the replication is moving by itself right now, so a poll soon
 * would likely show something new: a transitional status, or `running`
 * while a full load is still in progress (its progress and the switch to
 * CDC are what a user waits for).
 */
export function isInMotion(snapshot: ReplicationSnapshot): boolean {
  if (isTransitionalStatus(snapshot.status)) return true;
  return norm(snapshot.status) === 'running' && !isCdcRunning(snapshot);
}

/** A replication that never ran: no start recorded. */
export function neverRan(snapshot: ReplicationSnapshot): boolean {
  return norm(snapshot.status) === 'created' && snapshot.stats?.freshStartDate === undefined && snapshot.startTime === undefined;
}
