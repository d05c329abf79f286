import { logGroupName } from './source.js';
import { StringPool } from './string-pool.js';
import type { RawLogRecord } from '../events/types.js';

/**
 * One JSON log event → a raw record. Accepts the shapes users save:
 * - `aws logs filter-log-events` / `get-log-events` events:
 *   `{ logStreamName, timestamp, message, ingestionTime, eventId }`
 * - Live Tail results (`aws logs start-live-tail`, the SDK):
 *   `{ logGroupIdentifier, logStreamName, timestamp, message, ingestionTime }`
 * - dms-live's own NDJSON: `{ time, raw, logGroup, logStream, ... }`
 * Returns undefined when the value carries no message at all.
 */
export function recordFromJson(value: unknown): RawLogRecord | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  const message = str(o.message) ?? str(o.raw);
  if (message === undefined) return undefined;
  const identifier = str(o.logGroupIdentifier) ?? str(o.logGroupName) ?? str(o.logGroup);
  // Live Tail names groups by ARN; the rest of dms-live speaks group names.
  const logGroup = identifier === undefined ? undefined : locations.intern(logGroupName(identifier));
  const stream = str(o.logStreamName) ?? str(o.logStream);
  const logStream = stream === undefined ? undefined : locations.intern(stream);
  const timestamp = time(o.timestamp) ?? time(o.time);
  const ingestionTime = time(o.ingestionTime);
  // One literal with undefined members: conditional spreads cost several
  // times more, and this runs for every event.
  return { message, timestamp, logGroup, logStream, eventId: str(o.eventId), ingestionTime };
}

/** Group and stream names repeat across events: one copy each. */
const locations = new StringPool();

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Epoch ms as a number or numeric string, or an ISO 8601 string. */
function time(v: unknown): number | undefined {
  let t: number;
  if (typeof v === 'number') t = v;
  else if (typeof v !== 'string' || v === '') return undefined;
  else if (/^\d+$/.test(v)) t = Number(v);
  else t = Date.parse(v);
  // Beyond what a Date can hold (±8.64e15 ms) a time is garbage, not a time.
  return Number.isFinite(t) && Math.abs(t) <= 8.64e15 ? t : undefined;
}
