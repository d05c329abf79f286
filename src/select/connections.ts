import type { ConnectionEvent, DmsEvent, LogEvent } from '../events/types.js';
import { AttemptList, type MutableAttempt } from './attempt-list.js';

/**
 * How a connection attempt has gone so far: `pending` (received, nothing
 * more), `authenticated`, `connected` (authorized), `closed` (disconnected
 * after a session), `auth_failed` (refused at login), `failed` (any other
 * FATAL: missing database, walsender permission, timeout, terminated).
 */
export type ConnectionOutcome = 'pending' | 'authenticated' | 'connected' | 'closed' | 'auth_failed' | 'failed';

/** One PostgreSQL connection attempt, keyed by pid and the time it began. */
export interface ConnectionAttempt {
  readonly key: string;
  readonly pid?: number;
  readonly start: number;
  /** Time of the last step seen. */
  readonly last: number;
  readonly host?: string;
  readonly port?: number;
  readonly user?: string;
  readonly database?: string;
  readonly method?: string;
  readonly application?: string;
  readonly ssl?: boolean;
  readonly replication?: boolean;
  readonly outcome: ConnectionOutcome;
  /** The FATAL text and its DETAIL, exact (newlines kept): display it through toSafeLine. */
  readonly reason?: string;
  readonly sessionMs?: number;
  readonly logGroup?: string;
}


const FINAL: ReadonlySet<ConnectionOutcome> = new Set(['closed', 'auth_failed', 'failed']);
const DETAIL_LEVELS = new Set(['DETAIL', 'HINT']);

export interface ConnectionsOptions {
  /** Most attempts kept (the newest); older ones are only counted. @default 10000 */
  readonly limit?: number;
}

export interface ConnectionCounts {
  readonly total: number;
  readonly byOutcome: Readonly<Record<ConnectionOutcome, number>>;
}

/**
 * Folds PostgreSQL connection events into attempts. Feed events in time
 * order. An attempt opens on `connection received` (or on any later step
 * when the log began mid-connection) and ends on disconnection or a FATAL.
 * A DETAIL/HINT entry of the same pid right after a failure completes its
 * reason, for logs where those lines arrive as separate events.
 */
export class ConnectionsBuilder {
  private readonly limit: number;
  private open = new Map<string, MutableAttempt>();
  /** Every attempt kept, oldest first, with the copies list() gave and the counts by outcome. */
  private attempts = new AttemptList();
  private lastFailed: { scope: string; attempt: MutableAttempt } | undefined;

  constructor(options: ConnectionsOptions = {}) {
    this.limit = Math.max(1, options.limit ?? 10_000);
  }

  add(event: DmsEvent): void {
    if (event.kind === 'connection') this.addStep(event);
    else if (event.kind === 'log' && event.pg !== undefined) this.addDetail(event);
  }

  /**
   * A copy that folds on by itself (LiveSummary keeps copies to fold again
   * from after a late event). Both share every attempt until one of them
   * changes it (AttemptList): most attempts ended long ago.
   */
  clone(): ConnectionsBuilder {
    const copy = new ConnectionsBuilder({ limit: this.limit });
    copy.open = new Map(this.open);
    copy.attempts = this.attempts.clone();
    copy.lastFailed = this.lastFailed;
    return copy;
  }

  /**
   * The newest `limit` attempts, oldest first. An attempt that has not
   * changed is the same copy as last time: the live dashboard lists up to
   * 10,000 attempts on every update, and most of them ended long ago.
   */
  list(): ConnectionAttempt[] {
    return this.attempts.list(this.limit);
  }

  /**
   * Attempts that began at or after `since`, oldest first: at most `max`,
   * the earliest ones (a test connection's own attempts come first).
   */
  since(since: number, max = 1000): ConnectionAttempt[] {
    return this.attempts.since(since, max);
  }

  /** Counts over every attempt seen, including those no longer kept. */
  counts(): ConnectionCounts {
    return this.attempts.counts();
  }

  /** How many older attempts were dropped to stay within `limit`. */
  get droppedCount(): number {
    return this.attempts.dropped;
  }

