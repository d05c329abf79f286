import type { ReplicationSnapshot } from '../events/types.js';
import { isCdcRunning, isSettledStatus } from '../parse/replication-status.js';

/** What `watch --until` waits for. */
export const UNTIL_GOALS = ['running', 'cdc', 'stopped', 'failed', 'settled'] as const;
export type UntilGoal = (typeof UNTIL_GOALS)[number];

export type UntilVerdict =
  | { readonly done: false }
  | { readonly done: true; readonly reached: boolean; readonly status: string };

const WAITING: UntilVerdict = { done: false };

/**
 * Whether a snapshot ends a `watch --until GOAL`: reached (exit 0), or the
 * replication failed instead (exit 1). `running` = Status running; `cdc` =
 * full load finished and CDC running; `stopped`; `failed`; `settled` = no
 * longer in a transitional status (a failed one counts as settled, but as
 * a failure).
 */
export function judgeUntil(goal: UntilGoal, snapshot: ReplicationSnapshot): UntilVerdict {
  const status = snapshot.status;
  const failed = status === 'failed';
  switch (goal) {
    case 'running':
      if (status === 'running') return { done: true, reached: true, status };
      break;
    case 'cdc':
      if (isCdcRunning(snapshot)) return { done: true, reached: true, status };
      break;
    case 'stopped':
      if (status === 'stopped') return { done: true, reached: true, status };
      break;
    case 'failed':
      return failed ? { done: true, reached: true, status } : WAITING;
    case 'settled':
      if (isSettledStatus(status)) return { done: true, reached: !failed, status };
      return WAITING;
  }
  return failed ? { done: true, reached: false, status } : WAITING;
}

/** Why a goal can never be reached for this replication, e.g. `cdc` on a full-load-only one. */
export function unreachableGoal(goal: UntilGoal, snapshot: ReplicationSnapshot): string | undefined {
  if (goal === 'cdc' && snapshot.replicationType === 'full-load') {
    return '--until cdc cannot be reached: this replication is full-load only (it stops when the load is done; try --until stopped)';
  }
  return undefined;
}
