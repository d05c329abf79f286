import type { DmsEvent, SessionEvent } from '../events/types.js';
import type { Clock } from '../sources/clock.js';
import { sessionEvent } from '../sources/session-event.js';

export interface ConnectionLinesCheckOptions {
  readonly clock: Clock;
  /** The PostgreSQL log group being tailed; the check runs only while there is one. */
  readonly rdsGroup: () => string | undefined;
  readonly sink: (events: readonly DmsEvent[]) => void;
  /**
   * How long after DMS left `testing_connection` to wait for PostgreSQL's
   * lines: CloudWatch ingests RDS log exports with a delay. @default 60000
   */
  readonly graceMs?: number;
}

/** Connection lines count from this long before the state began (clocks and ingestion differ). */
const WINDOW_SLACK_MS = 30_000;

/**
 * Notices a PostgreSQL log without connection lines: DMS tested its
 * connection to the source, yet PostgreSQL logged no `connection received`
 * then. RDS writes those lines only with `log_connections` on (RDS User
 * Guide, "PostgreSQL database log files"), so the likeliest cause is that it
 * is off, and the connection pane will stay empty. Said once per run.
 */
export class ConnectionLinesCheck {
  private readonly graceMs: number;
  private testingSince: number | undefined;
  private lastConnectionTime = Number.NEGATIVE_INFINITY;
  private pending: (() => void) | undefined;
  private warned = false;

  constructor(private readonly options: ConnectionLinesCheckOptions) {
    this.graceMs = options.graceMs ?? 60_000;
  }

  add(events: readonly DmsEvent[]): void {
    for (const event of events) {
      if (event.kind === 'connection') {
        this.lastConnectionTime = Math.max(this.lastConnectionTime, event.time);
      } else if (event.kind === 'state' || event.kind === 'status') {
        this.onState(event.state, event.time);
      }
    }
  }

  stop(): void {
    this.pending?.();
    this.pending = undefined;
  }

  private onState(state: string, time: number): void {
    if (state === 'testing_connection') {
      this.testingSince ??= time;
      return;
    }
    const since = this.testingSince;
    if (since === undefined) return;
    this.testingSince = undefined;
    if (this.warned || this.options.rdsGroup() === undefined) return;
    const from = since - WINDOW_SLACK_MS;
    this.pending?.();
    this.pending = this.options.clock.setTimeout(() => {
      this.pending = undefined;
      this.judge(from, state);
    }, this.graceMs);
  }

  private judge(from: number, nextState: string): void {
    const group = this.options.rdsGroup();
    if (this.warned || group === undefined || this.lastConnectionTime >= from) return;
    this.warned = true;
    const failed = nextState === 'failed';
    const text = failed
      ? `PostgreSQL logged no connection while DMS tested it (${group}): either DMS never reached the database (network), or log_connections is off there; check both`
      : `PostgreSQL logged no connection while DMS tested it, though the test passed: log_connections is likely off (set log_connections = 1 in the DB parameter group of ${group}'s database) so the connection pane stays empty`;
    const notice: SessionEvent = sessionEvent(this.options.clock.now(), { event: 'warning', reason: 'no connection lines', groups: [group] }, text);
    this.options.sink([notice]);
  }
}
