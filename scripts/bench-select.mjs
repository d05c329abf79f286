// `node scripts/bench-select.mjs`: what the dashboard's selectors cost on a full store.
// Prints the time of a full summarize() over 50,000 events, and of one
// LiveSummary update after a batch of 50 new events (the size of a busy Live
// Tail update) on a 50,000-event store: with room to spare (nothing evicted)
// and full (the 50 oldest leave with every batch). Medians of several runs.
// Events are the mix scripts/gen-events.mjs writes, parsed as replay parses
// them. BENCH_SELECT_EVENTS (50000) and BENCH_SELECT_RUNS (15) override.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const size = Number(process.env.BENCH_SELECT_EVENTS ?? 50_000);
const runs = Number(process.env.BENCH_SELECT_RUNS ?? 15);
const batch = 50;
const dir = '.bench';
mkdirSync(dir, { recursive: true });

const total = size + batch * runs;
const file = join(dir, `events-${total}.ndjson`);
if (!existsSync(file)) {
  const g = spawnSync(process.execPath, ['scripts/gen-events.mjs', '--count', String(total), '--format', 'ndjson', '--out', file], { stdio: 'inherit' });
  if (g.status !== 0) process.exit(1);
}

const bundle = resolve(dir, 'bench-select.bundle.mjs');
await build({
  stdin: {
    contents: [
      "export { RecordParser } from './src/parse/record-parser.ts';",
      "export { recordFromJson } from './src/parse/record-from-json.ts';",
      "export { EventStore } from './src/store/event-store.ts';",
      "export { LiveSummary } from './src/select/live-summary.ts';",
      "export { summarize } from './src/select/summary.ts';",
    ].join('\n'),
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
const { RecordParser, recordFromJson, EventStore, LiveSummary, summarize } = await import(pathToFileURL(bundle).href);

const parser = new RecordParser();
const records = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => recordFromJson(JSON.parse(line)));
const events = [...parser.push(records), ...parser.end()];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (f) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

const first = events.slice(0, size);
const fullStore = new EventStore({ capacity: size });
fullStore.addAll(first);
summarize(fullStore.events()); // warm up
const full = median(Array.from({ length: runs }, () => ms(() => summarize(fullStore.events()))));

function incremental(capacity) {
  const store = new EventStore({ capacity });
  store.addAll(first);
  const live = new LiveSummary(store);
  live.summary();
  const rebuildsBefore = live.stats.rebuilds;
  const times = [];
  for (let r = 0; r < runs; r++) {
    store.addAll(events.slice(size + r * batch, size + (r + 1) * batch));
    times.push(ms(() => live.summary()));
  }
  store.close();
  return { ms: median(times), rebuilds: live.stats.rebuilds - rebuildsBefore };
}

const room = incremental(size * 2);
const atCapacity = incremental(size);
fullStore.close();

const n = size.toLocaleString('en-US');
console.log(`selectors over ${n} mixed events (scripts/gen-events.mjs), median of ${runs} runs`);
console.log(`summarize(store.events()), ${n} events:              ${full.toFixed(1).padStart(7)} ms`);
console.log(`LiveSummary after ${batch} new events, store with room:   ${room.ms.toFixed(2).padStart(7)} ms  (${room.rebuilds} rebuilds in ${runs} batches)`);
console.log(`LiveSummary after ${batch} new events, full store:        ${atCapacity.ms.toFixed(2).padStart(7)} ms  (${atCapacity.rebuilds} rebuilds in ${runs} batches)`);
