import type { ServerResponse } from 'node:http';

/**
 * What one Live Tail session may hold for a client that reads slower than
 * updates come. CloudWatch's rule (StartLiveTail API reference, and the same
 * text in the service model's documentation of StartLiveTail): "If your
 * client consumes the log events slower than the server produces them,
 * CloudWatch Logs buffers up to 10 LiveTailSessionUpdate events or 5000 log
 * events, after which it starts dropping the oldest events." The sandbox
 * keeps those two limits and adds one of its own on bytes, since its events
 * can be large and 15 idle sessions must not take the machine's memory.
 */
export const MAX_QUEUED_UPDATES = 10;
export const MAX_QUEUED_EVENTS = 5000;
export const MAX_QUEUED_BYTES = 2 * 1024 * 1024;

/**
 * Frames are handed to the socket while it holds less than this, like a TCP
 * send buffer: a client that reads in bursts (an SDK reader in the same
 * process while a test moves virtual time by minutes at once) loses nothing;
 * only one that falls further behind sees the queue and its drops.
 */
export const SOCKET_BUFFER_BYTES = 1024 * 1024;

interface Item {
  readonly frame: Uint8Array;
  /** Log events in a `sessionUpdate`; other frames are never dropped. */
  readonly events: number;
  readonly droppable: boolean;
  /** Runs once the frame is handed to the socket (counts what clients were sent). */
  readonly onWritten: () => void;
}

/**
 * The frames of one event stream, written as fast as the client takes them
 * and no faster: a frame waits here while the response holds
 * `SOCKET_BUFFER_BYTES` or more not yet taken by the kernel (until its
 * `drain`), so a session holds at most that, one frame more, and this
 * bounded queue.
 */
export class FrameQueue {
  private readonly items: Item[] = [];
  private bytes = 0;
  private events = 0;
  private updates = 0;
  private blocked = false;
  private endWhenEmpty = false;
  private closed = false;
  /** Updates dropped, oldest first, because the client did not keep up. */
  dropped = 0;

  constructor(private readonly res: ServerResponse) {
    res.on('drain', this.onDrain);
  }

  /** Bytes held for the client: written but not yet taken by the kernel, and queued behind them. */
  get heldBytes(): number {
    return this.closed ? 0 : this.res.writableLength + this.bytes;
  }

  push(frame: Uint8Array, options: { events?: number; droppable?: boolean; onWritten?: () => void } = {}): void {
    if (this.closed || this.endWhenEmpty) return;
    const item: Item = { frame, events: options.events ?? 0, droppable: options.droppable ?? false, onWritten: options.onWritten ?? (() => undefined) };
    this.items.push(item);
    this.count(item, 1);
    this.dropOldest();
    this.flush();
  }

  /** Ends the response once everything queued has been written. */
  endAfterQueued(): void {
    this.endWhenEmpty = true;
    this.flush();
  }

  /** Forgets what is queued (the response is going away). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.items.length = 0;
    this.bytes = 0;
    this.events = 0;
    this.updates = 0;
    this.res.off('drain', this.onDrain);
  }

  private readonly onDrain = (): void => {
    this.blocked = false;
    this.flush();
  };

  private flush(): void {
    while (!this.blocked && !this.closed) {
      const item = this.items.shift();
      if (item === undefined) break;
      this.count(item, -1);
      // write() says false past Node's 16 KB high-water mark; 'drain' still comes once the buffer empties.
      this.res.write(item.frame);
      this.blocked = this.res.writableLength >= SOCKET_BUFFER_BYTES;
      item.onWritten();
    }
    if (this.endWhenEmpty && this.items.length === 0 && !this.closed) {
      this.close();
      this.res.end();
    }
  }

  /** Drops the oldest updates while over a limit, always keeping the newest. */
  private dropOldest(): void {
    while (this.updates > MAX_QUEUED_UPDATES || this.events > MAX_QUEUED_EVENTS || this.bytes > MAX_QUEUED_BYTES) {
      const i = this.items.findIndex((item) => item.droppable);
      const newest = this.items.findLastIndex((item) => item.droppable);
      if (i < 0 || i === newest) return;
      const [item] = this.items.splice(i, 1);
      if (item === undefined) return;
      this.count(item, -1);
      this.dropped++;
    }
  }

  private count(item: Item, sign: 1 | -1): void {
    this.bytes += sign * item.frame.byteLength;
    if (!item.droppable) return;
    this.events += sign * item.events;
    this.updates += sign;
  }
}
