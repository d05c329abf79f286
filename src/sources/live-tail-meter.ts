import type { Clock } from './clock.js';

const MINUTE_MS = 60_000;
/** The window `eventsPerSecond` averages over. */
const RATE_WINDOW_SECONDS = 60;

/**
 * What Live Tail costs and carries. CloudWatch Logs bills Live Tail per
 * session minute (Amazon CloudWatch pricing, "Live Tail"); a session is
 * counted here by the minutes it was open, each started minute whole, so a
 * session of 61 s counts 2. The event rate is the live results of the last
 * minute, per second.
 */
export class LiveTailMeter {
  private closedMinutes = 0;
  private openedAt: number | undefined;
  /** Results per second of clock time, the last minute's worth. */
  private readonly perSecond = new Map<number, number>();

  constructor(private readonly clock: Clock) {}

  sessionOpened(): void {
    this.sessionClosed();
    this.openedAt = this.clock.now();
  }

  sessionClosed(): void {
    if (this.openedAt === undefined) return;
    this.closedMinutes += startedMinutes(this.clock.now() - this.openedAt);
    this.openedAt = undefined;
  }

  /** Session minutes so far, every session of this source, the open one included. */
  get billedMinutes(): number {
    const open = this.openedAt === undefined ? 0 : startedMinutes(this.clock.now() - this.openedAt);
    return this.closedMinutes + open;
  }

  /** `n` live results arrived now. */
  count(n: number): void {
    if (n <= 0) return;
    const second = Math.floor(this.clock.now() / 1000);
    this.perSecond.set(second, (this.perSecond.get(second) ?? 0) + n);
    if (this.perSecond.size > RATE_WINDOW_SECONDS) this.prune(second);
  }

  /** Live results per second over the last minute. */
  get eventsPerSecond(): number {
    const second = Math.floor(this.clock.now() / 1000);
    this.prune(second);
    let total = 0;
    for (const n of this.perSecond.values()) total += n;
    return Math.round((total / RATE_WINDOW_SECONDS) * 10) / 10;
  }

  private prune(second: number): void {
    for (const key of this.perSecond.keys()) if (key <= second - RATE_WINDOW_SECONDS) this.perSecond.delete(key);
  }
}

function startedMinutes(ms: number): number {
  return Math.max(1, Math.ceil(ms / MINUTE_MS));
}
