/**
 * Collects small writes into large ones, and lets the producer wait when
 * the destination is full (a slow pipe, `| less`), so memory does not grow
 * with the output. `write` never waits; `flush` waits for the destination
 * to drain. Producers check `backedUp` after a write (or a batch of small
 * ones) and, when it is true, await `flush` before writing more: what is
 * queued then stays within the destination's own buffer, one chunk and one
 * text. Text is encoded straight into a buffer: no joined string to build
 * and then encode again.
 */
export class BufferedWriter {
  private buffer: Buffer;
  private used = 0;
  private closed = false;
  private full = false;
  private failure: Error | undefined;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly chunkBytes = 256 * 1024,
  ) {
    this.buffer = Buffer.allocUnsafe(chunkBytes);
    out.on('error', (err: Error) => {
      // EPIPE (the reader went away, `| head`), ENOSPC (a full disk) and the
      // like: stop writing. What to tell the user is the CLI's to decide
      // (src/output/write-failure.ts).
      this.closed = true;
      this.failure ??= err;
    });
    out.on('close', () => {
      this.closed = true;
    });
  }

  /** True once the destination refused more (a closed pipe, a write error). */
  get isClosed(): boolean {
    return this.closed;
  }

  /** The error the destination failed with, if it did. */
  get error(): Error | undefined {
    return this.failure;
  }

  /** The destination asked to wait: await `flush` before writing more. */
  get backedUp(): boolean {
    return this.full && !this.closed;
  }

  write(text: string): void {
    if (this.closed) return;
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (this.used + text.length * 3 > this.chunkBytes) {
      this.pass();
      if (text.length * 3 > this.chunkBytes) {
        if (!this.out.write(text)) this.full = true;
        return;
      }
    }
    this.used += this.buffer.write(text, this.used);
  }

  /** Hands over what is buffered and waits until the destination has room (or is closed). */
  async flush(): Promise<void> {
    this.pass();
    if (this.full && !this.closed) await this.drained();
  }

  private pass(): void {
    if (this.closed || this.used === 0) return;
    // The stream keeps the chunk until it is written: hand it over and start a new one.
    const chunk = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(this.chunkBytes);
    this.used = 0;
    if (!this.out.write(chunk)) this.full = true;
  }

  /** Resolves on 'drain', or when the destination closes or fails; leaves no listener behind. */
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.out.off('drain', done);
        this.out.off('close', done);
        this.out.off('error', done);
        this.full = false;
        resolve();
      };
      this.out.on('drain', done);
      this.out.on('close', done);
      this.out.on('error', done);
    });
  }
}
