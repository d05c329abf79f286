import type { RawLogRecord } from '../events/types.js';
import { continuesPgEntry, parsePgLinePrefix } from '../parse/postgres-entry.js';

/**
 * Plain-text logs: one entry per line, except that a line continues the
 * entry before it when it begins with a tab, or when it is a PostgreSQL
 * DETAIL/HINT/CONTEXT/STATEMENT line of the same process (RDS ships those
 * in the same CloudWatch event as the message they explain). Lines that are
 * JSON string literals, as `jq .events[].message` prints them, are decoded.
 * Blank lines are skipped.
 */
export class PlainTextEntries {
  private current: string | undefined;
  private pid: number | undefined;

  push(lines: readonly string[]): RawLogRecord[] {
    const out: RawLogRecord[] = [];
    for (const line of lines) {
      if (this.current !== undefined && (line.startsWith('\t') || (this.pid !== undefined && continuesPgEntry(line, this.pid)))) {
        this.current += `\n${line}`;
        continue;
      }
      if (this.current !== undefined) out.push({ message: this.current });
      this.current = line.trim() === '' ? undefined : decodeJqString(line);
      this.pid = this.current === undefined ? undefined : parsePgLinePrefix(this.current)?.pid;
    }
    return out;
  }

  end(): RawLogRecord[] {
    const last = this.current;
    this.current = undefined;
    this.pid = undefined;
    return last === undefined ? [] : [{ message: last }];
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
