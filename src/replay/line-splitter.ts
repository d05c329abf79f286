/** Lines longer than this are cut into pieces of this size, so one endless line cannot exhaust memory. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

/**
 * Splits a byte stream into lines (`\n`, with a trailing `\r` removed),
 * decoding UTF-8 (invalid bytes become U+FFFD). Push chunks, take lines.
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
      this.take(chunk.subarray(start, nl), lines, true);
      start = nl + 1;
    }
    if (start < chunk.length) this.take(chunk.subarray(start), lines, false);
    return lines;
  }

  /** The last line, when the input does not end with a newline. */
  end(): string[] {
    if (this.pendingBytes === 0) return [];
    const line = this.decode(Buffer.concat(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
    return [line];
  }

  private take(part: Buffer, lines: string[], complete: boolean): void {
    let rest = part;
    while (this.pendingBytes + rest.length > this.maxLineBytes) {
      const room = this.maxLineBytes - this.pendingBytes;
      this.pending.push(rest.subarray(0, room));
      lines.push(this.decode(Buffer.concat(this.pending)));
      this.pending = [];
      this.pendingBytes = 0;
      rest = rest.subarray(room);
    }
    if (complete) {
      const whole = this.pendingBytes === 0 ? rest : Buffer.concat([...this.pending, rest]);
      this.pending = [];
      this.pendingBytes = 0;
      lines.push(this.decode(whole));
    } else if (rest.length > 0) {
      // Copy: the caller may reuse the chunk's memory.
      this.pending.push(Buffer.from(rest));
      this.pendingBytes += rest.length;
    }
  }

  private decode(bytes: Buffer): string {
    const text = bytes.toString('utf8');
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  }
}
