/**
 * Splits what PostgreSQL writes to stderr into log entries as RDS exports
 * them to CloudWatch: each line that starts with the `log_line_prefix` (a
 * timestamp) begins an event, and the lines after it that do not (a
 * DETAIL's tab-indented `Connection matched ...`, a multi-line statement)
 * belong to it (facts: one event can span lines).
 *
 * The server writes one message per write(), but a pipe read may end
 * anywhere, so text is held until its line is complete, and the last entry
 * until the next one begins or `flush()` says the writer paused.
 */
export class PostgresLogSplitter {
  private partial = '';
  private entry: string[] = [];

  /** Takes a chunk of the server's output; returns the entries it completed. */
  push(chunk: string): string[] {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    const done: string[] = [];
    for (const raw of lines) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (startsEntry(line) && this.entry.length > 0) done.push(this.take());
      this.entry.push(line);
    }
    return done;
  }

  /**
   * The entry held back, once nothing more can belong to it: the writer
   * paused after a whole line, or the line it left unfinished begins the
   * next entry.
   */
  flush(): string[] {
    if (this.entry.length === 0 || (this.partial !== '' && !startsEntry(this.partial))) return [];
    return [this.take()];
  }

  /** Everything held, even a line without its newline (the server exited). */
  end(): string[] {
    const done = this.partial !== '' && startsEntry(this.partial) && this.entry.length > 0 ? [this.take()] : [];
    if (this.partial !== '') this.entry.push(this.partial);
    this.partial = '';
    return this.entry.length === 0 ? done : [...done, this.take()];
  }

  private take(): string {
    const text = this.entry.join('\n');
    this.entry = [];
    return text;
  }
}

/** `2024-05-01 07:16:00 UTC:...`: a line that carries the prefix, as opposed to a continuation. */
export function startsEntry(line: string): boolean {
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/.test(line);
}
