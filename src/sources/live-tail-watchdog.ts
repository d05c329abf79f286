import type { Clock } from './clock.js';

/**
 * Notices a dead Live Tail stream. CloudWatch sends a `sessionUpdate` every
 * second, empty when nothing matched (CloudWatch Logs API reference,
 * StartLiveTail), so a stream silent for several seconds is dead even when
 * its socket looks open (a stalled proxy, a half-open TCP connection).
 *
 * One clock timer at a time: a frame only records its time, and the timer,
 * when it fires early, waits for the rest. Feeding it per frame costs no
 * timer churn.
 */
export class HeartbeatWatchdog {
  private lastFrame: number;
  private cancel: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    /** Called once, with how long it has been silent. */
    private readonly onSilence: (silentMs: number) => void,
  ) {
    this.lastFrame = clock.now();
    this.arm(timeoutMs);
  }

  /** A frame arrived. */
  feed(): void {
    this.lastFrame = this.clock.now();
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
    this.cancel = undefined;
  }

  private arm(ms: number): void {
    this.cancel = this.clock.setTimeout(() => {
      this.cancel = undefined;
      if (this.stopped) return;
      const silent = this.clock.now() - this.lastFrame;
      if (silent >= this.timeoutMs) {
        this.stopped = true;
        this.onSilence(silent);
      } else {
        this.arm(this.timeoutMs - silent);
      }
    }, ms);
  }
}
