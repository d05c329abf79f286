import type { DmsEvent } from '../events/types.js';
import { BufferedWriter } from '../output/buffered-writer.js';
import { toNdjsonLine } from '../output/ndjson.js';
import { renderReport } from '../output/report.js';
import { RecordParser } from '../parse/record-parser.js';
import { SummaryBuilder } from '../select/summary.js';
import { EventStore } from '../store/event-store.js';
import { UsageError } from '../cli/usage-error.js';
import { mergeByTime } from './merge-by-time.js';
import { readRecords, type ReadStats } from './read-records.js';

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

export interface ReplayOptions {
  /** NDJSON, one record per event, instead of the report. */
  readonly json: boolean;
  /** Events held to put late ones in order; also the memory bound. @default REPLAY_WINDOW */
  readonly capacity?: number;
}

export interface ReplayResult {
  readonly events: number;
  readonly duplicates: number;
  readonly stats: readonly ReadStats[];
}

/**
 * Streams saved logs through parse → store → select/output. Several inputs
 * (say the DMS and the RDS log groups saved apart) are merged by time. The
 * store holds at most `capacity` events: each event leaves it, in time
 * order, once newer ones push it out, and is then written and summarised,
 * so memory does not grow with the input. An event later than that window
 * is written where it arrives rather than dropped.
 */
export async function runReplay(
  inputs: readonly ReplayInput[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const writer = new BufferedWriter(out);
  const summary = new SummaryBuilder();
  let emitted = 0;
  // Each mode pays only for its own output: NDJSON needs no summary.
  const emit = options.json
    ? (event: DmsEvent): void => {
        emitted += 1;
        writer.write(toNdjsonLine(event));
      }
    : (event: DmsEvent): void => {
        emitted += 1;
        summary.add(event);
      };
  const store = new EventStore({ capacity: options.capacity ?? REPLAY_WINDOW, onEvict: emit });
  const stats = inputs.map((): ReadStats => ({ format: undefined, bytes: 0, records: 0, malformed: 0, truncated: false }));
  const streams = inputs.map((input, i) => parsedEvents(input, stats[i] as ReadStats));
  for await (const batch of mergeByTime(streams)) {
    for (const event of batch) store.add(event);
    await writer.flush();
    if (writer.isClosed) break;
  }
  const inputName = inputs.map((i) => i.name).join(', ');
  if (stats.every((s) => s.records === 0)) {
    throw new UsageError(
      stats.every((s) => s.bytes === 0 || s.format === undefined)
        ? `${inputName} ${inputs.length > 1 ? 'are' : 'is'} empty: nothing to replay`
        : `no log events found in ${inputName} (expected the JSON of aws logs filter-log-events/get-log-events, Live Tail NDJSON, or plain log lines)`,
    );
  }
  store.drain();
  if (!options.json) writer.write(renderReport(summary.summary(), { inputName, duplicates: store.stats.duplicates }));
  await writer.flush();
  inputs.forEach((input, i) => {
    const s = stats[i] as ReadStats;
    if (s.records === 0) err.write(`dms-live: warning: no log events found in ${input.name}\n`);
    if (s.truncated) err.write(`dms-live: warning: ${input.name} ended in the middle of a JSON document; the events before the cut were read\n`);
    if (s.malformed > 0) err.write(`dms-live: warning: ${String(s.malformed)} record(s) in ${input.name} were not the JSON they looked like and were kept as plain text\n`);
  });
  return { events: emitted, duplicates: store.stats.duplicates, stats };
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
