import type { LiveTailSessionUpdate, StartLiveTailResponseStream } from '@aws-sdk/client-cloudwatch-logs';
import type { LogsApi } from '../aws/apis.js';
import type { AwsErrorContext } from '../aws/errors.js';
import type { DmsEvent, SessionInfo, Severity } from '../events/types.js';
import { LiveTailBackfiller } from './live-tail-backfiller.js';
import { Backoff } from './backoff.js';
import type { Clock } from './clock.js';
import { sleep } from './clock.js';
import type { AttemptEnd } from './live-tail-ends.js';
import { CONTROL, StreamAbort, abortEnd, formatWait, isAborted, streamEnd } from './live-tail-ends.js';
import { LiveTailMeter } from './live-tail-meter.js';
import { openFailure } from './live-tail-open-failure.js';
import { LiveTailResults } from './live-tail-results.js';
import { HeartbeatWatchdog } from './live-tail-watchdog.js';
import { sessionEvent } from './session-event.js';

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

/**
 * One CloudWatch Logs Live Tail session over all the replication's log
 * groups, kept alive for as long as dms-live runs: every end of the stream
 * (clean end, `SessionTimeoutException`, `SessionStreamingException`, a
 * reset socket, a cut frame, a silent heartbeat) reconnects with capped
 * exponential backoff, each time with a new request (so the SDK resolves
 * credentials again, e.g. a refreshed SSO session). After each (re)connect
 * FilterLogEvents backfills the gap from the newest event seen, so nothing
 * is lost; what both deliver has one id, so the store keeps it once.
 * Owns its abort controllers and clock timers; `stop()` leaves none.
 */
export class LiveTailSource {
  private readonly opts: LiveTailSourceOptions;
  private groupList: LogGroupRef[];
  private current: LiveTailState = 'starting';
  private readonly meter: LiveTailMeter;
  private readonly backoff: Backoff;
  private readonly backfiller: LiveTailBackfiller;
  private lastResultAt: number | undefined;
  private startTime: number | undefined;
  private sampled = false;
  private suspended = false;
  private stopping = false;
  /** What an attempt or a reconnect wait listens to; control methods abort it. */
  private attemptAbort: AbortController | undefined;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private stopped: Promise<void> | undefined;
  private cancelRate: (() => void) | undefined;
  /** Reconnects since the last healthy session. */
  private failures = 0;

  constructor(options: LiveTailSourceOptions) {
    checkGroupCount(options.groups);
    this.opts = options;
    this.groupList = [...options.groups];
    this.meter = new LiveTailMeter(options.clock);
    this.backoff = options.backoff ?? new Backoff({ baseMs: 1000, maxMs: 30_000 });
    this.backfiller = new LiveTailBackfiller({
      logs: options.logs,
      clock: options.clock,
      limit: options.backfillLimit ?? 10_000,
      overlapMs: options.overlapMs ?? 5000,
      ...(options.backfillFrom === undefined ? {} : { from: options.backfillFrom }),
      initialGroups: options.groups.map((g) => g.name),
      ...(options.aws === undefined ? {} : { aws: options.aws }),
      deliver: (events) => {
        this.deliver(events);
      },
      notify: (info, text) => {
        this.emit(info, text);
      },
    });
  }

  get state(): LiveTailState {
    return this.current;
  }

  /** The newest event time seen, live or backfilled. */
  get lastEventTime(): number | undefined {
    return this.backfiller.newestTime;
  }

  /** Clock time the last live result arrived (for the idle rule). */
  get lastActivity(): number | undefined {
    return this.lastResultAt;
  }

  /** Clock time `start()` was called. */
  get startedAt(): number | undefined {
    return this.startTime;
  }

  /** Session minutes so far, all sessions (Live Tail bills per session minute, each started minute whole). */
  get billedMinutes(): number {
    return this.meter.billedMinutes;
  }

  /** Live results per second over the last minute. */
  get eventsPerSecond(): number {
    return this.meter.eventsPerSecond;
  }

  get groups(): readonly LogGroupRef[] {
    return this.groupList;
  }

  start(): void {
    if (this.loop !== undefined || this.stopping) return;
    this.startTime = this.opts.clock.now();
    this.backfiller.started(this.startTime);
    this.scheduleRate();
    this.loop = this.run();
  }

