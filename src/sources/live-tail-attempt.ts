import type { LiveTailSessionUpdate, StartLiveTailResponseStream } from '@aws-sdk/client-cloudwatch-logs';
import type { LogsApi } from '../aws/apis.js';
import type { AwsErrorContext } from '../aws/errors.js';
import type { DmsEvent, SessionInfo } from '../events/types.js';
import type { Clock } from './clock.js';
import type { AttemptEnd } from './live-tail-ends.js';
import { CONTROL, StreamAbort, abortEnd, isAborted, streamEnd } from './live-tail-ends.js';
import { openFailure } from './live-tail-open-failure.js';
import { LiveTailResults } from './live-tail-results.js';
import { HeartbeatWatchdog } from './live-tail-watchdog.js';

export interface AttemptSettings {
  readonly logs: LogsApi;
  readonly clock: Clock;
  readonly heartbeatTimeoutMs: number;
  readonly rolloverMs: number;
  readonly healthyMs: number;
  readonly slowRetryMs: number;
  readonly aws?: Omit<AwsErrorContext, 'action'>;
}

/** What one attempt tells the session that runs it. */
export interface AttemptHooks {
  /** The session is open (before any frame is read). */
  opened(): void;
  /** Fills the gap the new session left; aborted when the session ends. Never rejects. */
  fill(signal: AbortSignal): Promise<void>;
  update(update: LiveTailSessionUpdate, results: LiveTailResults): void;
  /** The session has been open `healthyMs`: the backoff may start over. */
  healthy(): void;
  /** The session is closed; `rest` is what its parser still held. */
  closed(rest: readonly DmsEvent[]): void;
  /** These groups do not exist: go on without them. */
  drop(names: readonly string[]): void;
  notify(info: SessionInfo, text: string): void;
}

/**
 * One Live Tail session: opens it over `groups`, reads it to its end, and
 * says what ended it. Never rejects. `signal` is dms-live's own (stop,
 * suspend, new groups): its abort ends the attempt as `control`. The
 * stream's own abort controller is also fired by the heartbeat watchdog
 * (armed before the request: an open that hangs is as dead as a silent
 * stream) and by the rollover timer, and always in `finally`: leaving
 * `for await` early does not close the connection, the abort does.
 */
export async function runAttempt(groups: readonly { name: string; arn: string }[], signal: AbortSignal, settings: AttemptSettings, hooks: AttemptHooks): Promise<AttemptEnd> {
  const stream = new AbortController();
  const onAbort = (): void => {
    stream.abort();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const watchdog = new HeartbeatWatchdog(settings.clock, settings.heartbeatTimeoutMs, (silentMs) => {
    stream.abort(new StreamAbort('silence', silentMs));
  });
  try {
    let frames: AsyncIterable<StartLiveTailResponseStream>;
    try {
      frames = await settings.logs.startLiveTail({ logGroupIdentifiers: groups.map((g) => g.arn) }, stream.signal);
    } catch (err) {
      if (signal.aborted) return CONTROL;
      const own = abortEnd(stream.signal.reason);
      if (own !== undefined) return own;
      const failure = await openFailure(err, groups, {
        logs: settings.logs,
        signal,
        slowRetryMs: settings.slowRetryMs,
        ...(settings.aws === undefined ? {} : { aws: settings.aws }),
        notify: (info, text) => {
          hooks.notify(info, text);
        },
      });
      if (failure.drop.length > 0) hooks.drop(failure.drop);
      return isAborted(signal) ? CONTROL : failure.end;
    }
    return await read(frames, stream, signal, watchdog, settings, hooks);
  } finally {
    stream.abort();
    watchdog.stop();
    signal.removeEventListener('abort', onAbort);
  }
}

async function read(
  frames: AsyncIterable<StartLiveTailResponseStream>,
  stream: AbortController,
  signal: AbortSignal,
  watchdog: HeartbeatWatchdog,
  settings: AttemptSettings,
  hooks: AttemptHooks,
): Promise<AttemptEnd> {
  const { clock } = settings;
  const openedAt = clock.now();
  hooks.opened();
  const cancelRollover = clock.setTimeout(() => {
    stream.abort(new StreamAbort('rollover'));
  }, settings.rolloverMs);
  // The session is open first, then the gap is filled: nothing falls between them.
  const backfilling = hooks.fill(stream.signal);
  const results = new LiveTailResults();
  let healthy = false;
  try {
    for await (const frame of frames) {
      watchdog.feed();
      if (frame.sessionUpdate !== undefined) hooks.update(frame.sessionUpdate, results);
      // The SDK throws these; a client that yields them instead gets the same treatment.
      if (frame.SessionTimeoutException !== undefined) return streamEnd({ name: 'SessionTimeoutException' });
      if (frame.SessionStreamingException !== undefined) return streamEnd({ name: 'SessionStreamingException' });
      if (!healthy && clock.now() - openedAt >= settings.healthyMs) {
        healthy = true;
        hooks.healthy();
      }
    }
    return streamEnd(undefined);
  } catch (err) {
    if (signal.aborted) return CONTROL;
    return abortEnd(stream.signal.reason) ?? streamEnd(err);
  } finally {
    cancelRollover();
    stream.abort();
    hooks.closed(results.end());
    await backfilling;
  }
}
