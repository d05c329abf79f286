import type { RawLogRecord } from '../events/types.js';
import { capMessage, MAX_MESSAGE_BYTES } from '../parse/event-size.js';
import { continuesPgEntry, parsePgLinePrefix } from '../parse/postgres-entry.js';

/**
 * Plain-text logs: one entry per line, except that a line continues the
 * entry before it when it begins with a tab, or when it is a PostgreSQL
 * DETAIL/HINT/CONTEXT/STATEMENT line of the same process (RDS ships those
 * in the same CloudWatch event as the message they explain). Lines that are
 * JSON string literals, as `jq .events[].message` prints them, are decoded.
 * Blank lines are skipped.
 *
 * An entry holds at most `maxBytes` (endless continuation lines must not
 * grow one without bound): past that its lines are counted, not kept, and
 * the record says how many bytes were left out (`cutBytes`).
 */
export class PlainTextEntries {
  private current: string | undefined;
  private pid: number | undefined;
  /** The entry's exact UTF-8 size, once it is long enough for that to matter; -1 before. */
  private currentBytes = -1;
  /** The entry reached the cap: further lines are counted, not kept. */
  private full = false;
  private cutBytes = 0;

  constructor(private readonly maxBytes = MAX_MESSAGE_BYTES) {}

  /** `cuts`: bytes the line splitter left out of a line, by its index in `lines`. */
  push(lines: readonly string[], cuts?: ReadonlyMap<number, number>): RawLogRecord[] {
    const out: RawLogRecord[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      const lineCut = cuts === undefined || cuts.size === 0 ? 0 : (cuts.get(i) ?? 0);
      if (this.current !== undefined && (line.startsWith('\t') || (this.pid !== undefined && continuesPgEntry(line, this.pid)))) {
        this.append(line);
        this.cutBytes += lineCut;
        continue;
      }
      this.take(out);
      if (line.trim() === '') continue;
      this.current = decodeJqString(line);
      this.pid = parsePgLinePrefix(this.current)?.pid;
      this.cutBytes = lineCut;
      // A line the splitter cut is as long as an entry may be.
      this.full = lineCut > 0;
    }
    return out;
  }

  end(): RawLogRecord[] {
    const out: RawLogRecord[] = [];
    this.take(out);
    return out;
  }

  /** Ends the current entry, if any, into `out`. */
  private take(out: RawLogRecord[]): void {
    if (this.current !== undefined) out.push(this.cutBytes > 0 ? { message: this.current, cutBytes: this.cutBytes } : { message: this.current });
    this.current = undefined;
    this.pid = undefined;
    this.currentBytes = -1;
    this.full = false;
    this.cutBytes = 0;
  }

  private append(line: string): void {
    const lineBytes = (): number => Buffer.byteLength(line) + 1;
    if (this.full) {
      this.cutBytes += lineBytes();
      return;
    }
    const current = this.current ?? '';
    // A UTF-16 code unit takes at most 3 UTF-8 bytes: short entries need no measuring.
    if ((current.length + 1 + line.length) * 3 <= this.maxBytes) {
      this.current = `${current}\n${line}`;
      return;
    }
    if (this.currentBytes < 0) this.currentBytes = Buffer.byteLength(current);
    const added = lineBytes();
    if (this.currentBytes + added <= this.maxBytes) {
      this.current = `${current}\n${line}`;
      this.currentBytes += added;
      return;
    }
    this.full = true;
    const room = this.maxBytes - this.currentBytes - 1;
    if (room <= 0) {
      this.cutBytes += added;
      return;
    }
    const kept = capMessage(line, room);
    this.current = `${current}\n${kept.message}`;
    this.cutBytes += kept.cutBytes;
  }
}

function decodeJqString(line: string): string {
  if (line.length < 2 || !line.startsWith('"') || !line.endsWith('"')) return line;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'string' ? value : line;
  } catch {
    return line;
  }
}
