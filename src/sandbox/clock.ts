/**
 * The sandbox's virtual clock. Everything time-based in the sandbox (the
 * scenario script, Live Tail ticks, session limits, fault timers, log
 * timestamps, DMS dates) reads and schedules on it, so tests drive time with
 * `advance()` instead of sleeping.
 *
 * - Real-time mode: virtual time runs at `speed` x wall time; one unref'd
 *   wall timer waits for the earliest virtual timer.
 * - Manual mode: virtual time moves only through `advance(ms)`.
 */

export interface ClockTimer {
  cancel(): void;
}

export interface VirtualClockOptions {
  /** Virtual epoch milliseconds at creation. */
  readonly startTime: number;
  /** Virtual milliseconds per wall millisecond (real-time mode). */
  readonly speed: number;
  readonly manual: boolean;
  /** Called when a timer callback throws; the clock keeps running. */
  readonly onError: (err: unknown) => void;
}

interface Entry {
  at: number;
  readonly seq: number;
  readonly run: () => void;
  cancelled: boolean;
}

export class VirtualClock {
  private readonly speed: number;
  private readonly manual: boolean;
  private readonly onError: (err: unknown) => void;
  private virtualBase: number;
  private wallBase: number;
  private manualNow: number;
  private readonly queue: Entry[] = [];
  private seq = 0;
  private wallTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(options: VirtualClockOptions) {
    this.speed = options.speed;
    this.manual = options.manual;
    this.onError = options.onError;
    this.virtualBase = options.startTime;
    this.manualNow = options.startTime;
    this.wallBase = Date.now();
  }

  now(): number {
    if (this.manual) return this.manualNow;
    return Math.floor(this.virtualBase + (Date.now() - this.wallBase) * this.speed);
  }

  /** Runs `fn` when virtual time reaches `time` (at once, on the next run, if it already has). */
  at(time: number, fn: () => void): ClockTimer {
    const entry: Entry = { at: time, seq: this.seq++, run: fn, cancelled: false };
    this.insert(entry);
    this.arm();
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  after(ms: number, fn: () => void): ClockTimer {
    return this.at(this.now() + ms, fn);
  }

  /** Runs `fn` every `intervalMs` of virtual time, first after one interval. */
  every(intervalMs: number, fn: () => void): ClockTimer {
    let current: ClockTimer | undefined;
    let cancelled = false;
    const schedule = (time: number): void => {
      current = this.at(time, () => {
        if (cancelled) return;
        schedule(time + intervalMs);
        fn();
      });
    };
    schedule(this.now() + intervalMs);
    return {
      cancel: () => {
        cancelled = true;
        current?.cancel();
      },
    };
  }

  /**
   * Moves virtual time forward by `ms`, running every timer that falls due,
   * each at its own time and in order. Works in real-time mode too (a jump).
   */
  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
    const target = this.now() + ms;
    for (;;) {
      const next = this.queue[0];
      if (next === undefined || next.at > target) break;
      this.queue.shift();
      if (next.cancelled) continue;
      this.jumpTo(next.at);
      this.runEntry(next);
    }
    this.jumpTo(target);
    this.arm();
    // Let sockets flush what the timers wrote before the caller looks.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Cancels every timer; the clock still tells time. */
  stop(): void {
    this.stopped = true;
    for (const entry of this.queue) entry.cancelled = true;
    this.queue.length = 0;
    if (this.wallTimer !== undefined) clearTimeout(this.wallTimer);
    this.wallTimer = undefined;
  }

  private jumpTo(time: number): void {
    if (this.manual) {
      this.manualNow = Math.max(this.manualNow, time);
      return;
    }
    if (time > this.now()) {
      this.virtualBase = time;
      this.wallBase = Date.now();
    }
  }

  private insert(entry: Entry): void {
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.queue[mid];
      if (other !== undefined && (other.at < entry.at || (other.at === entry.at && other.seq < entry.seq))) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, entry);
  }

  private runEntry(entry: Entry): void {
    try {
      entry.run();
    } catch (err) {
      this.onError(err);
    }
  }

  private arm(): void {
    if (this.manual || this.stopped) return;
    if (this.wallTimer !== undefined) clearTimeout(this.wallTimer);
    this.wallTimer = undefined;
    const next = this.queue[0];
    if (next === undefined) return;
    const wait = Math.max(0, Math.ceil((next.at - this.now()) / this.speed));
    this.wallTimer = setTimeout(() => {
      this.wallTimer = undefined;
      this.runDue();
    }, wait);
    this.wallTimer.unref();
  }

  private runDue(): void {
    const now = this.now();
    for (;;) {
      const next = this.queue[0];
      if (next === undefined || next.at > now) break;
      this.queue.shift();
      if (!next.cancelled) this.runEntry(next);
    }
    this.arm();
  }
}
