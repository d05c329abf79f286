import { SAFE_LINE_MAX_CHARS } from './safe-text.js';

/**
 * How much of one log event dms-live keeps. CloudWatch Logs caps an event
 * at 1 MB: "Each log event can be no larger than 1 MB" (PutLogEvents, CloudWatch
 * Logs API Reference; raised from 256 KB in April 2025, see the CloudWatch Logs
 * quotas page, "Event size"). Nothing CloudWatch can hold is ever cut; a saved
 * file or a pipe can hold anything (`/dev/zero` is one endless line), and one
 * such "event" must not take the process's memory with it. Past the cap, the
 * start of the message is kept, the rest is skipped as it streams by and
 * counted, and the event says so (`cutBytes`, and `text` ends with
 * `… [cut: N bytes]`).
 */

/** The most UTF-8 bytes of one message kept (1 MiB, CloudWatch's own event size limit). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * The most characters of one event's JSON text held while it is read (an
 * NDJSON line, or one event object of `aws logs filter-log-events` output):
 * a message of MAX_MESSAGE_BYTES written with JSON's longest escapes
 * (`\u0001` is six characters for one byte), plus its other fields.
 */
export const MAX_JSON_EVENT_CHARS = 6 * MAX_MESSAGE_BYTES + 64 * 1024;

/**
 * The longest log group or stream name kept: CloudWatch allows 512
 * characters for either (LogGroupName and LogStreamName in the CloudWatch
 * Logs API). A longer one is no real name; it is cut there and ends in `…`,
 * so a file of megabyte-long "names" cannot fill the memory either.
 */
export const MAX_NAME_CHARS = 512;

/** `name` as kept: whole up to MAX_NAME_CHARS, else cut and ending in `…`. */
export function capName(name: string): string {
  return name.length <= MAX_NAME_CHARS ? name : `${name.slice(0, MAX_NAME_CHARS)}…`;
}

/** What was kept of a message, and how many of its bytes were left out. */
export interface CappedMessage {
  readonly message: string;
  /** 0 when the message is whole. */
  readonly cutBytes: number;
}

/**
 * `message` cut to at most `maxBytes` UTF-8 bytes, on a character boundary.
 * Cheap for the usual short message: a string of n UTF-16 code units takes at
 * most 3n bytes, so only a long one is measured.
 */
export function capMessage(message: string, maxBytes = MAX_MESSAGE_BYTES): CappedMessage {
  if (message.length * 3 <= maxBytes) return { message, cutBytes: 0 };
  const bytes = Buffer.byteLength(message, 'utf8');
  if (bytes <= maxBytes) return { message, cutBytes: 0 };
  const encoded = Buffer.from(message, 'utf8');
  const keep = utf8Boundary(encoded, maxBytes);
  return { message: encoded.toString('utf8', 0, keep), cutBytes: bytes - keep };
}

/** The largest index <= `limit` that does not fall inside a UTF-8 character of `bytes`. */
export function utf8Boundary(bytes: Uint8Array, limit: number): number {
  if (limit >= bytes.length) return bytes.length;
  let i = limit;
  // A continuation byte (10xxxxxx) belongs to the character before it.
  while (i > 0 && ((bytes[i] ?? 0) & 0xc0) === 0x80) i -= 1;
  return i;
}

/** The marker a cut event's `text` ends with. */
export function cutMarker(cutBytes: number): string {
  return `… [cut: ${String(cutBytes)} bytes]`;
}

/**
 * toSafeLine's own marker, or a lone `…`, at the end of a summary line.
 * Written `\u2026`: esbuild copies regular expression literals as they are,
 * and one non-ASCII character in the bundle makes V8 keep its whole source
 * as two-byte text (about 10 MB more memory for every command).
 */
const SHORTENED_END = /\u2026(?: \[\d+ more characters cut\])?$/;

/**
 * A cut event's one-line `text`, ending in the cut marker. A summary that
 * toSafeLine had shortened already (the kept part alone is long) loses its
 * own marker: the event's is the one that tells what is missing.
 */
export function withCutMarker(text: string, cutBytes: number): string {
  const marker = cutMarker(cutBytes);
  let body = text.replace(SHORTENED_END, '');
  if (body.length > SAFE_LINE_MAX_CHARS - marker.length) {
    body = body.slice(0, SAFE_LINE_MAX_CHARS - marker.length);
    // Never end on half a surrogate pair: a lone one is what toSafeLine escapes.
    const last = body.charCodeAt(body.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) body = body.slice(0, -1);
  }
  return `${body}${marker}`;
}