  private addStep(event: ConnectionEvent): void {
    const c = event.connection;
    const pid = c.pid ?? event.pg.pid;
    const scope = `${event.logGroup ?? ''}|${pid === undefined ? `${c.host ?? ''}:${String(c.port ?? '')}` : String(pid)}`;
    const known = this.open.get(scope);
    const attempt = c.event === 'received' || known === undefined ? this.begin(scope, event, pid) : this.writable(scope, known);
    const before = attempt.outcome;
    attempt.last = event.time;
    attempt.host ??= c.host ?? event.pg.host;
    attempt.port ??= c.port ?? event.pg.port;
    if (c.user !== undefined) attempt.user = c.user;
    else attempt.user ??= event.pg.user;
    if (c.database !== undefined) attempt.database = c.database;
    else attempt.database ??= event.pg.database;
    if (c.method !== undefined) attempt.method = c.method;
    if (c.application !== undefined) attempt.application = c.application;
    if (c.ssl !== undefined) attempt.ssl = c.ssl;
    if (c.replication !== undefined) attempt.replication = c.replication;
    switch (c.event) {
      case 'received':
        break;
      case 'authenticated':
        if (attempt.outcome === 'pending') attempt.outcome = 'authenticated';
        break;
      case 'authorized':
        attempt.outcome = 'connected';
        break;
      case 'disconnected':
        if (!FINAL.has(attempt.outcome)) attempt.outcome = 'closed';
        if (c.sessionMs !== undefined) attempt.sessionMs = c.sessionMs;
        break;
      case 'auth_failed':
      case 'failed':
        attempt.outcome = c.event;
        attempt.reason = c.reason ?? event.text;
        this.lastFailed = { scope, attempt };
        break;
    }
    this.attempts.recount(attempt, before);
    if (FINAL.has(attempt.outcome) && c.event !== 'auth_failed' && c.event !== 'failed') {
      this.open.delete(scope);
    } else if (c.event === 'auth_failed' || c.event === 'failed') {
      // A disconnection line may still follow a FATAL; keep it open until then
      // or until the pid is reused by a new `connection received`.
      this.open.set(scope, attempt);
    }
  }

  private addDetail(event: LogEvent): void {
    const pg = event.pg;
    const failed = this.lastFailed;
    if (pg === undefined || failed === undefined || !DETAIL_LEVELS.has(pg.level)) return;
    if (!failed.scope.endsWith(`|${String(pg.pid)}`)) return;
    const reason = failed.attempt.reason ?? '';
    if (reason.includes(event.text)) return;
    const attempt = this.writable(failed.scope, failed.attempt);
    attempt.reason = reason === '' ? event.text : `${reason} (${event.text})`;
  }

  /** `attempt` ready to change (AttemptList.edit); a copy made for it replaces it here too. */
  private writable(scope: string, attempt: MutableAttempt): MutableAttempt {
    const mine = this.attempts.edit(attempt);
    if (mine !== attempt) {
      if (this.open.get(scope) === attempt) this.open.set(scope, mine);
      if (this.lastFailed?.attempt === attempt) this.lastFailed = { scope: this.lastFailed.scope, attempt: mine };
    }
    return mine;
  }

  private begin(scope: string, event: ConnectionEvent, pid: number | undefined): MutableAttempt {
    const attempt: MutableAttempt = {
      key: `${String(pid ?? '?')}@${String(event.time)}`,
      start: event.time,
      last: event.time,
      outcome: 'pending',
      ...(pid !== undefined && { pid }),
      ...(event.logGroup !== undefined && { logGroup: event.logGroup }),
    };
    this.open.set(scope, attempt);
    this.attempts.push(attempt);
    this.attempts.bound(this.limit);
    if (this.open.size > this.limit) this.pruneOpen();
    return attempt;
  }

  /** Keeps the open-attempt index bounded when a log never closes its connections. */
  private pruneOpen(): void {
    const keep = Math.floor(this.limit / 2);
    let excess = this.open.size - keep;
    for (const key of this.open.keys()) {
      if (excess-- <= 0) break;
      this.open.delete(key);
    }
  }
}

export function selectConnections(events: Iterable<DmsEvent>, options?: ConnectionsOptions): ConnectionAttempt[] {
  const builder = new ConnectionsBuilder(options);
  for (const event of events) builder.add(event);
  return builder.list();
}