  /** The groups changed (one appeared): the session restarts with them, and their events so far are backfilled. */
  setGroups(groups: readonly LogGroupRef[]): void {
    checkGroupCount(groups);
    if (this.stopping || this.current === 'failed') return;
    const before = new Set(this.groupList.map((g) => g.arn));
    const added = groups.filter((g) => !before.has(g.arn));
    if (added.length === 0 && groups.length === this.groupList.length) return;
    this.groupList = [...groups];
    if (added.length > 0) {
      const names = added.map((g) => g.name);
      this.emit({ event: 'joined', groups: names }, `log group ${names.join(', ')} joins Live Tail: the session restarts with it and backfills its events`);
    }
    if (this.suspended) return;
    if (this.current === 'live') this.current = 'reconnecting';
    this.interrupt();
  }

  /** Closes the session to save cost, keeping what it knows; `resume()` reopens it and backfills the gap. */
  suspend(reason: string): void {
    if (this.stopping || this.suspended || this.current === 'failed') return;
    this.suspended = true;
    this.current = 'suspended';
    this.emit({ event: 'idle', reason, billedMinutes: this.meter.billedMinutes }, `Live Tail closed to save cost: ${reason}`);
    this.interrupt();
  }

  resume(reason: string): void {
    if (this.stopping || !this.suspended) return;
    this.suspended = false;
    this.current = 'starting';
    this.emit({ event: 'reopened', reason }, `Live Tail reopens: ${reason}; the gap is backfilled`);
    this.interrupt();
  }

