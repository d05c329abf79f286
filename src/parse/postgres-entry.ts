/**
 * RDS PostgreSQL log entries. RDS fixes `log_line_prefix = '%t:%r:%u@%d:[%p]:'`
 * (guide/src/FACTS.md, "PostgreSQL logs as RDS writes them"):
 *
 *     2024-08-03 14:44:05 UTC:10.0.0.75(48820):dynapipe@postgres:[3000]:LOG:  connection received: ...
 *     2026-11-26 21:39:07 UTC::@:[14777]:LOG:  database system is ready to accept connections
 *
 * `%r` is `host(port)`, `[local]`, or empty for background processes, and the
 * host may be an IPv6 address full of colons, so the prefix is read around
 * its fixed points (the `:[pid]:` marker, the `(port)`), not split on `:`.
 * One entry may span lines: prefixed DETAIL/HINT/STATEMENT/CONTEXT lines of
 * the same process, and continuation lines that start with a tab.
 */
import { endOfDigits, readDateTime, zoneOffsetMinutes } from './timestamp.js';

export interface PgLogEntry {
  /** Epoch milliseconds; undefined when the stamp names an impossible date. */
  readonly time: number | undefined;
  /** `%r` without its port: an address, a host name or `[local]`. */
  readonly host?: string;
  readonly port?: number;
  /** `%u`, absent before authentication (`[unknown]`) and for background processes. */
  readonly user?: string;
  /** `%d`, absent likewise. */
  readonly database?: string;
  readonly pid?: number;
  /** LOG, FATAL, ERROR, PANIC, WARNING, ... as written. */
  readonly level: string;
  /** The first line's text after the level, with its tab continuation lines (tab removed) joined by `\n`. */
  readonly message: string;
  readonly detail?: string;
  readonly hint?: string;
  readonly context?: string;
  readonly statement?: string;
  readonly query?: string;
  /** Further lines that belong to no part above (another level, another process), as written. */
  readonly otherLines?: readonly string[];
  /** Everything after the first line's level, later lines without their prefix, joined by `\n`. */
  readonly fullText: string;
}

/** The fixed fields of one prefixed line. */
export interface PgLinePrefix {
  readonly time: number | undefined;
  readonly host?: string;
  readonly port?: number;
  readonly user?: string;
  readonly database?: string;
  readonly pid?: number;
  readonly level: string;
  /** Index where the text after `LEVEL:` and its spaces starts. */
  readonly textStart: number;
}

const MAX_LEVEL_CHARS = 12;
const MAX_ZONE_CHARS = 8;
/** The levels whose lines add to the entry above them instead of starting one. */
type PartField = 'detail' | 'hint' | 'context' | 'statement' | 'query';
const PART_FIELDS: ReadonlyMap<string, PartField> = new Map<string, PartField>([
  ['DETAIL', 'detail'],
  ['HINT', 'hint'],
  ['CONTEXT', 'context'],
  ['STATEMENT', 'statement'],
  ['QUERY', 'query'],
]);

/** Reads the `%t:%r:%u@%d:[%p]:LEVEL:` prefix of one line, or undefined when the line has none. */
export function parsePgLinePrefix(line: string): PgLinePrefix | undefined {
  const stamp = readDateTime(line, 0, 0x20);
  if (stamp === undefined) return undefined;
  let i = stamp.end;
  let offsetMinutes = 0;
  if (line.charCodeAt(i) === 0x20) {
    const zoneEnd = line.indexOf(':', i + 1);
    if (zoneEnd < 0 || zoneEnd - i - 1 > MAX_ZONE_CHARS) return undefined;
    const offset = zoneOffsetMinutes(line.slice(i + 1, zoneEnd));
    if (offset === undefined) return undefined;
    offsetMinutes = offset;
    i = zoneEnd;
  }
  if (line.charCodeAt(i) !== 0x3a) return undefined;
  const remoteStart = i + 1;
  const pidMarker = findPidMarker(line, remoteStart);
  if (pidMarker === undefined) return undefined;
  const level = readLevel(line, pidMarker.end);
  if (level === undefined) return undefined;
  let textStart = pidMarker.end + level.length + 1;
  while (line.charCodeAt(textStart) === 0x20) textStart++;
  const who = splitRemoteAndSession(line.slice(remoteStart, pidMarker.start));
  return {
    time: stamp.utcMillis === undefined ? undefined : stamp.utcMillis - offsetMinutes * 60_000,
    host: who.host,
    port: who.port,
    user: who.user,
    database: who.database,
    pid: pidMarker.pid,
    level,
    textStart,
  };
}

/** The first `:[<digits>]:` at or after `from` (the `:[local]:` of `%r` has no digits). */
function findPidMarker(line: string, from: number): { start: number; end: number; pid: number } | undefined {
  let at = line.indexOf(':[', from - 1);
  while (at >= 0) {
    const digitsEnd = endOfDigits(line, at + 2);
    if (digitsEnd > at + 2 && line.charCodeAt(digitsEnd) === 0x5d && line.charCodeAt(digitsEnd + 1) === 0x3a) {
      return { start: at, end: digitsEnd + 2, pid: Number(line.slice(at + 2, digitsEnd)) };
    }
    at = line.indexOf(':[', at + 1);
  }
  return undefined;
}

