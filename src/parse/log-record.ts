/**
 * One raw log record -> one `DmsEvent`: picks the source, runs its parser,
 * and falls back to a plain `log` event, raw text kept, whenever the parser
 * does not recognise the text. Never throws.
 *
 * Two kinds of text field (see `DmsEvent` in events/types.ts):
 * - terminal-safe, one line (through `toSafeLine`, or cut from raw text that
 *   already was): `text`, `state`, `component`, the `pg` fields and the
 *   connection's user, database, host, method and application;
 * - exact, as the log wrote them, newlines and control characters
 *   included: `raw`, `logGroup`, `logStream`, and the structured values a
 *   script reads with `jq -r`: `message`, `failureMessage`, `extra` (keys
 *   and values) and `connection.reason`. Whatever displays these escapes
 *   them first.
 * Log text is untrusted: user and database names, DMS messages and task
 * text come from the same place as the line.
 *
 * Optional fields are written as `undefined` rather than left out: objects
 * built in one literal are several times cheaper than conditional spreads,
 * and this runs for every record (`replay --json` wants >= 100,000/s).
 * `JSON.stringify` drops them, so the NDJSON output is the same.
 */
import type {
  ConnectionEvent,
  DmsEvent,
  EventSource,
  LogEvent,
  PgConnection,
  PgEntryInfo,
  RawLogRecord,
  Severity,
  StateEvent,
  TaskEvent,
} from '../events/types.js';
import { parseTaskLine } from './dms-task.js';
import { eventIdOf } from './event-id.js';
import { withCutMarker } from './event-size.js';
import { parseOrchestratorMessage } from './orchestrator.js';
import { classifyPgConnection } from './postgres-connection.js';
import { parsePgEntry, type PgLogEntry } from './postgres-entry.js';
import { isSafeLine, toSafeLine } from './safe-text.js';
import { sourceFromLocation, textShape, type TextShape } from './source.js';

/** The fields every event of one record shares. */
interface Common {
  readonly id: string;
  readonly raw: string;
  /** The raw text needs no escaping, so neither do fields cut from it (see isSafeLine). */
  readonly rawSafe: boolean;
  readonly recordTime: number | undefined;
  readonly fallbackTime: number;
  readonly logGroup?: string;
  readonly logStream?: string;
}

const SHAPE_SOURCE: Readonly<Record<TextShape, EventSource>> = { orchestrator: 'dms', postgres: 'postgres', task: 'dms-task' };

/**
 * Parses one record. Time: the record's `timestamp` where given, else the
 * time written in the text, else `fallbackTime`. `raw` is `record.message`,
 * untouched; `text` is one terminal-safe summary line.
 */
export function parseLogRecord(record: RawLogRecord, fallbackTime: number): DmsEvent {
  const common: Common = {
    id: eventIdOf(record),
    raw: record.message,
    rawSafe: isSafeLine(record.message),
    recordTime: Number.isFinite(record.timestamp) ? record.timestamp : undefined,
    fallbackTime,
    logGroup: record.logGroup,
    logStream: record.logStream,
  };
  const event = parseRecord(record, common);
  const cutBytes = record.cutBytes;
  // Rare (a message past MAX_MESSAGE_BYTES): the spread costs nothing on the usual path.
  return cutBytes === undefined || cutBytes <= 0 ? event : { ...event, cutBytes, text: withCutMarker(event.text, cutBytes) };
}

function parseRecord(record: RawLogRecord, common: Common): DmsEvent {
  const located = sourceFromLocation(record.logGroup, record.logStream);
  if (located !== undefined) return parseAs(located, common) ?? logEvent(common, located);
  const shape = textShape(record.message);
  if (shape === undefined) return logEvent(common, 'other');
  return parseAs(SHAPE_SOURCE[shape], common) ?? logEvent(common, 'other');
}

function parseAs(source: EventSource, common: Common): DmsEvent | undefined {
  switch (source) {
    case 'dms':
      return stateEvent(common);
    case 'dms-task':
      return taskEvent(common);
    case 'postgres':
      return postgresEvent(common);
    case 'api':
    case 'other':
      return undefined;
  }
}

function eventTime(common: Common, textTime: number | undefined): number {
  return common.recordTime ?? textTime ?? common.fallbackTime;
}

interface PgLogParts {
  readonly pg: PgEntryInfo;
  readonly severity: Severity;
  readonly text: string;
  readonly textTime: number | undefined;
}

/** A plain log event: the whole message as its text, or a PostgreSQL entry that is no connection step. */
function logEvent(common: Common, source: EventSource, parts?: PgLogParts): LogEvent {
  return {
    kind: 'log',
    id: common.id,
    time: eventTime(common, parts?.textTime),
    source,
    severity: parts?.severity ?? 'info',
    text: cut(parts?.text ?? common.raw, common),
    raw: common.raw,
    pg: parts?.pg,
    logGroup: common.logGroup,
    logStream: common.logStream,
  };
}