  /** Aborts everything; resolves when no socket or timer of this source is left. */
  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    this.cancelRate?.();
    this.cancelRate = undefined;
    this.interrupt();
    const started = this.loop !== undefined;
    await this.loop;
    this.meter.sessionClosed();
    this.current = 'stopped';
    if (started) this.emit({ event: 'closed', billedMinutes: this.meter.billedMinutes }, `Live Tail stopped; ${String(this.meter.billedMinutes)} session minutes billed`);
  }

  /** A method, not a field read: `stop()` may set it during any await. */
  private halted(): boolean {
    return this.stopping;
  }

  private interrupt(): void {
    this.attemptAbort?.abort();
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      if (this.suspended || this.groupList.length === 0) {
        await new Promise<void>((resolve) => {
          this.wake = () => {
            this.wake = undefined;
            resolve();
          };
        });
        continue;
      }
      const attempt = new AbortController();
      this.attemptAbort = attempt;
      const end = await this.attempt(attempt.signal);
      this.attemptAbort = undefined;
      if (this.halted()) return;
      if (end.kind === 'failed') {
        this.current = 'failed';
        return;
      }
      if (end.kind === 'control') continue;
      this.current = 'reconnecting';
      const delay = end.delayMs ?? this.backoff.next();
      if (end.planned !== true) this.failures++;
      this.emit(
        { event: 'reconnecting', reason: end.reason, attempt: this.failures, retryInMs: delay },
        `Live Tail ${end.text}; reconnecting ${delay <= 0 ? 'now' : `in ${formatWait(delay)}`}${this.failures > 0 ? ` (attempt ${String(this.failures)})` : ''}`,
      );
      if (delay > 0) {
        const wait = new AbortController();
        this.attemptAbort = wait;
        await sleep(this.opts.clock, delay, wait.signal);
        this.attemptAbort = undefined;
      }
    }
  }

  /** Opens one session and reads it to its end. Never rejects. */
  private async attempt(signal: AbortSignal): Promise<AttemptEnd> {
    const groups = this.groupList;
    const stream = new AbortController();
    const onAbort = (): void => {
      stream.abort();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    // Armed before the request: an open that hangs is as dead as a silent stream.
    const watchdog = new HeartbeatWatchdog(this.opts.clock, this.opts.heartbeatTimeoutMs ?? 10_000, (silentMs) => {
      stream.abort(new StreamAbort('silence', silentMs));
    });
    try {
      let frames: AsyncIterable<StartLiveTailResponseStream>;
      try {
        frames = await this.opts.logs.startLiveTail({ logGroupIdentifiers: groups.map((g) => g.arn) }, stream.signal);
      } catch (err) {
        if (signal.aborted) return CONTROL;
        const own = abortEnd(stream.signal.reason);
        if (own !== undefined) return own;
        const failure = await openFailure(err, groups, {
          logs: this.opts.logs,
          signal,
          slowRetryMs: this.opts.slowRetryMs ?? 60_000,
          ...(this.opts.aws === undefined ? {} : { aws: this.opts.aws }),
          notify: (info, text) => {
            this.emit(info, text);
          },
        });
        if (failure.drop.length > 0) this.groupList = this.groupList.filter((g) => !failure.drop.includes(g.name));
        return isAborted(signal) ? CONTROL : failure.end;
      }
      return await this.read(frames, groups, stream, signal, watchdog);
    } finally {
      stream.abort();
      watchdog.stop();
      signal.removeEventListener('abort', onAbort);
    }
  }

  private async read(
    frames: AsyncIterable<StartLiveTailResponseStream>,
    groups: readonly LogGroupRef[],
    stream: AbortController,
    signal: AbortSignal,
    watchdog: HeartbeatWatchdog,
  ): Promise<AttemptEnd> {
    const { clock } = this.opts;
    const openedAt = clock.now();
    this.meter.sessionOpened();
    this.current = 'live';
    const names = groups.map((g) => g.name);
    this.emit({ event: 'connected', groups: names }, `Live Tail connected: ${names.join(', ')}`);
    const cancelRollover = clock.setTimeout(() => {
      stream.abort(new StreamAbort('rollover'));
    }, this.opts.rolloverMs ?? (3 * 60 - 5) * 60_000);
    // The session is open first, then the gap is filled: nothing falls between them.
    const backfilling = this.backfiller.fill(groups, stream.signal);
    const results = new LiveTailResults();
    let healthy = false;
    try {
      for await (const frame of frames) {
        watchdog.feed();
        if (frame.sessionUpdate !== undefined) this.onUpdate(frame.sessionUpdate, results);
        // The SDK throws these; a client that yields them instead gets the same treatment.
        if (frame.SessionTimeoutException !== undefined) return streamEnd({ name: 'SessionTimeoutException' });
        if (frame.SessionStreamingException !== undefined) return streamEnd({ name: 'SessionStreamingException' });
        if (!healthy && clock.now() - openedAt >= (this.opts.healthyMs ?? 60_000)) {
          healthy = true;
          this.backoff.reset();
          this.failures = 0;
        }
      }
      return streamEnd(undefined);
    } catch (err) {
      if (signal.aborted) return CONTROL;
      return abortEnd(stream.signal.reason) ?? streamEnd(err);
    } finally {
      cancelRollover();
      // Leaving `for await` early does not close the connection: the abort does.
      stream.abort();
      this.meter.sessionClosed();
      this.deliver(results.end());
      await backfilling;
    }
  }

  private onUpdate(update: LiveTailSessionUpdate, results: LiveTailResults): void {
    const sampled = update.sessionMetadata?.sampled === true;
    if (sampled !== this.sampled) {
      this.sampled = sampled;
      this.emit(
        { event: 'sampled', sampled },
        sampled
          ? 'CloudWatch samples Live Tail: more than 500 events per second matched, so not every event is shown live'
          : 'CloudWatch no longer samples Live Tail: every event is shown again',
      );
    }
    const found = update.sessionResults ?? [];
    if (found.length === 0) return;
    this.lastResultAt = this.opts.clock.now();
    this.meter.count(found.length);
    this.deliver(results.update(found));
  }

  private deliver(events: readonly DmsEvent[]): void {
    if (events.length === 0) return;
    this.backfiller.saw(events);
    this.opts.sink(events);
  }

  private emit(info: SessionInfo, text: string, severity?: Severity): void {
    this.opts.sink([sessionEvent(this.opts.clock.now(), info, text, severity)]);
  }

  private scheduleRate(): void {
    this.cancelRate = this.opts.clock.setTimeout(() => {
      this.cancelRate = undefined;
      if (this.stopping) return;
      if (this.current === 'live' || this.current === 'reconnecting') {
        const eventsPerSecond = this.meter.eventsPerSecond;
        const billedMinutes = this.meter.billedMinutes;
        this.emit({ event: 'rate', eventsPerSecond, billedMinutes }, `Live Tail: ${String(eventsPerSecond)} events/s, ${String(billedMinutes)} session minutes billed so far`);
      }
      this.scheduleRate();
    }, this.opts.rateIntervalMs ?? 60_000);
  }
}

function checkGroupCount(groups: readonly LogGroupRef[]): void {
  if (groups.length > MAX_LIVE_TAIL_GROUPS) {
    throw new RangeError(
      `Live Tail watches at most ${String(MAX_LIVE_TAIL_GROUPS)} log groups in one session, got ${String(groups.length)}: drop some --log-group flags`,
    );
  }
}
