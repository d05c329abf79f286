import { MAX_MESSAGE_BYTES } from '../parse/event-size.js';
import { completeUtf8Length } from './utf8.js';

/**
 * Splits a byte stream into lines (`\n`, with a trailing `\r` removed),
 * decoding UTF-8 (invalid bytes become U+FFFD). Each line is decoded on its
 * own with `toString(encoding, start, end)`: no per-line buffer objects, and
 * every line is a string of its own, so keeping one (an event's raw text)
 * never keeps the whole chunk it came from alive. Push chunks, take lines.
 *
 * A line longer than `maxLineBytes` keeps its first `maxLineBytes` bytes
 * (cut on a character boundary); the rest is skipped as it streams by and
 * counted (`cuts`), so an endless line (`/dev/zero`) holds no more than
 * that. The line comes out when its newline (or the end of input) arrives.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes of the current line skipped past the cap. */
  private skipped = 0;
  /**
   * Bytes left out of the lines the last `push` or `end` returned, by their
   * index there; empty when every line was whole (nearly always).
   */
  readonly cuts = new Map<number, number>();

  constructor(private readonly maxLineBytes = MAX_MESSAGE_BYTES) {}

  push(chunk: Buffer): string[] {
    this.cuts.clear();
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      if (this.pendingBytes === 0 && this.skipped === 0 && nl - start <= this.maxLineBytes) {
        lines.push(decodeLine(chunk, start, nl));
      } else {
        this.keep(chunk, start, nl);
        this.finishLine(lines);
      }
      start = nl + 1;
    }
    if (start < chunk.length) this.keep(chunk, start, chunk.length);
    return lines;
  }

  /** The last line, when the input does not end with a newline. */
  end(): string[] {
    this.cuts.clear();
    const lines: string[] = [];
    if (this.pendingBytes > 0 || this.skipped > 0) this.finishLine(lines);
    return lines;
  }

  /** Holds bytes of an unfinished line up to the cap, and counts the rest. */
  private keep(chunk: Buffer, start: number, end: number): void {
    const take = Math.min(this.maxLineBytes - this.pendingBytes, end - start);
    if (take > 0) {
      // Copy: the caller may reuse the chunk's memory.
      this.pending.push(Buffer.from(chunk.subarray(start, start + take)));
      this.pendingBytes += take;
    }
    this.skipped += end - start - Math.max(take, 0);
  }

  private finishLine(lines: string[]): void {
    const bytes = Buffer.concat(this.pending, this.pendingBytes);
    let cut = this.skipped;
    let end = bytes.length;
    if (cut > 0) {
      // The cap may have fallen inside a character: leave all of it out.
      end = completeUtf8Length(bytes);
      cut += bytes.length - end;
      this.cuts.set(lines.length, cut);
    }
    this.pending = [];
    this.pendingBytes = 0;
    this.skipped = 0;
    lines.push(cut > 0 ? bytes.toString('utf8', 0, end) : decodeLine(bytes, 0, end));
  }
}

function decodeLine(bytes: Buffer, start: number, end: number): string {
  const stop = end > start && bytes[end - 1] === 13 ? end - 1 : end;
  return bytes.toString('utf8', start, stop);
}
