import type { DmsEvent } from '../events/types.js';
import { BufferedWriter } from './buffered-writer.js';

export interface EventLineWriterOptions {
  readonly out: NodeJS.WritableStream;
  /** One event as its line, `\n` included (NDJSON or a plain line). */
  readonly format: (event: DmsEvent) => string;
  /** Tells the user something on stderr: one line, no prefix, no `\n`. */
  readonly warn: (line: string) => void;
  /** The event written where events were left out, so whoever reads the output sees the gap and its size. */
  readonly gapEvent: (leftOut: number, time: number) => DmsEvent;
  /** Most characters of event text waiting for the destination; newer events past it are left out, counted. @default 32 MiB */
  readonly maxQueuedChars?: number;
  /** @default 64 KiB */
  readonly chunkBytes?: number;
}

/**
 * Writes a live stream of events as lines, in order, at the pace of the
 * destination. A live source cannot be paused (Live Tail pushes; polls come
 * due), so when the reader is slower than the events (`| jq` on a flood,
 * `| less` left on its first page) they wait here, and what waits is
 * bounded (`maxQueuedChars`). Past the bound, newer events are left out
 * rather than taking the process's memory, and nothing is left out
 * silently: the first time, one line on stderr says so; where the output
 * resumes, a `session` warning event says how many events are missing
 * there; at the end, stderr has the total. A reader that goes away
 * (`| head`) or fails ends the output: nothing more is queued.
 */
export class EventLineWriter {
  private readonly writer: BufferedWriter;
  private readonly maxQueuedChars: number;
  private queue: DmsEvent[] = [];
  private head = 0;
  private queuedChars = 0;
  /** Events left out since the last gap event was queued. */
  private gap = 0;
  private gapTime = 0;
  private leftOutTotal = 0;
  private warned = false;
  private pumping = false;
  private abandoned = false;
  private idle: (() => void)[] = [];
  /** The gap events queued, told apart from the events they stand between. */
  private readonly gapEvents = new WeakSet<DmsEvent>();

  constructor(private readonly options: EventLineWriterOptions) {
    this.writer = new BufferedWriter(options.out, options.chunkBytes ?? 64 * 1024);
    this.maxQueuedChars = options.maxQueuedChars ?? 32 * 1024 * 1024;
  }

  /** Events left out so far because the destination did not keep up. */
  get leftOut(): number {
    return this.leftOutTotal;
  }

  /** The destination is gone (the reader went away, or writing failed). */
  get isClosed(): boolean {
    return this.writer.isClosed;
  }

  /** Queues events to be written in this order; never waits. */
  write(events: readonly DmsEvent[]): void {
    if (this.writer.isClosed || this.abandoned) return;
    for (const event of events) {
      const chars = charsOf(event);
      if (this.head < this.queue.length && this.queuedChars + chars > this.maxQueuedChars) {
        this.leaveOut(event);
        continue;
      }
      if (this.gap > 0) this.enqueueGap();
      this.enqueue(event);
    }
    void this.pump();
  }

  /**
   * Waits until every queued event is written. When `giveUp` resolves first
   * (the user asked to stop and the reader is stuck), stops there, drops the
   * destination so a pending write cannot keep the process alive, and counts
   * what was still queued as not written. Says on stderr how many events
   * were not written, if any.
   */
  async end(giveUp?: Promise<void>): Promise<void> {
    if (this.gap > 0 && !this.writer.isClosed) {
      // Events were left out at the very end: the output still says so.
      this.enqueueGap();
      void this.pump();
    }
    const drained = new Promise<void>((resolve) => {
      if (this.isIdle()) resolve();
      else this.idle.push(resolve);
    });
    const outcome = await Promise.race([drained.then(() => 'drained' as const), ...(giveUp === undefined ? [] : [giveUp.then(() => 'gave up' as const)])]);
    if (outcome === 'gave up' && !this.isIdle()) {
      this.abandoned = true;
      for (let i = this.head; i < this.queue.length; i++) {
        const event = this.queue[i];
        if (event !== undefined && !this.gapEvents.has(event)) this.leftOutTotal += 1;
      }
      this.clear();
      const out = this.options.out as NodeJS.WritableStream & { destroy?: () => void };
      out.destroy?.();
    } else {
      await this.writer.flush();
    }
    if (this.leftOutTotal === 0) return;
    // (Some of what was handed to the stream before may not have reached the reader either: "at least".)
    if (this.abandoned) this.options.warn(`at least ${String(this.leftOutTotal)} event(s) were not written: stdout was not reading when the watch ended`);
    else if (!this.writer.isClosed) this.options.warn(`${String(this.leftOutTotal)} event(s) were not written: stdout did not keep up with them`);
  }

  private leaveOut(event: DmsEvent): void {
    if (this.gap === 0) this.gapTime = event.time;
    this.gap += 1;
    this.leftOutTotal += 1;
    if (this.warned) return;
    this.warned = true;
    const mb = Math.round(this.queuedChars / (1024 * 1024));
    this.options.warn(`stdout is not keeping up: ${String(mb)} MB of events are waiting for it, and newer ones are left out until it catches up (the output marks each gap)`);
  }

  private enqueue(event: DmsEvent): void {
    this.queue.push(event);
    this.queuedChars += charsOf(event);
  }

  private enqueueGap(): void {
    const event = this.options.gapEvent(this.gap, this.gapTime);
    this.gapEvents.add(event);
    this.enqueue(event);
    this.gap = 0;
  }

  private clear(): void {
    this.queue = [];
    this.head = 0;
    this.queuedChars = 0;
  }

  private isIdle(): boolean {
    return !this.pumping && this.head >= this.queue.length;
  }

  /** Writes what is queued, waiting for the destination whenever it is full. One pump at a time. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.head < this.queue.length && !this.writer.isClosed && !this.abandoned) {
        const event = this.queue[this.head] as DmsEvent;
        this.head += 1;
        this.queuedChars -= charsOf(event);
        this.writer.write(this.options.format(event));
        if (this.head >= this.queue.length) {
          // Caught up: start the queue afresh, and hand the last lines over now (a live output
          // should show them at once). New events may arrive while this waits: the loop sees them.
          this.clear();
          await this.writer.flush();
        } else if (this.writer.backedUp) {
          // Let go of what was written before waiting: a reader that never catches up must not
          // keep every event it was ever sent alive in this array.
          if (this.head >= 1024) {
            this.queue = this.queue.slice(this.head);
            this.head = 0;
          }
          await this.writer.flush();
        }
      }
    } finally {
      this.pumping = false;
      if (this.writer.isClosed || this.abandoned) this.clear();
      if (this.isIdle()) for (const resolve of this.idle.splice(0)) resolve();
    }
  }
}

/** What an event weighs in the queue: its text (its other fields are small and bounded). */
function charsOf(event: DmsEvent): number {
  return event.raw.length + event.text.length;
}
