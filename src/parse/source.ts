/**
 * Which source a log record comes from: by where CloudWatch says it was
 * written, else by the shape of its text (replayed plain files carry no
 * group or stream).
 */
import type { EventSource, RawLogRecord } from '../events/types.js';
import { parseTaskLine } from './dms-task.js';
import { parseOrchestratorMessage } from './orchestrator.js';
import { parsePgEntry } from './postgres-entry.js';

/** DMS Serverless: group `dms-serverless-replication-<id>` (guide/src/FACTS.md, "DMS Serverless"). */
const SERVERLESS_GROUP = 'dms-serverless-replication-';
const ORCHESTRATOR_STREAM = 'dms-serverless-replication-orchestrator-';
const SERVERLESS_TASK_STREAM = 'dms-serverless-serv-res-id-';
/** Classic (instance-based) DMS writes task logs to `dms-tasks-<instance>`, streams `dms-task-<task>`. */
const CLASSIC_TASK_GROUP = 'dms-tasks-';
const CLASSIC_TASK_STREAM = 'dms-task-';
const RDS_PREFIXES = ['/aws/rds/instance/', '/aws/rds/cluster/'];
const POSTGRES_SUFFIX = '/postgresql';
const ARN_GROUP_MARKER = ':log-group:';
/** `123456789012:name`: an account id, then the group name (group names cannot contain a colon). */
const ACCOUNT_PREFIXED = /^\d{12}:/;

/** What a text looks like at a glance; the matching parser has the last word. */
export type TextShape = 'orchestrator' | 'postgres' | 'task';

/**
 * The plain name of a log group given as a name or, as Live Tail reports
 * `logGroupIdentifier` ("the name or ARN"), as an ARN
 * (`arn:aws:logs:<region>:<account>:log-group:<name>`, maybe ending `:*`)
 * or as `<account>:<name>`, the form Live Tail results have been seen to use.
 */
export function logGroupName(identifier: string): string {
  if (ACCOUNT_PREFIXED.test(identifier)) return identifier.slice(13);
  if (!identifier.startsWith('arn:')) return identifier;
  const marker = identifier.indexOf(ARN_GROUP_MARKER);
  if (marker < 0) return identifier;
  const name = identifier.slice(marker + ARN_GROUP_MARKER.length);
  return name.endsWith(':*') ? name.slice(0, -2) : name;
}

/** The source a log group and stream stand for, or undefined when they do not decide it. */
export function sourceFromLocation(logGroup: string | undefined, logStream: string | undefined): EventSource | undefined {
  const group = logGroup === undefined ? '' : logGroupName(logGroup);
  const stream = logStream ?? '';
  if (isRdsPostgresGroup(group)) return 'postgres';
  if (group === '' || group.startsWith(SERVERLESS_GROUP)) {
    if (stream.startsWith(ORCHESTRATOR_STREAM)) return 'dms';
    if (stream.startsWith(SERVERLESS_TASK_STREAM)) return 'dms-task';
  }
  if (group.startsWith(CLASSIC_TASK_GROUP) || (group === '' && stream.startsWith(CLASSIC_TASK_STREAM))) return 'dms-task';
  return undefined;
}

/** `/aws/rds/instance/<id>/postgresql` or `/aws/rds/cluster/<id>/postgresql`, one id segment. */
function isRdsPostgresGroup(group: string): boolean {
  if (!group.endsWith(POSTGRES_SUFFIX)) return false;
  const prefix = RDS_PREFIXES.find((candidate) => group.startsWith(candidate));
  if (prefix === undefined) return false;
  const id = group.slice(prefix.length, group.length - POSTGRES_SUFFIX.length);
  return id !== '' && !id.includes('/');
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHexLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/**
 * A first guess from the opening characters only: `{` or `"` for an
 * orchestrator report, `YYYY-MM-DD ` for a PostgreSQL entry, `YYYY-MM-DDT`
 * or a hex thread id for a DMS task line.
 */
export function textShape(text: string): TextShape | undefined {
  let start = 0;
  while (start < 8 && (text.charCodeAt(start) === 0x20 || text.charCodeAt(start) === 0x0a)) start++;
  const first = text.charCodeAt(start);
  if (first === 0x7b /* { */ || first === 0x22 /* " */) return 'orchestrator';
  if (start !== 0) return undefined;
  if (isDigit(first) && text.charCodeAt(4) === 0x2d /* - */) {
    const separator = text.charCodeAt(10);
    if (separator === 0x20) return 'postgres';
    if (separator === 0x54 /* T */) return 'task';
    return undefined;
  }
  return isDigit(first) || isHexLetter(first) ? 'task' : undefined;
}

/** The source a text alone shows, checked by its parser: `other` when none recognises it. */
export function sourceFromText(text: string): EventSource {
  switch (textShape(text)) {
    case 'orchestrator':
      return parseOrchestratorMessage(text) === undefined ? 'other' : 'dms';
    case 'postgres':
      return parsePgEntry(text) === undefined ? 'other' : 'postgres';
    case 'task':
      return parseTaskLine(text) === undefined ? 'other' : 'dms-task';
    case undefined:
      return 'other';
  }
}

/** Where a record comes from: its log group and stream where they decide it, else its text. */
export function detectSource(record: Pick<RawLogRecord, 'message' | 'logGroup' | 'logStream'>): EventSource {
  return sourceFromLocation(record.logGroup, record.logStream) ?? sourceFromText(record.message);
}
