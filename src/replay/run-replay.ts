import type { DmsEvent } from '../events/types.js';
import { BufferedWriter } from '../output/buffered-writer.js';
import { toNdjsonLine } from '../output/ndjson.js';
import { renderReport } from '../output/report.js';
import { RecordParser } from '../parse/record-parser.js';
import { SummaryBuilder } from '../select/summary.js';
import { EventStore } from '../store/event-store.js';
import { mergeByTime } from './merge-by-time.js';
import { readRecords, type ReadStats } from './read-records.js';
import { ReplayInputError } from './replay-error.js';

export interface ReplayInput {
  /** For messages: the path, or `stdin`. */
  readonly name: string;
  readonly bytes: AsyncIterable<Buffer | string>;
}

/**
 * Replay's store holds fewer events than the dashboard's (50,000): saved
 * logs come time-ordered (filter-log-events interleaves by time, files are
 * merged by time), so the window only absorbs local disorder (Live Tail's
 * late arrivals), and a small one keeps events from living long enough to
 * crowd the old generation. Measured on 1,000,000 events, one core: 50,000
 * held gives about 290 MB and 82,000 events/s; 5,000 about 150 MB and
 * 105,000 events/s.
 */
export const REPLAY_WINDOW = 5_000;

/**
 * The window's bound in characters of event text (`raw` and `text`): one
 * event may be up to a megabyte (src/parse/event-size.ts), and 5,000 of
 * those would be gigabytes. Past it the oldest events leave early, as they
 * do past `capacity`.
 */
export const REPLAY_WINDOW_CHARS = 64 * 1024 * 1024;

export interface ReplayOptions {
  /** NDJSON, one record per event, instead of the report. */
  readonly json: boolean;
  /** Events held to put late ones in order; also the memory bound. @default REPLAY_WINDOW */
  readonly capacity?: number;
  /** The same bound in characters of event text. @default REPLAY_WINDOW_CHARS */
  readonly windowChars?: number;
}

export interface ReplayResult {
  readonly events: number;
  readonly duplicates: number;
  readonly stats: readonly ReadStats[];
  /**
   * What the user should know about the inputs (one without events, one cut
   * off mid-document, malformed records kept as text), one line each,
   * without a prefix. Returned rather than written, so the caller decides
   * where they go; they name the inputs, which are user text.
   */
  readonly warnings: readonly string[];
}

/**
 * Streams saved logs through parse → store → select/output. Several inputs
 * (say the DMS and the RDS log groups saved apart) are merged by time. The
 * store holds at most `capacity` events and `windowChars` characters of
 * their text: each event leaves it, in time order, once newer ones push it
 * out, and is then written and summarised, so memory does not grow with the
 * input. An event later than that window is written where it arrives rather
 * than dropped. Writing waits whenever the destination is full (a slow
 * pipe). Throws ReplayInputError when no input holds a log event.
 */
export async function runReplay(inputs: readonly ReplayInput[], out: NodeJS.WritableStream, options: ReplayOptions): Promise<ReplayResult> {
  const writer = new BufferedWriter(out);
  const summary = new SummaryBuilder();
  let emitted = 0;
  let heldChars = 0;
  // Each mode pays only for its own output: NDJSON needs no summary.
  const emit = options.json
    ? (event: DmsEvent): void => {
        emitted += 1;
        heldChars -= charsOf(event);
        writer.write(toNdjsonLine(event));
      }
    : (event: DmsEvent): void => {
        emitted += 1;
        heldChars -= charsOf(event);
        summary.add(event);
      };
  const store = new EventStore({ capacity: options.capacity ?? REPLAY_WINDOW, onEvict: emit });
  const windowChars = options.windowChars ?? REPLAY_WINDOW_CHARS;
  const stats = inputs.map((): ReadStats => ({ format: undefined, bytes: 0, records: 0, malformed: 0, truncated: false }));
  const streams = inputs.map((input, i) => parsedEvents(input, stats[i] as ReadStats));
  reading: for await (const batch of mergeByTime(streams)) {
    for (const event of batch) {
      if (store.add(event) === 'added') heldChars += charsOf(event);
      // Back-pressure per event written, not per batch: a batch may be
      // thousands of events of a megabyte each, and a slow pipe must not
      // make them pile up in memory.
      for (;;) {
        if (writer.backedUp) await writer.flush();
        if (writer.isClosed) break reading;
        if (heldChars <= windowChars || !store.evictOldest()) break;
      }
    }
    await writer.flush();
  }
  const inputName = inputs.map((i) => i.name).join(', ');
  if (stats.every((s) => s.records === 0)) {
    throw new ReplayInputError(
      stats.every((s) => s.bytes === 0 || s.format === undefined)
        ? `${inputName} ${inputs.length > 1 ? 'are' : 'is'} empty: nothing to replay`
        : `no log events found in ${inputName} (expected the JSON of aws logs filter-log-events/get-log-events, Live Tail NDJSON, or plain log lines)`,
    );
  }
  while (!writer.isClosed && store.evictOldest()) {
    if (writer.backedUp) await writer.flush();
  }
  if (!options.json) writer.write(renderReport(summary.summary(), { inputName, duplicates: store.stats.duplicates }));
  await writer.flush();
  return { events: emitted, duplicates: store.stats.duplicates, stats, warnings: warningsOf(inputs, stats) };
}

/** What an event's text weighs in the window (its other fields are small and bounded). */
function charsOf(event: DmsEvent): number {
  return event.raw.length + event.text.length;
}

function warningsOf(inputs: readonly ReplayInput[], stats: readonly ReadStats[]): string[] {
  const warnings: string[] = [];
  inputs.forEach((input, i) => {
    const s = stats[i] as ReadStats;
    if (s.records === 0) warnings.push(`no log events found in ${input.name}`);
    if (s.truncated) warnings.push(`${input.name} ended in the middle of a JSON document; the events before the cut were read`);
    if (s.malformed > 0) warnings.push(`${String(s.malformed)} record(s) in ${input.name} were not the JSON they looked like and were kept as plain text`);
  });
  return warnings;
}

/** One input's records, parsed (times filled in and repeats numbered: see RecordParser). */
async function* parsedEvents(input: ReplayInput, stats: ReadStats): AsyncGenerator<DmsEvent[]> {
  const parser = new RecordParser();
  for await (const batch of readRecords(input.bytes, stats)) {
    const events = parser.push(batch);
    if (events.length > 0) yield events;
  }
  const rest = parser.end();
  if (rest.length > 0) yield rest;
}
