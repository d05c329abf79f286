/**
 * Which actions fit a replication's status, as DMS decides them
 * (StartReplication and StopReplication in the DMS API Reference; the
 * sandbox's `replication-machine.ts` plays the same rules):
 * - start only when `created`, `stopped` or `failed`;
 * - the first run of a replication must be `start-replication`;
 * - after a stop or a failure: `resume-processing` (from the last stop
 *   position) or `reload-target` (everything again); `resume-processing`
 *   never for a `full-load` replication (partly loaded tables cannot resume);
 * - stop while a start is on its way or while running.
 */
import type { ReplicationSnapshot } from '../events/types.js';
import { isStarting, neverRan } from '../parse/replication-status.js';

export const START_TYPES = ['start-replication', 'resume-processing', 'reload-target'] as const;
export type StartType = (typeof START_TYPES)[number];

const STARTABLE = new Set(['created', 'stopped', 'failed']);

export function isStartType(value: string): value is StartType {
  return (START_TYPES as readonly string[]).includes(value);
}

/** The start types DMS accepts now, the most likely first; empty when it cannot be started. */
export function startTypesFor(snapshot: ReplicationSnapshot): readonly StartType[] {
  if (!STARTABLE.has(snapshot.status)) return [];
  if (neverRan(snapshot)) return ['start-replication'];
  return snapshot.replicationType === 'full-load' ? ['reload-target'] : ['resume-processing', 'reload-target'];
}

/** True when StopReplication has something to stop: a start on its way, or a running replication. */
export function canStop(snapshot: ReplicationSnapshot): boolean {
  return snapshot.status === 'running' || isStarting(snapshot.status);
}

/** Why `type` does not fit now, in words; undefined when it does. */
export function startRefusal(snapshot: ReplicationSnapshot, type: StartType): string | undefined {
  const fits = startTypesFor(snapshot);
  if (fits.includes(type)) return undefined;
  if (fits.length === 0) return `it is ${snapshot.status}; a replication can be started only when it is created, stopped or failed`;
  if (neverRan(snapshot)) return 'it never ran, and the first run must be start-replication';
  if (type === 'resume-processing' && snapshot.replicationType === 'full-load') {
    return 'resume-processing does not apply to a full-load replication (partly loaded tables cannot resume); use reload-target';
  }
  return `after a ${snapshot.status === 'failed' ? 'failure' : 'stop'} it resumes with ${fits.join(' or ')}`;
}

/** Why it cannot be stopped now, in words; undefined when it can. */
export function stopRefusal(snapshot: ReplicationSnapshot): string | undefined {
  if (canStop(snapshot)) return undefined;
  if (snapshot.status === 'stopping') return 'it is already stopping';
  return `it is ${snapshot.status}: there is nothing to stop (only a starting or running replication can be stopped)`;
}
