/**
 * Collects small writes into large ones, and lets the producer wait when
 * the destination is full (a slow pipe, `| less`), so memory does not grow
 * with the output. `write` never waits; `flush` waits for the destination
 * to drain. Producers call `flush` between batches.
 */
export class BufferedWriter {
  private parts: string[] = [];
  private size = 0;
  private closed = false;
  private full = false;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly highWater = 64 * 1024,
  ) {
    out.on('error', () => {
      // EPIPE (the reader went away, `| head`) and the like: stop writing.
      this.closed = true;
    });
  }

  /** True once the destination refused more (e.g. the pipe was closed). */
  get isClosed(): boolean {
    return this.closed;
  }

  write(text: string): void {
    if (this.closed) return;
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.highWater) this.pass();
  }

  async flush(): Promise<void> {
    this.pass();
    if (this.full && !this.closed) await this.drained();
  }

  private pass(): void {
    if (this.closed || this.size === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
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
