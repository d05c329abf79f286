/** Lines longer than this are cut into pieces of this size, so one endless line cannot exhaust memory. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

/**
 * Splits a byte stream into lines (`\n`, with a trailing `\r` removed),
 * decoding UTF-8 (invalid bytes become U+FFFD). Each line is decoded on its
 * own with `toString(encoding, start, end)`: no per-line buffer objects, and
 * every line is a string of its own, so keeping one (an event's raw text)
 * never keeps the whole chunk it came from alive. Push chunks, take lines.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxLineBytes = MAX_LINE_BYTES) {}

  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      if (this.pendingBytes === 0 && nl - start <= this.maxLineBytes) {
        lines.push(decodeLine(chunk, start, nl));
      } else {
        this.keep(chunk, start, nl, lines);
        this.flushPending(lines);
      }
      start = nl + 1;
    }
    if (start < chunk.length) this.keep(chunk, start, chunk.length, lines);
    return lines;
  }

  /** The last line, when the input does not end with a newline. */
  end(): string[] {
    const lines: string[] = [];
    if (this.pendingBytes > 0) this.flushPending(lines);
    return lines;
  }

  /** Holds bytes of an unfinished line, emitting full pieces past the limit. */
  private keep(chunk: Buffer, start: number, end: number, lines: string[]): void {
    let from = start;
    while (this.pendingBytes + (end - from) > this.maxLineBytes) {
      const take = this.maxLineBytes - this.pendingBytes;
      this.pending.push(chunk.subarray(from, from + take));
      this.pendingBytes += take;
      this.flushPending(lines);
      from += take;
    }
    if (end > from) {
      // Copy: the caller may reuse the chunk's memory.
      this.pending.push(Buffer.from(chunk.subarray(from, end)));
      this.pendingBytes += end - from;
    }
  }

  private flushPending(lines: string[]): void {
    const bytes = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    lines.push(decodeLine(bytes, 0, bytes.length));
  }
}

function decodeLine(bytes: Buffer, start: number, end: number): string {
  const stop = end > start && bytes[end - 1] === 13 ? end - 1 : end;
  return bytes.toString('utf8', start, stop);
}
