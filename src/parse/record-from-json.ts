import { capMessage, capName, MAX_MESSAGE_BYTES } from './event-size.js';
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
 * A `message` that is not a string (a number, an object: hand-made files)
 * is kept as its JSON text, and the record keeps its time. A message longer
 * than MAX_MESSAGE_BYTES keeps its start (`cutBytes` says how much is left
 * out). Returns undefined when the value carries no message at all.
 */
export function recordFromJson(value: unknown): RawLogRecord | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  // `raw` first: in dms-live's own NDJSON, `message` is a state report's message, not the log line.
  const given = str(o.raw) ?? str(o.message) ?? (o.message === undefined ? undefined : JSON.stringify(o.message));
  if (given === undefined) return undefined;
  // Measured only when it may be long: this runs for every event.
  let message = given;
  let cutBytes = 0;
  if (given.length * 3 > MAX_MESSAGE_BYTES) ({ message, cutBytes } = capMessage(given));
  // dms-live's own NDJSON says how much of an event it had cut already.
  const cutBefore = o.cutBytes === undefined ? 0 : earlierCut(o.cutBytes);
  const identifier = str(o.logGroupIdentifier) ?? str(o.logGroupName) ?? str(o.logGroup);
  // Live Tail names groups by ARN; the rest of dms-live speaks group names.
  const logGroup = identifier === undefined ? undefined : locations.intern(capName(logGroupName(identifier)));
  const stream = str(o.logStreamName) ?? str(o.logStream);
  const logStream = stream === undefined ? undefined : locations.intern(capName(stream));
  const timestamp = time(o.timestamp) ?? time(o.time);
  const ingestionTime = time(o.ingestionTime);
  // One literal with undefined members: conditional spreads cost several
  // times more, and this runs for every event.
  const cut = cutBytes + cutBefore;
  return { message, timestamp, logGroup, logStream, eventId: str(o.eventId), ingestionTime, cutBytes: cut > 0 ? cut : undefined };
}

function earlierCut(v: unknown): number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : 0;
}

/** Group and stream names repeat across events: one copy each. */
const locations = new StringPool();

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * Epoch ms as a number or numeric string, or an ISO 8601 string. A time
 * before 1970 is refused: CloudWatch's timestamps are milliseconds after
 * Jan 1, 1970 (the CloudWatch Logs API's Timestamp: a long, minimum 0), so a
 * negative one is garbage, and the record then takes the time of the one
 * before it, as a record without a time does. So is a time beyond what a
 * Date can hold (8.64e15 ms).
 */
function time(v: unknown): number | undefined {
  let t: number;
  if (typeof v === 'number') t = v;
  else if (typeof v !== 'string' || v === '') return undefined;
  else if (/^\d+$/.test(v)) t = Number(v);
  else t = Date.parse(v);
  return Number.isFinite(t) && t >= 0 && t <= 8.64e15 ? t : undefined;
}