/** `LEVEL` followed by `:` at `start`: upper-case letters and digits (DEBUG1), at most a dozen. */
function readLevel(line: string, start: number): string | undefined {
  let i = start;
  const limit = Math.min(line.length, start + MAX_LEVEL_CHARS + 1);
  while (i < limit) {
    const c = line.charCodeAt(i);
    if (c === 0x3a) break;
    const upper = c >= 0x41 && c <= 0x5a;
    const digit = c >= 0x30 && c <= 0x39;
    if (!upper && !(digit && i > start)) return undefined;
    i++;
  }
  if (i - start < 2 || i - start > MAX_LEVEL_CHARS || line.charCodeAt(i) !== 0x3a) return undefined;
  return line.slice(start, i);
}

/** Splits `%r:%u@%d`, e.g. `10.0.0.75(48820):dynapipe@postgres`, `[local]:postgres@postgres`, `:@`. */
interface RemoteAndSession {
  readonly host: string | undefined;
  readonly port: number | undefined;
  readonly user: string | undefined;
  readonly database: string | undefined;
}

function splitRemoteAndSession(segment: string): RemoteAndSession {
  let host: string | undefined;
  let port: number | undefined;
  let session: string;
  const paren = segment.indexOf('(');
  const portEnd = paren < 0 ? -1 : endOfDigits(segment, paren + 1);
  if (segment.startsWith('[local]:')) {
    host = '[local]';
    session = segment.slice(8);
  } else if (paren > 0 && portEnd > paren + 1 && segment.startsWith('):', portEnd)) {
    host = segment.slice(0, paren);
    port = Number(segment.slice(paren + 1, portEnd));
    session = segment.slice(portEnd + 2);
  } else {
    // No port: the host runs to the last colon before the session's `@` (an IPv6 host has colons of its own).
    const at = segment.lastIndexOf('@');
    const colon = segment.lastIndexOf(':', at < 0 ? segment.length : at);
    host = colon > 0 ? segment.slice(0, colon) : undefined;
    session = segment.slice(colon + 1);
  }
  // A role name may contain `@` more plausibly than a database name (`jane@example.com`).
  const at = session.lastIndexOf('@');
  const user = known(at < 0 ? session : session.slice(0, at));
  const database = at < 0 ? undefined : known(session.slice(at + 1));
  return { host: host === '' ? undefined : host, port, user, database };
}

/** `[unknown]` (not yet authenticated) and empty (background process) both mean absent. */
function known(value: string): string | undefined {
  return value === '' || value === '[unknown]' ? undefined : value;
}

/**
 * Reads one entry: a prefixed first line and whatever lines follow it.
 * Returns undefined when the first line has no RDS PostgreSQL prefix.
 */
export function parsePgEntry(text: string): PgLogEntry | undefined {
  const newline = text.indexOf('\n');
  const firstLine = newline < 0 ? text : stripCr(text.slice(0, newline));
  const prefix = parsePgLinePrefix(firstLine);
  if (prefix === undefined) return undefined;
  const message = firstLine.slice(prefix.textStart);
  const body: EntryBody = newline < 0 ? { message, fullText: message } : readFollowingLines(text.slice(newline + 1), message, prefix.pid);
  // One literal with every field: cheaper than spreading, and one object shape for the engine.
  return {
    time: prefix.time,
    host: prefix.host,
    port: prefix.port,
    user: prefix.user,
    database: prefix.database,
    pid: prefix.pid,
    level: prefix.level,
    message: body.message,
    detail: body.detail,
    hint: body.hint,
    context: body.context,
    statement: body.statement,
    query: body.query,
    otherLines: body.otherLines,
    fullText: body.fullText,
  };
}

/**
 * Whether `line` continues the entry of process `pid` rather than starting a
 * new one: a tab-indented continuation, or a DETAIL/HINT/CONTEXT/STATEMENT/
 * QUERY line of the same process. For readers that split a plain log file
 * into entries (`replay`); CloudWatch already delivers one entry per event.
 */
export function continuesPgEntry(line: string, pid: number | undefined): boolean {
  if (line.startsWith('\t')) return true;
  const prefix = parsePgLinePrefix(line);
  return prefix !== undefined && prefix.pid === pid && PART_FIELDS.has(prefix.level);
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

type PartName = 'message' | 'detail' | 'hint' | 'context' | 'statement' | 'query';

interface EntryBody {
  message: string;
  detail?: string;
  hint?: string;
  context?: string;
  statement?: string;
  query?: string;
  otherLines?: string[];
  fullText: string;
}

function readFollowingLines(rest: string, message: string, pid: number | undefined): EntryBody {
  const body: EntryBody = { message, fullText: '' };
  const fullLines = [message];
  let current: PartName | undefined = 'message';
  for (const rawLine of rest.split('\n')) {
    const line = stripCr(rawLine);
    if (line === '') continue;
    if (line.startsWith('\t')) {
      fullLines.push(line);
      if (current !== undefined) body[current] = `${body[current] ?? ''}\n${line.slice(1)}`;
      else (body.otherLines ??= []).push(line);
      continue;
    }
    const prefix = parsePgLinePrefix(line);
    const part = prefix === undefined || prefix.pid !== pid ? undefined : PART_FIELDS.get(prefix.level);
    if (prefix === undefined || part === undefined) {
      fullLines.push(line);
      (body.otherLines ??= []).push(line);
      current = undefined;
      continue;
    }
    const partText = line.slice(prefix.textStart);
    fullLines.push(`${prefix.level}:  ${partText}`);
    const before = body[part];
    body[part] = before === undefined ? partText : `${before}\n${partText}`;
    current = part;
  }
  body.fullText = fullLines.join('\n');
  return body;
}
