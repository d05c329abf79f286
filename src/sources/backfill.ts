import type { LogsApi } from '../aws/apis.js';
import type { DmsEvent, RawLogRecord } from '../events/types.js';
import { recordFromJson } from '../parse/record-from-json.js';
import { RecordParser } from '../parse/record-parser.js';

/** The events of one log group from `from` on, as FilterLogEvents has them. */
export interface BackfillGroup {
  readonly name: string;
  readonly arn: string;
  /** Epoch ms, inclusive (FilterLogEvents' `startTime` is). */
  readonly from: number;
}

export interface GroupBackfill {
  readonly group: string;
  /** The newest `limit` records, oldest first. */
  readonly records: readonly RawLogRecord[];
  /** Events the group had from `from` on. */
  readonly total: number;
  /** The oldest ones left out to stay within `limit`. */
  readonly cut: number;
}

/**
 * Reads one group from `from` to now with FilterLogEvents, following
 * `nextToken` to the end (CloudWatch may answer pages with no events and a
 * token: only a missing token ends it). FilterLogEvents returns the oldest
 * first and cannot page backwards, so a ring keeps the newest `limit` while
 * paging: a dashboard opened late shows the most recent part of the run,
 * and says how much it left out. Rejects with the SDK's error (or an abort).
 */
export async function fetchGroup(logs: LogsApi, group: BackfillGroup, limit: number, signal: AbortSignal): Promise<GroupBackfill> {
  const ring: RawLogRecord[] = [];
  let total = 0;
  let nextToken: string | undefined;
  const seenTokens = new Set<string>();
  do {
    const page = await logs.filterLogEvents(
      {
        logGroupIdentifier: group.arn,
        // Inclusive. Results interleave the group's streams by time (`interleaved` is ignored since 2019 and always true).
        startTime: Math.max(0, Math.floor(group.from)),
        ...(nextToken === undefined ? {} : { nextToken }),
      },
      signal,
    );
    for (const event of page.events ?? []) {
      // FilterLogEvents events name their stream, not their group.
      const record = recordFromJson({ ...event, logGroupName: group.name });
      if (record === undefined) continue;
      if (limit > 0) ring[total % limit] = record;
      total++;
    }
    nextToken = page.nextToken;
    // A token answered twice would page forever.
    if (nextToken !== undefined && seenTokens.has(nextToken)) break;
    if (nextToken !== undefined) seenTokens.add(nextToken);
  } while (nextToken !== undefined);
  const kept = Math.min(total, limit);
  const start = total > limit ? total % limit : 0;
  const records = start === 0 ? ring : [...ring.slice(start), ...ring.slice(0, start)];
  return { group: group.name, records, total, cut: total - kept };
}

/**
 * Records parsed per batch of `backfillBatches`: a backfill of the newest
 * 10,000 events of each group took one turn of the event loop of 200 ms and
 * more, and a key pressed meanwhile waited for all of it; batches of this
 * size, with a turn between them, keep each turn near 20 ms.
 */
export const BACKFILL_BATCH = 2_000;

/**
 * Several groups' backfills → events in batches of at most `size` records,
 * merged in time order (ties by event id, which CloudWatch assigns in
 * ingestion order) and parsed by one `RecordParser` with `ignoreEventIds`,
 * so each event gets the id its Live Tail copy gets. The last batch holds
 * what the parser kept back for the end (an entry's continuation lines).
 */
export function* backfillBatches(groups: readonly GroupBackfill[], size = BACKFILL_BATCH): Generator<DmsEvent[]> {
  const records = groups.flatMap((g) => g.records);
  records.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0) || compareIds(a.eventId, b.eventId));
  const parser = new RecordParser({ ignoreEventIds: true });
  for (let i = 0; i < records.length; i += size) {
    const events = parser.push(records.slice(i, i + size));
    if (events.length > 0) yield events;
  }
  const rest = parser.end();
  if (rest.length > 0) yield rest;
}

/** Several groups' backfills → events, all at once (see `backfillBatches`). */
export function backfillEvents(groups: readonly GroupBackfill[]): DmsEvent[] {
  return [...backfillBatches(groups, Number.POSITIVE_INFINITY)].flat();
}

function compareIds(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined || a === b) return 0;
  // CloudWatch's event ids are decimal digit strings of one length.
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : 1;
}
