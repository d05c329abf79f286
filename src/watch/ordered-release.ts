import type { DmsEvent } from '../events/types.js';
import type { Clock } from '../sources/clock.js';

export interface OrderedReleaseOptions {
  readonly clock: Clock;
  /** Whether a gap is being filled (a reconnect and its backfill): events are held until it closes. */
  readonly gapOpen: () => boolean;
  readonly emit: (events: readonly DmsEvent[]) => void;
  /** How long new events wait for stragglers before they are released. @default 500 */
  readonly holdMs?: number;
  /** Most events held while a gap stays open; past this they are released anyway. @default 20000 */
  readonly maxHeld?: number;
  /**
   * Longest a gap holds events back: a reconnect that keeps failing (the
   * network is down) must not hide what is happening, its own notices
   * included. Past this, events leave as they come. @default 15000
   */
  readonly maxGapHoldMs?: number;
}

/**
 * Puts a live stream back in time order before it is written: events from
 * Live Tail, the backfill after a reconnect and the poller arrive
 * interleaved, and a line-oriented output cannot go back. New events wait a
 * moment (`holdMs`) and, while a reconnect's gap is being backfilled, until
 * the gap is closed; then everything held leaves sorted by time (stable
 * for ties). An event older than what already left is written when it
 * arrives, never dropped.
 */
export class OrderedRelease {
  private readonly holdMs: number;
  private readonly maxHeld: number;
  private held: DmsEvent[] = [];
  private cancelTimer: (() => void) | undefined;
  private gapSince: number | undefined;

  constructor(private readonly options: OrderedReleaseOptions) {
    this.holdMs = options.holdMs ?? 500;
    this.maxHeld = options.maxHeld ?? 20_000;
  }

  get heldCount(): number {
    return this.held.length;
  }

  push(events: readonly DmsEvent[]): void {
    if (events.length === 0) return;
    for (const event of events) this.held.push(event);
    if (this.held.length >= this.maxHeld) {
      this.flush();
      return;
    }
    this.cancelTimer ??= this.options.clock.setTimeout(() => {
      this.cancelTimer = undefined;
      this.tick();
    }, this.holdMs);
  }

  /** Releases everything held now, in time order (on exit, or when a caller knows the gap is closed). */
  flush(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (this.held.length === 0) return;
    const out = this.held;
    this.held = [];
    // Array.prototype.sort is stable: ties keep their arrival order.
    out.sort((a, b) => a.time - b.time);
    this.options.emit(out);
  }

  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  private tick(): void {
    const now = this.options.clock.now();
    if (!this.options.gapOpen()) this.gapSince = undefined;
    else this.gapSince ??= now;
    if (this.gapSince !== undefined && now - this.gapSince < (this.options.maxGapHoldMs ?? 15_000)) {
      this.cancelTimer = this.options.clock.setTimeout(() => {
        this.cancelTimer = undefined;
        this.tick();
      }, this.holdMs);
      return;
    }
    this.flush();
  }
}
