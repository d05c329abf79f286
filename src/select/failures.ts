import type { ConnectionEvent, DmsEvent, EventSource, StateEvent, StatusEvent } from '../events/types.js';
import { toSafeLine } from '../parse/safe-text.js';
import { ConnectionsBuilder } from './connections.js';
import {
  GENERIC_FAILURE_HINT,
  hintForPostgresFailure,
  hintForStopReason,
  hintForTaskError,
  hintForTestConnection,
  isAbnormalStopReason,
  isTestConnectionFailure,
} from './hints.js';
import { replicationKeyOf } from './replication-key.js';

/** A failure worth the user's attention, with what to check next. Repeats fold into one with a count. */
export interface FailureHighlight {
  readonly key: string;
  readonly time: number;
  readonly lastTime: number;
  readonly count: number;
  readonly source: EventSource;
  readonly replication?: string;
  /** A few words: "Replication failed", "PostgreSQL refused login", ...; terminal-safe. */
  readonly title: string;
  /** The message itself, one terminal-safe line. */
  readonly text: string;
  /** What to check next, one terminal-safe line (it may quote the PostgreSQL reason). */
  readonly hint: string;
  /** The event that first raised it. */
  readonly eventId: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const DIGITS = /\d+/g;

/** How far back to look for PostgreSQL connections when a test connection failed and no testing_connection state was seen. */
const TEST_CONNECTION_WINDOW_MS = 10 * 60_000;
/** Logs from two sources are not perfectly in step: allow this much after the failure. */
const CLOCK_SLACK_MS = 5_000;

export interface FailuresOptions {
  /** Most highlights kept (the newest); repeats do not count. @default 1000 */
  readonly limit?: number;
}

/**
 * Folds events into failure highlights: failed states and failure messages,
 * abnormal stop reasons, refused or failed PostgreSQL connections, other
 * FATAL/PANIC entries and DMS task errors. Feed events in time order; it
 * reads the connections seen so far to tell a network problem from a
 * credentials problem when a test connection fails.
 */
export class FailuresBuilder {
  private readonly limit: number;
  private readonly byKey = new Map<string, Mutable<FailureHighlight>>();
  private readonly stateOf = new Map<string | undefined, { state: string; since: number }>();
  private postgresSeen = false;

  constructor(
    private readonly connections: ConnectionsBuilder,
    options: FailuresOptions = {},
  ) {
    this.limit = Math.max(1, options.limit ?? 1000);
  }

  add(event: DmsEvent): void {
    if (event.source === 'postgres') this.postgresSeen = true;
    switch (event.kind) {
      case 'state':
      case 'status':
        this.addReplicationEvent(event);
        break;
      case 'connection':
        this.addConnection(event);
        break;
      case 'task':
        if (event.severity === 'error') {
          this.raise(event, `task|${event.component}|${event.text}`, `DMS task error (${event.component})`, event.text, hintForTaskError(event.component));
        }
        break;
      case 'log':
        if (event.pg !== undefined && (event.pg.level === 'FATAL' || event.pg.level === 'PANIC')) {
          this.raise(event, `pg|${event.pg.level}|${event.text}`, `PostgreSQL ${event.pg.level}`, event.text, hintForPostgresFailure(event.text));
        }
        break;
    }
  }

  /**
   * A copy that folds on by itself over `connections` (a copy of the
   * builder this one reads), for LiveSummary's copies to fold again from.
   */
  clone(connections: ConnectionsBuilder): FailuresBuilder {
    const copy = new FailuresBuilder(connections, { limit: this.limit });
    for (const [key, highlight] of this.byKey) copy.byKey.set(key, { ...highlight });
    for (const [replication, state] of this.stateOf) copy.stateOf.set(replication, state);
    copy.postgresSeen = this.postgresSeen;
    return copy;
  }

  /** The highlights, oldest first. */
  list(): FailureHighlight[] {
    return [...this.byKey.values()].map((f) => ({ ...f }));
  }

