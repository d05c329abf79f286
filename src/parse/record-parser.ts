import type { DmsEvent, RawLogRecord } from '../events/types.js';
import { OccurrenceIds } from '../store/occurrence-ids.js';
import { parseLogRecord } from './log-record.js';

export interface RecordParserOptions {
  /**
   * Ignore CloudWatch's `eventId` and identify every record by the hash of
   * group, stream, time and message. Live sources need this: Live Tail
   * results carry no event id and FilterLogEvents results do, so the same
   * event from a backfill and from the live session would otherwise get two
   * ids and be shown twice. @default false
   */
  readonly ignoreEventIds?: boolean;
  /** Untimed records held while waiting for the first time; past this they get time 0. @default 1000 */
  readonly maxUntimedHeld?: number;
  /** The same bound in characters of their raw text (one record may be a megabyte). @default 16 MiB */
  readonly maxUntimedChars?: number;
}

/**
 * Raw records of one input (a saved file, one Live Tail session, one
 * backfill) → events, in the order given:
 * - a record with no time of its own (a bare orchestrator message) takes the
 *   time of the entry before it; those before the first timed entry take its
 *   time, so they keep their place; an input without any time keeps its
 *   order at time 0;
 * - identical records at one time are numbered (`id`, `id#1`, ...) per log
 *   group and stream, so real repeats survive de-duplication while the same
 *   event delivered again by another input keeps its plain id.
 */
export class RecordParser {
  private readonly ignoreEventIds: boolean;
  private readonly maxUntimedHeld: number;
  private readonly maxUntimedChars: number;
  private readonly occurrences = new Map<string, OccurrenceIds>();
  private lastTime = Number.NaN;
  private untimed: DmsEvent[] = [];
  private untimedChars = 0;

  constructor(options: RecordParserOptions = {}) {
    this.ignoreEventIds = options.ignoreEventIds ?? false;
    this.maxUntimedHeld = options.maxUntimedHeld ?? 1000;
    this.maxUntimedChars = options.maxUntimedChars ?? 16 * 1024 * 1024;
  }

  /** Parses a batch; untimed records may be held back until a later batch or `end()`. */
  push(records: readonly RawLogRecord[]): DmsEvent[] {
    const out: DmsEvent[] = [];
    for (const given of records) {
      const record = this.ignoreEventIds && given.eventId !== undefined ? { ...given, eventId: undefined } : given;
      const event = parseLogRecord(record, this.lastTime);
      if (Number.isNaN(event.time)) {
        this.untimed.push(event);
        this.untimedChars += event.raw.length;
        if (this.untimed.length < this.maxUntimedHeld && this.untimedChars < this.maxUntimedChars) continue;
        this.lastTime = 0;
      } else {
        this.lastTime = event.time;
      }
      for (const early of this.untimed) out.push(this.numbered(early, this.lastTime, undefined));
      this.untimed = [];
      this.untimedChars = 0;
      if (!Number.isNaN(event.time)) out.push(this.numbered(event, event.time, record));
    }
    return out;
  }

  /** The records still held for want of a time, at time 0. */
  end(): DmsEvent[] {
    const out = this.untimed.map((early) => this.numbered(early, 0, undefined));
    this.untimed = [];
    this.untimedChars = 0;
    return out;
  }

  private numbered(event: DmsEvent, time: number, record: RawLogRecord | undefined): DmsEvent {
    let e = time === event.time ? event : { ...event, time };
    // Numbered once the time is final: identical records share it.
    if (record === undefined || record.eventId === undefined) {
      const key = `${e.logGroup ?? ''}\u0000${e.logStream ?? ''}`;
      let ids = this.occurrences.get(key);
      if (ids === undefined) {
        // Bounded: a source sees a handful of streams; a flood of names starts over.
        if (this.occurrences.size >= 1024) this.occurrences.clear();
        ids = new OccurrenceIds();
        this.occurrences.set(key, ids);
      }
      const id = ids.next(e.id, e.time);
      if (id !== e.id) e = { ...e, id };
    }
    return e;
  }
}
