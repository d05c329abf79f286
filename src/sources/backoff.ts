/**
 * Capped exponential backoff with full jitter, as the AWS Architecture Blog
 * describes it ("Exponential Backoff And Jitter"): the n-th wait is a random
 * time in [0, min(maxMs, baseMs * 2^n)). Full jitter spreads reconnecting
 * clients (many dashboards after one network blip) instead of having them
 * hit the service in lockstep. Shared by the Live Tail session and the
 * pollers; they call `reset()` after a healthy stretch.
 */
export interface BackoffOptions {
  /** The cap of the first wait. */
  readonly baseMs: number;
  /** No wait is longer than this. */
  readonly maxMs: number;
  /** A number in [0, 1); `Math.random` unless a test fixes it. */
  readonly random?: () => number;
}

export class Backoff {
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;
  private tries = 0;

  constructor(opts: BackoffOptions) {
    if (!(opts.baseMs > 0) || !(opts.maxMs >= opts.baseMs)) {
      throw new RangeError(`Backoff needs 0 < baseMs <= maxMs (got ${opts.baseMs}, ${opts.maxMs})`);
    }
    this.baseMs = opts.baseMs;
    this.maxMs = opts.maxMs;
    this.random = opts.random ?? Math.random;
  }

  /** How many waits were handed out since the last reset. */
  get attempt(): number {
    return this.tries;
  }

  /** The cap the next `next()` draws below, without drawing. */
  get ceilingMs(): number {
    // 2^tries overflows to Infinity long after it passed any cap; min() keeps it finite.
    return Math.min(this.maxMs, this.baseMs * 2 ** this.tries);
  }

  /** Milliseconds to wait before the next try: grows with each call, with full jitter. */
  next(): number {
    const ceiling = this.ceilingMs;
    this.tries += 1;
    const r = Math.min(Math.max(this.random(), 0), 1);
    return Math.floor(r * ceiling);
  }

  /** Back to the first, shortest wait (after a success or a healthy stretch). */
  reset(): void {
    this.tries = 0;
  }
}