function stateEvent(common: Common): StateEvent | undefined {
  const report = parseOrchestratorMessage(common.raw);
  if (report === undefined) return undefined;
  const failed = report.state.toLowerCase() === 'failed' || report.failureMessage !== undefined;
  let summary = report.state;
  if (report.message !== undefined) summary += `: ${report.message}`;
  if (report.failureMessage !== undefined) summary += ` — ${report.failureMessage}`;
  if (report.truncated === true) summary += '…';
  return {
    kind: 'state',
    id: common.id,
    time: eventTime(common, undefined),
    source: 'dms',
    severity: failed ? 'error' : 'info',
    text: toSafeLine(summary),
    raw: common.raw,
    state: toSafeLine(report.state),
    message: report.message,
    failureMessage: report.failureMessage,
    extra: Object.keys(report.extra).length > 0 ? report.extra : undefined,
    truncated: report.truncated,
    logGroup: common.logGroup,
    logStream: common.logStream,
  };
}

function taskEvent(common: Common): TaskEvent | undefined {
  const line = parseTaskLine(common.raw);
  if (line === undefined) return undefined;
  return {
    kind: 'task',
    id: common.id,
    time: eventTime(common, line.time),
    source: 'dms-task',
    severity: line.severity,
    text: cut(line.text, common),
    raw: common.raw,
    component: cut(line.component, common),
    level: line.level,
    logGroup: common.logGroup,
    logStream: common.logStream,
  };
}

function postgresEvent(common: Common): ConnectionEvent | LogEvent | undefined {
  const entry = parsePgEntry(common.raw);
  if (entry === undefined) return undefined;
  const pg = pgInfo(entry, common);
  const text = pgSummary(entry);
  const connection = classifyPgConnection(entry);
  if (connection === undefined) {
    return logEvent(common, 'postgres', { pg, severity: pgSeverity(entry.level), text, textTime: entry.time });
  }
  const failed = connection.event === 'auth_failed' || connection.event === 'failed';
  return {
    kind: 'connection',
    id: common.id,
    time: eventTime(common, entry.time),
    source: 'postgres',
    severity: failed ? 'error' : pgSeverity(entry.level),
    text: cut(text, common),
    raw: common.raw,
    connection: safeConnection(connection, common),
    pg,
    logGroup: common.logGroup,
    logStream: common.logStream,
  };
}

/** PostgreSQL's levels: FATAL, PANIC and ERROR are errors, WARNING a warning, the rest information. */
function pgSeverity(level: string): Severity {
  if (level === 'FATAL' || level === 'PANIC' || level === 'ERROR') return 'error';
  if (level === 'WARNING') return 'warning';
  return 'info';
}

function pgInfo(entry: PgLogEntry, common: Common): PgEntryInfo {
  return {
    user: cutOptional(entry.user, common),
    database: cutOptional(entry.database, common),
    host: cutOptional(entry.host, common),
    port: entry.port,
    pid: entry.pid,
    level: entry.level,
  };
}

/** The message after the level, then each further part (`DETAIL: ...`) on the same line. */
function pgSummary(entry: PgLogEntry): string {
  if (entry.fullText === entry.message) return entry.message;
  const parts = [entry.message];
  if (entry.detail !== undefined) parts.push(`DETAIL: ${entry.detail}`);
  if (entry.hint !== undefined) parts.push(`HINT: ${entry.hint}`);
  if (entry.context !== undefined) parts.push(`CONTEXT: ${entry.context}`);
  if (entry.statement !== undefined) parts.push(`STATEMENT: ${entry.statement}`);
  if (entry.query !== undefined) parts.push(`QUERY: ${entry.query}`);
  if (entry.otherLines !== undefined) parts.push(...entry.otherLines);
  return parts.join(' — ').replaceAll('\n', ' ');
}

/**
 * A field cut from the raw text of a PostgreSQL or task line, made safe. It
 * is safe already when the raw text was: the parsers cut at ASCII
 * delimiters and join with ASCII. (Orchestrator `state` and `text` are
 * decoded from JSON or jq quoting, so they are always checked on their own.)
 */
function cut(value: string, common: Common): string {
  return common.rawSafe ? value : toSafeLine(value);
}

function cutOptional(value: string | undefined, common: Common): string | undefined {
  return value === undefined ? undefined : cut(value, common);
}

/** The connection step with its names made safe; `reason` stays exact. */
function safeConnection(c: PgConnection, common: Common): PgConnection {
  if (common.rawSafe) return c;
  return {
    event: c.event,
    user: cutOptional(c.user, common),
    database: cutOptional(c.database, common),
    host: cutOptional(c.host, common),
    port: c.port,
    pid: c.pid,
    method: cutOptional(c.method, common),
    application: cutOptional(c.application, common),
    ssl: c.ssl,
    replication: c.replication,
    sessionMs: c.sessionMs,
    reason: c.reason,
  };
}
