/**
 * DMS task log lines (streams `dms-serverless-serv-res-id-*`):
 *
 *     2024-05-01T07:16:45 [SOURCE_CAPTURE  ]E:  Failed to connect ... [1020401]  (postgres_endpoint_capture.c:123)
 *     00012300: 2025-11-19T17:19:53:879024 [AT_GLOBAL       ]I:  Task Server Log ...  (at_logger.c:2770)
 *
 * An optional thread id comes first; the time may carry a fraction (DMS
 * writes microseconds after a colon) and a zone; the component is padded
 * inside its brackets; the level is one letter (E, W, I, D, T).
 */
import type { Severity } from '../events/types.js';
import { readDateTime, zoneOffsetMinutes } from './timestamp.js';

export interface TaskLogLine {
  /** Epoch milliseconds, UTC when the line names no zone; undefined for an impossible date. */
  readonly time: number | undefined;
  readonly threadId?: string;
  /** The component, e.g. `SOURCE_CAPTURE`, without its padding. */
  readonly component: string;
  /** The level letter as written. */
  readonly level: string;
  readonly severity: Severity;
  /** Everything after `L:` and its spaces, further lines included. */
  readonly text: string;
}

const MAX_THREAD_ID_CHARS = 16;
const MAX_COMPONENT_CHARS = 64;
const MAX_ZONE_CHARS = 6;

/** Reads one task log line; undefined when the text does not have that shape. Never throws. */
export function parseTaskLine(line: string): TaskLogLine | undefined {
  const thread = readThreadId(line);
  const stamp = readDateTime(line, thread.end, 0x54 /* T */);
  if (stamp === undefined) return undefined;
  const zone = readZone(line, stamp.end);
  if (zone === undefined) return undefined;
  let i = zone.end;
  const spacesStart = i;
  while (line.charCodeAt(i) === 0x20) i++;
  if (i === spacesStart || line.charCodeAt(i) !== 0x5b /* [ */) return undefined;
  const close = line.indexOf(']', i + 1);
  if (close < 0 || close - i - 1 > MAX_COMPONENT_CHARS) return undefined;
  const component = line.slice(i + 1, close).trim();
  const letter = line.charCodeAt(close + 1);
  if (component === '' || letter < 0x41 || letter > 0x5a || line.charCodeAt(close + 2) !== 0x3a) return undefined;
  const level = line.charAt(close + 1);
  let textStart = close + 3;
  while (line.charCodeAt(textStart) === 0x20) textStart++;
  return {
    time: stamp.utcMillis === undefined ? undefined : stamp.utcMillis - zone.offsetMinutes * 60_000,
    threadId: thread.id,
    component,
    level,
    severity: taskSeverity(level),
    text: line.slice(textStart),
  };
}

/** E is an error, W a warning; I, D, T and any other letter are information. */
export function taskSeverity(level: string): Severity {
  if (level === 'E') return 'error';
  if (level === 'W') return 'warning';
  return 'info';
}

/** `00012345: ` (hex digits, a colon, spaces), or nothing. */
function readThreadId(line: string): { id: string | undefined; end: number } {
  let i = 0;
  while (i < MAX_THREAD_ID_CHARS && isHexDigit(line.charCodeAt(i))) i++;
  if (i === 0 || line.charCodeAt(i) !== 0x3a || line.charCodeAt(i + 1) !== 0x20) return { id: undefined, end: 0 };
  const id = line.slice(0, i);
  i += 1;
  while (line.charCodeAt(i) === 0x20) i++;
  return { id, end: i };
}

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** An optional `Z`, `+02`, `-0530` or `+05:30` right after the time. */
function readZone(line: string, start: number): { offsetMinutes: number; end: number } | undefined {
  const first = line.charCodeAt(start);
  if (first === 0x5a /* Z */) return { offsetMinutes: 0, end: start + 1 };
  if (first !== 0x2b && first !== 0x2d) return { offsetMinutes: 0, end: start };
  let end = start + 1;
  while (end - start <= MAX_ZONE_CHARS && line.charCodeAt(end) !== 0x20 && end < line.length) end++;
  const offsetMinutes = zoneOffsetMinutes(line.slice(start, end));
  return offsetMinutes === undefined ? undefined : { offsetMinutes, end };
}
