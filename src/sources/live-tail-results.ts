import type { LiveTailSessionLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import type { DmsEvent, RawLogRecord } from '../events/types.js';
import { recordFromJson } from '../parse/record-from-json.js';
import { RecordParser } from '../parse/record-parser.js';

/**
 * Live Tail results of one session → events. One `RecordParser` per session
 * with `ignoreEventIds`, so an event gets the same id here as in a
 * FilterLogEvents backfill (Live Tail results carry no event id) and the
 * store drops the copy.
 */
export class LiveTailResults {
  private readonly parser = new RecordParser({ ignoreEventIds: true });
  private newest: number | undefined;

  /**
   * One `sessionUpdate`'s results. Sorted by time first (stable): results
   * come in ingestion order, and a backfill's come in time order; the same
   * order numbers identical repeats the same way in both.
   */
  update(results: readonly LiveTailSessionLogEvent[]): DmsEvent[] {
    const records: RawLogRecord[] = [];
    for (const result of results) {
      const record = recordFromJson(result);
      if (record !== undefined) records.push(record);
    }
    records.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
    const events = this.parser.push(records);
    for (const event of events) if (this.newest === undefined || event.time > this.newest) this.newest = event.time;
    return events;
  }

  /** What the parser still holds (records without a time; Live Tail's always have one). */
  end(): DmsEvent[] {
    return this.parser.end();
  }

  /** The newest event time seen in this session. */
  get newestTime(): number | undefined {
    return this.newest;
  }
}
