import type { LiveTailSessionUpdate } from '@aws-sdk/client-cloudwatch-logs';
import type { DmsEvent, SessionInfo, Severity } from '../events/types.js';
import { Backoff } from './backoff.js';
import { sleep } from './clock.js';
import type { AttemptSettings } from './live-tail-attempt.js';
import { runAttempt } from './live-tail-attempt.js';
import type { AttemptEnd } from './live-tail-ends.js';
import { formatWait } from './live-tail-ends.js';
import { LiveTailBackfiller } from './live-tail-backfiller.js';
import { LiveTailMeter } from './live-tail-meter.js';
import type { LiveTailSourceOptions, LiveTailState, LogGroupRef } from './live-tail-options.js';
import { checkGroupCount } from './live-tail-options.js';
import type { LiveTailResults } from './live-tail-results.js';
import { sessionEvent } from './session-event.js';

export type { LiveTailSourceOptions, LiveTailState, LogGroupRef } from './live-tail-options.js';
export { MAX_LIVE_TAIL_GROUPS } from './live-tail-options.js';

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
  private readonly settings: AttemptSettings;
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
    this.settings = {
      logs: options.logs,
      clock: options.clock,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 10_000,
      // CloudWatch ends a session at 3 hours (SessionTimeoutException): leave 5 minutes to spare.
      rolloverMs: options.rolloverMs ?? (3 * 60 - 5) * 60_000,
      healthyMs: options.healthyMs ?? 60_000,
      slowRetryMs: options.slowRetryMs ?? 60_000,
      ...(options.aws === undefined ? {} : { aws: options.aws }),
    };
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

  /**
   * Whether a backfill is filling a gap now (after the start, a reconnect,
   * a resume or a group joining). Together with `state` 'starting' and
   * 'reconnecting' it tells when events may still arrive out of order.
   */
  get backfilling(): boolean {
    return this.backfiller.active;
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

  /** One session, opened and read to its end. Never rejects. */
  private attempt(signal: AbortSignal): Promise<AttemptEnd> {
    const groups = this.groupList;
    return runAttempt(groups, signal, this.settings, {
      opened: () => {
        this.meter.sessionOpened();
        this.current = 'live';
        const names = groups.map((g) => g.name);
        this.emit({ event: 'connected', groups: names }, `Live Tail connected: ${names.join(', ')}`);
      },
      fill: (streamSignal) => this.backfiller.fill(groups, streamSignal),
      update: (update, results) => {
        this.onUpdate(update, results);
      },
      healthy: () => {
        this.backoff.reset();
        this.failures = 0;
      },
      closed: (rest) => {
        this.meter.sessionClosed();
        this.deliver(rest);
      },
      drop: (names) => {
        this.groupList = this.groupList.filter((g) => !names.includes(g.name));
      },
      notify: (info, text) => {
        this.emit(info, text);
      },
    });
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
