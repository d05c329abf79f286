// 5. Memory over time, in a process of its own (bundled by memory.mjs):
// events through what the dashboard keeps, as LiveModel.take() keeps them
// (src/watch/live-model.ts): the store (capped), LiveSummary of the whole
// session, then what a frame reads (the summary, the store's events and the
// log pane's visible window, a 40-row view); fed in batches of BATCH
// generated events, one second of event time each, parsed as Live Tail
// results are. Prints one JSON line
// per EVERY events: { events, rssMb, heapMb }, then { peakMb } at the end.
// The process keeps the dashboard's heap policy (src/cli/long-run-heap.ts).
//
//   node .bench/memory.bundle.mjs <total> <every> <batch>
import { memoryUsage } from 'node:process';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { recordFromJson } from '../../src/parse/record-from-json.ts';
import { RecordParser } from '../../src/parse/record-parser.ts';
import { LiveSummary } from '../../src/select/live-summary.ts';
import { selectLogWindow } from '../../src/select/log-window.ts';
import { EventStore } from '../../src/store/event-store.ts';
import { keepHeapNearLive } from '../../src/cli/long-run-heap.ts';
import { createEventGenerator } from './event-gen.mjs';

const total = Number(process.argv[2] ?? 1_000_000);
const every = Number(process.argv[3] ?? 100_000);
const batch = Number(process.argv[4] ?? 5_000);

// The heap policy of the dashboard and `watch` (src/cli/long-run-heap.ts).
keepHeapNearLive();

const ARN = 'arn:aws:logs:eu-central-1:123456789012:log-group:';
const next = createEventGenerator(42);
const parser = new RecordParser({ ignoreEventIds: true });
const store = new EventStore();
const summary = new LiveSummary();
const t0 = Date.UTC(2024, 7, 3, 14, 0, 0);
let fed = 0;
let shown = 0;
const mb = (bytes) => bytes / (1024 * 1024);

while (fed < total) {
  const n = Math.min(batch, total - fed);
  const second = Math.floor(fed / batch);
  const records = [];
  for (let j = 0; j < n; j++) {
    const t = t0 + second * 1000 + Math.floor((j * 1000) / n);
    const e = next(fed + j, t);
    // A Live Tail result, as the SDK hands it over.
    records.push(recordFromJson({ logGroupIdentifier: `${ARN}${e.group}`, logStreamName: e.stream, timestamp: t, message: e.message, ingestionTime: t + 120 }));
  }
  const added = [];
  for (const event of parser.push(records)) if (store.add(event) === 'added') added.push(event);
  summary.add(added);
  fed += n;
  // What one frame reads: the summary, the store's events, the log pane's rows.
  summary.summary();
  shown += selectLogWindow(store.events(), {}, { height: 40 }).rows.length;
  if (Math.floor(fed / every) > Math.floor((fed - n) / every) || fed === total) {
    const m = memoryUsage();
    process.stdout.write(`${JSON.stringify({ events: fed, rssMb: mb(m.rss), heapMb: mb(m.heapUsed), held: store.size })}\n`);
  }
  await yieldToLoop();
}
process.stdout.write(`${JSON.stringify({ peakMb: process.resourceUsage().maxRSS / 1024, shown })}\n`);
store.close?.();