  private addReplicationEvent(event: StateEvent | StatusEvent): void {
    const replication = replicationKeyOf(event);
    const state = event.state.toLowerCase();
    const previous = this.stateOf.get(replication);
    if (previous?.state !== state) this.stateOf.set(replication, { state, since: event.time });
    const failure = failureText(event);
    if (failure !== undefined) {
      const stateAtFailure = previous?.state;
      let hint: string;
      if (isTestConnectionFailure(failure, stateAtFailure)) {
        const since = stateAtFailure === 'testing_connection' && previous !== undefined ? previous.since : event.time - TEST_CONNECTION_WINDOW_MS;
        const attempts = this.connections.since(since).filter((a) => a.start <= event.time + CLOCK_SLACK_MS);
        hint = hintForTestConnection(attempts, this.postgresSeen);
      } else {
        hint = GENERIC_FAILURE_HINT;
      }
      // A report cut short says so, as its text does.
      const shown = event.kind === 'state' && event.truncated === true ? `${failure}…` : failure;
      this.raise(event, `replication|${failure}`, 'Replication failed', shown, hint);
    }
    if (event.kind === 'status' && event.changes.includes('stopReason')) {
      const reason = event.snapshot.stopReason;
      if (reason !== undefined && isAbnormalStopReason(reason)) {
        this.raise(event, `stop|${reason}`, 'Replication stopped abnormally', reason, hintForStopReason(reason));
      }
    }
  }

  private addConnection(event: ConnectionEvent): void {
    const c = event.connection;
    if (c.event !== 'auth_failed' && c.event !== 'failed') return;
    const reason = c.reason ?? event.text;
    const title = c.event === 'auth_failed' ? 'PostgreSQL refused login' : 'PostgreSQL connection failed';
    const who = [c.user ?? event.pg.user, c.database ?? event.pg.database].filter((s) => s !== undefined).join('@');
    const text = who === '' ? reason : `${reason} [${who}${c.host === undefined ? '' : ` from ${c.host}`}]`;
    // Repeats fold on the FATAL message alone: the DETAIL after " — " varies.
    const headline = reason.split(' — ', 1)[0] ?? reason;
    this.raise(event, `conn|${c.event}|${headline}`, title, text, hintForPostgresFailure(reason));
  }

  /**
   * Repeats fold on a key with its numbers blanked out: the same error about
   * table orders_15 and orders_93, or with another row count, is one
   * highlight with a count, not a wall of near-copies. The text shown is the
   * first one's. The replication is kept whole: resource ids differ in
   * their digits too, and two replications failing alike are two failures.
   */
  private raise(event: DmsEvent, rawKey: string, title: string, text: string, hint: string): void {
    const replication = replicationKeyOf(event);
    const key = `${replication ?? ''}|${rawKey.replace(DIGITS, '#')}`;
    const existing = this.byKey.get(key);
    if (existing !== undefined) {
      existing.count += 1;
      existing.lastTime = Math.max(existing.lastTime, event.time);
      return;
    }
    this.byKey.set(key, {
      key,
      time: event.time,
      lastTime: event.time,
      count: 1,
      source: event.source,
      ...(replication !== undefined && { replication }),
      // Display strings: the message and the reason a hint quotes are exact log text until here.
      title: toSafeLine(title),
      text: toSafeLine(text),
      hint: toSafeLine(hint),
      eventId: event.id,
    });
    if (this.byKey.size > this.limit) {
      const oldest = this.byKey.keys().next().value;
      if (oldest !== undefined) this.byKey.delete(oldest);
    }
  }
}

function failureText(event: StateEvent | StatusEvent): string | undefined {
  if (event.kind === 'state') {
    if (event.failureMessage !== undefined && event.failureMessage !== '') return event.failureMessage;
    if (event.state.toLowerCase() === 'failed') return event.message ?? 'The replication failed.';
    return undefined;
  }
  const messages = event.snapshot.failureMessages;
  if (event.changes.includes('failureMessages') && messages.length > 0) return messages.join('; ');
  if (event.changes.includes('status') && event.state.toLowerCase() === 'failed') {
    return messages.length > 0 ? messages.join('; ') : 'The replication failed.';
  }
  return undefined;
}

export function selectFailures(events: Iterable<DmsEvent>): FailureHighlight[] {
  const connections = new ConnectionsBuilder();
  const failures = new FailuresBuilder(connections);
  for (const event of events) {
    connections.add(event);
    failures.add(event);
  }
  return failures.list();
}
