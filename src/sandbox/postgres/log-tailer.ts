import type { VirtualClock } from '../clock.js';
import { postgresTime } from '../player/log-text.js';
import type { LogStore } from '../world/log-store.js';
import { PostgresLogSplitter } from './log-splitter.js';

/** `%t` as PostgreSQL writes it with `log_timezone = UTC`. */
const STAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/;

export interface LogTailerOptions {
  readonly logs: LogStore;
  readonly group: string;
  readonly stream: string;
  readonly clock: VirtualClock;
  /**
   * When virtual time is not wall time (another speed, a manual clock), the
   * `%t` of each entry is moved onto the virtual clock so it agrees with
   * every other time the sandbox shows; the rest of the text stays as written.
   */
  readonly virtualStamps: boolean;
}

/**
 * The server's stderr → entries in the instance's RDS log group (events with
 * CloudWatch ids and ingestion times from the log store), as the server
 * writes them: start-up, connections, checkpoints, shutdown.
 */
export class PostgresLogTailer {
  private readonly splitter = new PostgresLogSplitter();
  private flushTimer: NodeJS.Immediate | undefined;

  constructor(private readonly options: LogTailerOptions) {}

  /** Takes a chunk of stderr; the entry it may leave open is written once the server pauses. */
  write(chunk: string): void {
    this.put(this.splitter.push(chunk));
    if (this.flushTimer !== undefined) clearImmediate(this.flushTimer);
    // The pipe is drained in this turn: if nothing follows, the last entry is whole.
    this.flushTimer = setImmediate(() => {
      this.flushTimer = undefined;
      this.put(this.splitter.flush());
    });
  }

  /** The server exited: whatever it left is written. */
  end(): void {
    if (this.flushTimer !== undefined) clearImmediate(this.flushTimer);
    this.flushTimer = undefined;
    this.put(this.splitter.end());
  }

  private put(entries: readonly string[]): void {
    const { logs, group, stream, clock, virtualStamps } = this.options;
    for (const entry of entries) {
      const time = clock.now();
      const message = virtualStamps ? entry.replace(STAMP, postgresTime(time)) : entry;
      logs.put(group, stream, message, time);
    }
  }
}
