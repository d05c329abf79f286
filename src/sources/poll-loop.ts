/**
 * The rules every dms-live poller keeps (k9s's, and AWS's advice for
 * polling APIs): one call at a time; a cadence the caller picks from what
 * it saw; `pollNow()` after an action, coalesced with a poll in flight;
 * capped exponential backoff with jitter after errors, never faster than
 * the cadence; a `stale` mark when the last good answer is old; and each
 * of these told as `session` events (`poll`: throttled, stale, recovered;
 * `error`: what needs the user, e.g. access denied).
 */
import { describeAwsError, type AwsErrorContext, type AwsErrorInfo, type IamAction } from '../aws/errors.js';
import type { DmsEvent, SessionEvent } from '../events/types.js';
import { Backoff } from './backoff.js';
import type { Clock } from './clock.js';
import { sessionEvent } from './session-event.js';

/** Never call a poll's answer stale sooner than this: one slow answer is not news. */
export const MIN_STALE_MS = 10_000;

export interface PollLoopOptions<T> {
  readonly clock: Clock;
  /** The IAM action the call needs, for messages (`dms:DescribeReplications`). */
  readonly action: IamAction;
  /** Profile, region and endpoint for error messages. */
  readonly context?: Omit<AwsErrorContext, 'action'>;
  /** One poll. Rejections are explained, reported and retried with backoff. */
  readonly fetch: (signal: AbortSignal) => Promise<T>;
  /** A good answer, at `time`. */
  readonly onAnswer: (value: T, time: number) => void;
  /** The cadence now (it may depend on the last answer). */
  readonly intervalMs: () => number;
  /** Stale after this many intervals without a good answer (default 3). */
  readonly staleAfterIntervals?: number;
  /** Default: 2 s growing to 60 s, full jitter. */
  readonly backoff?: Backoff;
  readonly sink: (events: readonly DmsEvent[]) => void;
}

export class PollLoop<T> {
  private readonly backoff: Backoff;
  private inFlight = false;
  private again = false;
  private stopped = false;
  private cancelTimer: (() => void) | undefined;
  private cancelStaleTimer: (() => void) | undefined;
  private controller: AbortController | undefined;
  private failures = 0;
  private lastFailure: AwsErrorInfo | undefined;
  private isStale = false;
  private lastGood: number | undefined;
  private started: number | undefined;
  private calls = 0;

  constructor(private readonly options: PollLoopOptions<T>) {
    this.backoff = options.backoff ?? new Backoff({ baseMs: 2_000, maxMs: 60_000 });
  }

  /** Starts polling: the first call after `delayMs` (at once by default). */
  start(delayMs = 0, lastGoodAt?: number): void {
    if (this.stopped || this.started !== undefined) return;
    this.started = this.options.clock.now();
    this.lastGood = lastGoodAt;
    this.armStaleTimer();
    if (delayMs <= 0) this.pollNow();
    else this.schedule(delayMs);
  }

  /** Polls at once; during a poll, once more right after it. */
  pollNow(): void {
    if (this.stopped) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    void this.poll();
  }

  /** Stops timers and aborts a poll in flight; nothing is reported afterwards. */
  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelStaleTimer?.();
    this.controller?.abort();
  }

  /** True when the last good answer (or the start) is older than the stale limit. */
  get stale(): boolean {
    return this.isStale;
  }

  /** When the last good answer came (clock ms), if any. */
  get lastGoodAt(): number | undefined {
    return this.lastGood;
  }

  /** The last poll's error while polls fail; undefined after a good answer. */
  get lastError(): AwsErrorInfo | undefined {
    return this.failures > 0 ? this.lastFailure : undefined;
  }

  /** True while a poll is out. */
  get busy(): boolean {
    return this.inFlight;
  }

  /** Calls made so far (tests and the rate line). */
  get callCount(): number {
    return this.calls;
  }

  private staleLimit(): number {
    return Math.max(MIN_STALE_MS, (this.options.staleAfterIntervals ?? 3) * this.options.intervalMs());
  }

  private schedule(ms: number): void {
    this.cancelTimer?.();
    this.cancelTimer = this.options.clock.setTimeout(() => {
      this.cancelTimer = undefined;
      void this.poll();
    }, ms);
  }

  private armStaleTimer(): void {
    this.cancelStaleTimer?.();
    const since = this.lastGood ?? this.started ?? this.options.clock.now();
    const due = since + this.staleLimit() - this.options.clock.now();
    this.cancelStaleTimer = this.options.clock.setTimeout(() => {
      this.cancelStaleTimer = undefined;
      this.markStale();
    }, Math.max(0, due));
  }

  private markStale(): void {
    if (this.stopped || this.isStale) return;
    this.isStale = true;
    const now = this.options.clock.now();
    const age = Math.round((now - (this.lastGood ?? this.started ?? now)) / 1000);
    const why = this.lastFailure === undefined || this.failures === 0 ? 'no answer yet' : this.lastFailure.message;
    const what = this.lastGood === undefined ? `no status for ${age} s` : `the status shown is ${age} s old`;
    this.emit([sessionEvent(now, { event: 'poll', reason: 'stale' }, `${what} (${this.options.action.slice(this.options.action.indexOf(':') + 1)}: ${why})`)]);
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    this.inFlight = true;
    const controller = new AbortController();
    this.controller = controller;
    let next: number | undefined;
    try {
      this.calls++;
      const value = await this.options.fetch(controller.signal);
      // stop() may have run while the call was out (the abort settles it).
      if (!controller.signal.aborted) next = this.succeeded(value);
    } catch (err) {
      if (!controller.signal.aborted) next = this.failed(err);
    } finally {
      this.inFlight = false;
      this.controller = undefined;
    }
    if (next === undefined || controller.signal.aborted) return;
    if (this.again) {
      this.again = false;
      void this.poll();
    } else {
      this.schedule(next);
    }
  }

  private succeeded(value: T): number {
    const now = this.options.clock.now();
    const wasFailing = this.failures > 0;
    const wasStale = this.isStale;
    this.failures = 0;
    this.lastFailure = undefined;
    this.isStale = false;
    this.lastGood = now;
    this.backoff.reset();
    if (wasFailing || wasStale) {
      const name = this.options.action.slice(this.options.action.indexOf(':') + 1);
      this.emit([sessionEvent(now, { event: 'poll', reason: 'recovered' }, `${name} answers again`, 'info')]);
    }
    this.options.onAnswer(value, now);
    this.armStaleTimer();
    return this.options.intervalMs();
  }

  private failed(err: unknown): number {
    const info = describeAwsError(err, { ...this.options.context, action: this.options.action });
    const retryInMs = Math.max(this.options.intervalMs(), this.backoff.next());
    const first = this.failures === 0 || this.lastFailure?.kind !== info.kind;
    this.failures++;
    this.lastFailure = info;
    if (first) {
      const now = this.options.clock.now();
      const when = `polling again in ${formatSeconds(retryInMs)}`;
      const event: SessionEvent = info.retryable
        ? sessionEvent(now, { event: 'poll', reason: info.kind, attempt: this.failures, retryInMs }, `${info.message}; ${when}`)
        : sessionEvent(now, { event: 'error', reason: info.kind, retryInMs, ...(info.action === undefined ? {} : { action: info.action }) }, `${info.message}; ${when}`);
      this.emit([event]);
    }
    return retryInMs;
  }

  private emit(events: readonly DmsEvent[]): void {
    if (!this.stopped) this.options.sink(events);
  }
}

function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${String(Math.round(ms / 1000))} s`;
}
