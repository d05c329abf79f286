/**
 * The sandbox's virtual clock. Everything time-based in the sandbox (the
 * scenario script, Live Tail ticks, session limits, fault timers, log
 * timestamps, DMS dates) reads and schedules on it, so tests drive time with
 * `advance()` instead of sleeping.
 *
 * - Real-time mode: virtual time runs at `speed` x wall time; one unref'd
 *   wall timer waits for the earliest virtual timer.
 * - Manual mode: virtual time moves only through `advance(ms)`.
 *
 * Neither mode can starve the event loop (issue 7: `--speed 1e9` and
 * `--rate 1e12` stopped the sandbox answering HTTP and SIGTERM): a turn runs
 * at most `MAX_TIMERS_PER_TURN` timers or `TURN_BUDGET_MS` of wall time,
 * then yields with `setImmediate` so sockets and signals get theirs. When
 * timers cannot keep up in real time, virtual time follows the timers (each
 * runs at its own time, and `now()` stays at the last one until the backlog
 * is run) rather than the wall, whose backlog would grow every turn: the
 * sandbox slows down instead of falling over.
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

/** At most this many timers run in one turn of the event loop... */
export const MAX_TIMERS_PER_TURN = 1000;
/** ...and for at most about this long (a timer already running is not cut short). */
export const TURN_BUDGET_MS = 10;
/** Node's setTimeout takes at most 2^31-1 ms; beyond it warns (TimeoutOverflowWarning) and fires at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

interface Entry {
  readonly at: number;
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
  /** Real-time mode: the time of the timer running now, or of the last one run while behind. */
  private runningAt: number | undefined;
  /** Real-time mode: set while behind; timers up to here run before time follows the wall again. */
  private catchUpTo: number | undefined;
  /** The latest time `now()` has told anyone: time never goes back. */
  private told = Number.NEGATIVE_INFINITY;
  private manualNow: number;
  private readonly queue: Entry[] = [];
  private seq = 0;
  private wallTimer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
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
    const time = this.runningAt ?? this.wallTime();
    this.told = Math.max(this.told, time);
    return time;
  }

  /** Timers waiting to run (cancelled ones are forgotten at once). */
  get pendingTimers(): number {
    return this.queue.length;
  }

  /** Runs `fn` when virtual time reaches `time` (at once, on the next run, if it already has). */
  at(time: number, fn: () => void): ClockTimer {
    const entry: Entry = { at: time, seq: this.seq++, run: fn, cancelled: false };
    if (this.stopped) return { cancel: () => undefined };
    this.queue.splice(this.indexFor(entry), 0, entry);
    this.arm();
    return {
      cancel: () => {
        this.remove(entry);
      },
    };
  }

  after(ms: number, fn: () => void): ClockTimer {
    return this.at(this.now() + ms, fn);
  }

  /**
   * Runs `fn` every `intervalMs` (>= 1) of virtual time, first after one
   * interval. `fn` gets the time it was due: behind a backlog in real time,
   * `now()` may be later, and a writer that stamps its output with the due
   * time keeps it in order.
   */
  every(intervalMs: number, fn: (dueAt: number) => void): ClockTimer {
    if (!(intervalMs >= 1)) throw new RangeError(`every(intervalMs) needs an interval of at least 1 ms, got ${intervalMs}`);
    let current: ClockTimer | undefined;
    let cancelled = false;
    const schedule = (time: number): void => {
      current = this.at(time, () => {
        if (cancelled) return;
        schedule(time + intervalMs);
        fn(time);
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
   * Yields to the event loop between batches, so sockets keep flowing.
   */
  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
    const target = this.now() + ms;
    let turn = this.startTurn();
    for (;;) {
      const next = this.queue[0];
      if (next === undefined || next.at > target || this.stopped) break;
      if (turn.spent()) {
        await yieldTurn();
        turn = this.startTurn();
        continue;
      }
      this.queue.shift();
      this.jumpTo(next.at);
      this.runEntry(next);
    }
    this.jumpTo(target);
    this.arm();
    // Let sockets flush what the timers wrote before the caller looks.
    await yieldTurn();
  }

  /** Cancels every timer; the clock still tells time. */
  stop(): void {
    this.stopped = true;
    for (const entry of this.queue) entry.cancelled = true;
    this.queue.length = 0;
    if (this.wallTimer !== undefined) clearTimeout(this.wallTimer);
    this.wallTimer = undefined;
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.immediate = undefined;
  }

  private jumpTo(time: number): void {
    if (this.manual) {
      this.manualNow = Math.max(this.manualNow, time);
      return;
    }
    if (time > this.now()) {
      if (this.runningAt !== undefined) this.runningAt = time;
      this.virtualBase = time;
      this.wallBase = Date.now();
    }
  }

  /** Virtual time as the wall tells it. */
  private wallTime(): number {
    return Math.floor(this.virtualBase + (Date.now() - this.wallBase) * this.speed);
  }

  /** Where `entry` goes in the queue, ordered by (time, sequence). */
  private indexFor(entry: Entry): number {
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.queue[mid];
      if (other !== undefined && (other.at < entry.at || (other.at === entry.at && other.seq < entry.seq))) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private remove(entry: Entry): void {
    if (entry.cancelled) return;
    entry.cancelled = true;
    const i = this.indexFor(entry);
    // Not there when it is running now (already taken off the queue).
    if (this.queue[i] === entry) this.queue.splice(i, 1);
  }

  private runEntry(entry: Entry): void {
    if (entry.cancelled) return;
    entry.cancelled = true;
    try {
      entry.run();
    } catch (err) {
      this.onError(err);
    }
  }

  /** Counts the timers and the wall time of one turn. */
  private startTurn(): { spent(): boolean } {
    const began = Date.now();
    let ran = 0;
    return {
      spent: () => ran++ >= MAX_TIMERS_PER_TURN || Date.now() - began >= TURN_BUDGET_MS,
    };
  }

  private arm(): void {
    if (this.manual || this.stopped || this.immediate !== undefined) return;
    if (this.wallTimer !== undefined) clearTimeout(this.wallTimer);
    this.wallTimer = undefined;
    const next = this.queue[0];
    if (next === undefined) return;
    // A far timer is reached in steps: waking early finds nothing due and arms again.
    const wait = Math.min(MAX_TIMEOUT_MS, Math.max(0, Math.ceil((next.at - this.now()) / this.speed)));
    this.wallTimer = setTimeout(() => {
      this.wallTimer = undefined;
      this.runDue();
    }, wait);
    this.wallTimer.unref();
  }

  /** Real-time mode: runs what is due, a bounded batch per turn, each timer at its own time. */
  private runDue(): void {
    this.immediate = undefined;
    if (this.stopped) return;
    const target = this.catchUpTo ?? this.wallTime();
    const turn = this.startTurn();
    for (;;) {
      const next = this.queue[0];
      if (next === undefined || next.at > target) break;
      if (turn.spent()) {
        // Behind: I/O gets this turn, and time stays with the timers until they reach `target`.
        this.catchUpTo = target;
        this.immediate = setImmediate(() => {
          this.runDue();
        });
        this.immediate.unref();
        return;
      }
      this.queue.shift();
      this.runningAt = Math.max(next.at, this.told, this.runningAt ?? Number.NEGATIVE_INFINITY);
      this.runEntry(next);
    }
    if (this.catchUpTo !== undefined) {
      // Caught up: time moves on from here, not from where the wall got to meanwhile.
      this.virtualBase = Math.max(this.catchUpTo, this.runningAt ?? Number.NEGATIVE_INFINITY);
      this.wallBase = Date.now();
      this.catchUpTo = undefined;
    }
    this.runningAt = undefined;
    this.arm();
  }
}

function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
