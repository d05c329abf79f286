import type { LogsApi } from '../aws/apis.js';
import type { AwsErrorContext } from '../aws/errors.js';
import type { DmsEvent } from '../events/types.js';
import type { Backoff } from './backoff.js';
import type { Clock } from './clock.js';

/** A log group as Live Tail takes it. `arn` is DescribeLogGroups' `logGroupArn` (no trailing `:*`, which StartLiveTail refuses). */
export interface LogGroupRef {
  readonly name: string;
  readonly arn: string;
}

/** StartLiveTail takes 1 to 10 log groups (API reference, StartLiveTailRequest `logGroupIdentifiers`). */
export const MAX_LIVE_TAIL_GROUPS = 10;

export interface LiveTailSourceOptions {
  readonly logs: LogsApi;
  readonly clock: Clock;
  /** At most 10. */
  readonly groups: readonly LogGroupRef[];
  /** Epoch ms: on start, backfill every group from here (the run's start, or `--since`). */
  readonly backfillFrom?: number;
  /** Events per group a backfill keeps, the newest; the cut is reported. @default 10000 */
  readonly backfillLimit?: number;
  /** Gets parsed log events, one call per `sessionUpdate` or backfill, and `session` events. */
  readonly sink: (events: readonly DmsEvent[]) => void;
  /** No frame at all for this long means the stream is dead. @default 10000 */
  readonly heartbeatTimeoutMs?: number;
  /** Reopen before CloudWatch ends the session at 3 hours. @default 2 h 55 min */
  readonly rolloverMs?: number;
  /** Reconnect waits. @default capped exponential, 1 s to 30 s, full jitter */
  readonly backoff?: Backoff;
  /** The wait between tries while the account has too many sessions, or the credentials are gone. @default 60000 */
  readonly slowRetryMs?: number;
  /** A backfill after a reconnect starts this long before the newest event seen, for late ingestion. @default 5000 */
  readonly overlapMs?: number;
  /** A session open this long is healthy: the backoff starts over. @default 60000 */
  readonly healthyMs?: number;
  /** How often a `rate` event reports. @default 60000 */
  readonly rateIntervalMs?: number;
  /** Profile, endpoint and region, so error lines can name them. */
  readonly aws?: Omit<AwsErrorContext, 'action'>;
}

export type LiveTailState = 'starting' | 'live' | 'reconnecting' | 'suspended' | 'failed' | 'stopped';

/** Throws a one-line `RangeError` beyond Live Tail's 10 groups. */
export function checkGroupCount(groups: readonly LogGroupRef[]): void {
  if (groups.length > MAX_LIVE_TAIL_GROUPS) {
    throw new RangeError(
      `Live Tail watches at most ${String(MAX_LIVE_TAIL_GROUPS)} log groups in one session, got ${String(groups.length)}: drop some --log-group flags`,
    );
  }
}
