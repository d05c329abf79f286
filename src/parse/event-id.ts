import { hash } from 'node:crypto';
import type { RawLogRecord } from '../events/types.js';

/** Length of a hashed id: 16 base64url characters are 96 bits, plenty against accidental collisions. */
const HASHED_ID_CHARS = 16;

/**
 * A short, stable hash of the given parts. The NUL separator keeps
 * `('ab', 'c')` and `('a', 'bc')` apart; log group and stream names cannot
 * contain NUL. `crypto.hash` (Node >= 20.12) is the one-shot form, several
 * times cheaper than `createHash` for short inputs.
 */
export function stableHash(parts: readonly string[]): string {
  return hash('sha1', parts.join('\u0000'), 'base64url').slice(0, HASHED_ID_CHARS);
}

/**
 * The identity of a log record: CloudWatch's own `eventId` where the record
 * carries one (FilterLogEvents does; Live Tail results do not), else a hash
 * of log group, stream, timestamp and message. The same record always gets
 * the same id, so the store can drop the duplicates a backfill and a live
 * session both deliver. Two byte-identical plain-text lines without a
 * timestamp share an id: readers that must keep both give them an `eventId`.
 */
export function eventIdOf(record: RawLogRecord): string {
  if (record.eventId !== undefined && record.eventId !== '') return record.eventId;
  const timestamp = record.timestamp === undefined ? '' : String(record.timestamp);
  return stableHash([record.logGroup ?? '', record.logStream ?? '', timestamp, record.message]);
}
