import type { Clock } from '../sources/clock.js';

/** Least time between two announcements: ten frames a second, so a flood costs one frame per Live Tail update at most. */
export const FRAME_MS = 100;

export interface FrameBatcherOptions<T> {
  /** Wall time: frames and ticks are about the screen, not about the data's (virtual) time. */
  readonly clock: Clock;
  /** Builds the snapshot of `version`; called at most once per announced version, when it is first asked for. */
  readonly build: (version: number) => T;
  /** @default FRAME_MS */
  readonly frameMs?: number;
  /**
   * How long the snapshot may rest before its `now` is moved on (a tick:
   * elapsed times and the poll's age count up on screen), given the state
   * now; undefined: never.
   */
  readonly tickMs?: () => number | undefined;
}

/**
 * React's useSyncExternalStore contract for a live source, batched:
 * `changed()` as often as data arrives, and listeners hear of it at most
 * once per frame; `getSnapshot()` returns the same object until the next
 * announcement, built lazily. A tick announces when nothing else did for
 * `tickMs`. Nothing is announced when nothing changed.
 */
export class FrameBatcher<T> {
  private readonly listeners = new Set<() => void>();
  private readonly frameMs: number;
  private version = 0;
  private snapshot: T | undefined;
  private pending = false;
  private lastAt = Number.NEGATIVE_INFINITY;
  private cancelFrame: (() => void) | undefined;
  private cancelTick: (() => void) | undefined;
  private closed = false;
  private count = 0;

  constructor(private readonly options: FrameBatcherOptions<T>) {
    this.frameMs = options.frameMs ?? FRAME_MS;
  }

  /** Announcements made so far. */
  get announcements(): number {
    return this.count;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  getSnapshot(): T {
    this.snapshot ??= this.options.build(this.version);
    return this.snapshot;
  }

  /** Something the snapshot shows changed: announce it with the next frame. */
  changed(): void {
    if (this.closed) return;
    this.pending = true;
    if (this.cancelFrame !== undefined) return;
    const wait = Math.max(0, this.lastAt + this.frameMs - this.options.clock.now());
    this.cancelFrame = this.options.clock.setTimeout(() => {
      this.cancelFrame = undefined;
      this.announce();
    }, wait);
  }

  /** Starts the ticks (the first `tickMs` from now). */
  start(): void {
    if (!this.closed && this.cancelTick === undefined) this.tick();
  }

  /** Cancels every timer and forgets the listeners; the last snapshot stays readable. */
  close(): void {
    this.closed = true;
    this.cancelFrame?.();
    this.cancelTick?.();
    this.cancelFrame = undefined;
    this.cancelTick = undefined;
    this.listeners.clear();
  }

  private announce(): void {
    if (!this.pending || this.closed) return;
    this.pending = false;
    this.version += 1;
    this.count += 1;
    this.snapshot = undefined;
    this.lastAt = this.options.clock.now();
    // `now` was just moved on: the next tick counts from here, so a busy source never ticks.
    if (this.cancelTick !== undefined) this.tick();
    for (const listener of [...this.listeners]) listener();
  }

  private tick(): void {
    this.cancelTick?.();
    this.cancelTick = undefined;
    const every = this.options.tickMs?.();
    if (every === undefined || this.closed) return;
    this.cancelTick = this.options.clock.setTimeout(() => {
      this.cancelTick = undefined;
      this.changed();
      // The announcement re-arms it too; armed here, it stays armed should the frame be cancelled.
      this.tick();
    }, every);
  }
}
