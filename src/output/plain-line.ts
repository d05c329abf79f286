import type { ActionEvent, ConnectionEvent, DmsEvent, SessionEvent, StateEvent, StatusEvent } from '../events/types.js';
import { toSafeLine } from '../parse/safe-text.js';
import { formatDateTime, formatDuration, formatLocalDateTime, plural } from './format.js';

export interface PlainLineOptions {
  /** Times in UTC (`2024-08-03 14:44:05`); false gives local time with its offset (`2024-08-03 16:44:05+02:00`). @default true */
  readonly utc?: boolean;
}

/** Source tags padded to one width, so the meanings line up. */
const SOURCE_TAG: Readonly<Record<DmsEvent['source'], string>> = {
  dms: 'dms     ',
  'dms-task': 'dms-task',
  postgres: 'postgres',
  api: 'api     ',
  live: 'live    ',
  other: 'other   ',
};

/** Errors and warnings say so in a word `grep` finds; information says nothing. */
const MARKER: Readonly<Record<DmsEvent['severity'], string>> = { error: 'ERROR ', warning: 'WARN ', info: '' };

/**
 * One event as the readable line `watch` prints when stdout is not a
 * terminal and `--json` is not given:
 *
 *     2024-08-03 14:44:05 postgres ERROR connection auth_failed dynapipe@postgres from 10.0.0.75:48820: password authentication failed …
 *     2024-08-03 14:45:11 dms      ERROR state failed: Test connection failed … — Test connection failed for endpoint 'src' …
 *     2024-08-03 14:45:20 live     WARN reconnecting (SessionTimeoutException), retry in 2s
 *
 * Time (UTC unless `utc: false`), source, `ERROR`/`WARN` for errors and
 * warnings, then what the event means. Log text is untrusted and the
 * structured fields are exact, so the line is made terminal-safe as a
 * whole: control characters and escape sequences are shown as visible
 * escapes, newlines as `\n`. Always one line, no trailing spaces, no `\n`
 * at the end (the caller adds it).
 */
export function toPlainLine(event: DmsEvent, options: PlainLineOptions = {}): string {
  const time = options.utc === false ? formatLocalDateTime(event.time) : formatDateTime(event.time);
  const tag = SOURCE_TAG[event.source];
  return `${time} ${tag} ${MARKER[event.severity]}${toSafeLine(meaningOf(event))}`.trimEnd();
}

function meaningOf(event: DmsEvent): string {
  switch (event.kind) {
    case 'state':
      return stateMeaning(event);
    case 'status':
      return statusMeaning(event);
    case 'connection':
      return connectionMeaning(event);
    case 'session':
      return sessionMeaning(event);
    case 'action':
      return actionMeaning(event);
    case 'task':
      return `[${event.component}] ${event.text}`;
    case 'log':
      return event.text;
  }
}

/** `state failed: <message> — <failure message>`, with `…` when the report was cut short. */
function stateMeaning(event: StateEvent): string {
  let s = `state ${event.state}`;
  if (event.message !== undefined) s += `: ${event.message}`;
  if (event.failureMessage !== undefined) s += ` — ${event.failureMessage}`;
  return event.truncated === true ? `${s}…` : s;
}

/**
 * `status running (full load 42%)`, `status stopped (Stop Reason NORMAL)`,
 * `status failed — <failure messages>`. A change that is not the status
 * (capacity, errored tables) follows after a colon, as the event's text says it.
 */
function statusMeaning(event: StatusEvent): string {
  const details: string[] = [];
  if (event.message !== undefined) details.push(event.message);
  const percent = event.snapshot.stats?.fullLoadProgressPercent;
  if (percent !== undefined) details.push(`full load ${String(percent)}%`);
  let s = `status ${event.state}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
  if (!event.changes.includes('status')) s += `: ${event.text}`;
  const failureNews = event.changes.includes('failureMessages') || event.state === 'failed';
  if (failureNews && event.failureMessage !== undefined) s += ` — ${event.failureMessage}`;
  return s;
}

/** `connection auth_failed dynapipe@postgres from 10.0.0.75:48820: <reason>`; what is unknown is left out. */
function connectionMeaning(event: ConnectionEvent): string {
  const c = event.connection;
  const user = c.user ?? event.pg.user;
  const database = c.database ?? event.pg.database;
  const host = c.host ?? event.pg.host;
  const port = c.port ?? event.pg.port;
  let s = `connection ${c.event}`;
  if (user !== undefined || database !== undefined) s += ` ${user ?? '?'}@${database ?? (c.replication === true ? 'replication' : '?')}`;
  if (host !== undefined) s += ` from ${host}${port === undefined ? '' : `:${String(port)}`}`;
  if (c.method !== undefined) s += ` (${c.method})`;
  if (c.sessionMs !== undefined) s += ` after ${formatDuration(c.sessionMs)}`;
  if (c.reason !== undefined) s += `: ${c.reason}`;
  return s;
}

/**
 * What the live session did, from its structured fields where they say it
 * all (`reconnecting (SessionTimeoutException), retry in 2s`), else its
 * text: warnings and errors are sentences already.
 */
function sessionMeaning(event: SessionEvent): string {
  const x = event.session;
  const why = x.reason === undefined ? '' : ` (${x.reason})`;
  const groups = x.groups === undefined || x.groups.length === 0 ? '' : `: ${x.groups.join(', ')}`;
  switch (x.event) {
    case 'connected':
      return `connected${groups}`;
    case 'reconnecting': {
      let s = `reconnecting${why}`;
      if (x.retryInMs !== undefined) s += `, retry in ${formatDuration(x.retryInMs)}`;
      if (x.attempt !== undefined && x.attempt > 1) s += `, attempt ${String(x.attempt)}`;
      return s;
    }
    case 'sampled':
      return x.sampled === false ? 'sampling stopped: every event arrives again' : `sampled: CloudWatch sends a sample of the events${why}`;
    case 'backfilled': {
      let s = `backfilled ${plural(x.count ?? 0, 'event')}`;
      if (x.cut !== undefined && x.cut > 0) s += `, ${plural(x.cut, 'older one')} left out`;
      return `${s}${groups}`;
    }
    case 'joined':
      return `joined${groups}`;
    case 'rate': {
      const parts: string[] = [];
      if (x.eventsPerSecond !== undefined) parts.push(`${String(x.eventsPerSecond)} events/s`);
      if (x.billedMinutes !== undefined) parts.push(`${plural(x.billedMinutes, 'session minute')} billed`);
      return `rate ${parts.join(', ')}`;
    }
    case 'warning':
    case 'error':
    case 'exported':
      return event.text;
    case 'idle':
    case 'reopened':
    case 'poll':
    case 'closed':
      return event.text === '' ? `${x.event}${why}` : `${x.event}: ${event.text}`;
  }
}

/** `start (resume-processing) requested`, `… succeeded, status starting`, `stop failed: <error>`. */
function actionMeaning(event: ActionEvent): string {
  const a = event.action;
  let s = `${a.name}${a.startType === undefined ? '' : ` (${a.startType})`} ${a.outcome}`;
  if (a.status !== undefined) s += `, status ${a.status}`;
  if (a.error !== undefined) s += `: ${a.error}`;
  return s;
}
