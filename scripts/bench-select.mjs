// `node scripts/bench-select.mjs`: what the dashboard's selectors cost on a full store.
// Prints:
// - a full summarize() over 50,000 events (what a naive dashboard would do per frame);
// - LiveSummary kept up on a full 50,000-event store (the oldest leave with every
//   batch), batches of 500 events (one busy Live Tail update a second): mean and
//   p99 ms per batch, store insert included, for two mixes:
//   * "PostgreSQL-heavy": the mix scripts/gen-events.mjs writes (72% PostgreSQL
//     connection lines, states, task lines, noise);
//   * "flood": the sandbox's `flood` scenario (src/sandbox/player/flood.ts):
//     application sessions of 10 PostgreSQL lines each, every one read by the builders;
// - a late insert: a 500-event backfill whose events fall among the last 5 s already
//   held (the overlap a reconnect's FilterLogEvents re-reads), on the full store.
// Events are parsed as replay and live sources parse them.
// BENCH_SELECT_EVENTS (50000) and BENCH_SELECT_BATCHES (100) override.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const size = Number(process.env.BENCH_SELECT_EVENTS ?? 50_000);
const batches = Number(process.env.BENCH_SELECT_BATCHES ?? 100);
const batch = 500;
const lateRounds = 10;
/** Each late round: 5 s of flood in order, then a 500-event backfill among them. */
const lateWindow = 2_500;
const total = size + batch * batches + lateRounds * (lateWindow + batch);
const dir = '.bench';
mkdirSync(dir, { recursive: true });

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

function parse(records) {
  const parser = new RecordParser();
  return [...parser.push(records), ...parser.end()];
}

const pgHeavy = parse(
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => recordFromJson(JSON.parse(line))),
);

/** The sandbox's flood (src/sandbox/player/flood.ts): 500 lines a second, sessions of 10 lines. */
function floodEvents(count) {
  const group = '/aws/rds/instance/orders-db/postgresql';
  const stream = 'orders-db.0';
  const t0 = Date.UTC(2024, 7, 3, 14, 0, 0);
  let seed = 7;
  const int = (lo, hi) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return lo + (seed % (hi - lo + 1));
  };
  const pgTime = (t) => `${new Date(t).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
  let pid = 40_000;
  let host = '';
  let port = 0;
  const records = [];
  for (let i = 0; i < count; i++) {
    const t = t0 + i * 2;
    const step = i % 10;
    if (step === 0) {
      pid += int(1, 9);
      host = `10.1.${int(0, 15)}.${int(2, 254)}`;
      port = int(30_000, 60_000);
    }
    const who = step === 0 ? '[unknown]@[unknown]' : 'app@orders';
    const p = `${pgTime(t)}:${host}(${port}):${who}:[${pid}]:`;
    const text = [
      `LOG:  connection received: host=${host} port=${port}`,
      'LOG:  connection authenticated: identity="app" method=md5 (/rdsdbdata/config/pg_hba.conf:13)',
      'LOG:  connection authorized: user=app database=orders application_name=orders-api',
      `LOG:  duration: ${(int(80, 90_000) / 1000).toFixed(3)} ms  statement: SELECT * FROM orders WHERE id = ${int(1, 9_999_999)}`,
      `LOG:  duration: ${(int(80, 90_000) / 1000).toFixed(3)} ms  statement: SELECT * FROM orders WHERE id = ${int(1, 9_999_999)}`,
      `LOG:  duration: ${(int(80, 90_000) / 1000).toFixed(3)} ms  statement: SELECT * FROM orders WHERE id = ${int(1, 9_999_999)}`,
      `LOG:  duration: ${(int(80, 90_000) / 1000).toFixed(3)} ms  statement: SELECT * FROM orders WHERE id = ${int(1, 9_999_999)}`,
      'ERROR:  duplicate key value violates unique constraint "orders_pkey"',
      `DETAIL:  Key (id)=(${int(1, 9_999_999)}) already exists.`,
      `LOG:  disconnection: session time: 0:00:0${int(1, 9)}.${int(100, 999)} user=app database=orders host=${host} port=${port}`,
    ][step];
    records.push(recordFromJson({ logGroupIdentifier: group, logStreamName: stream, timestamp: t, message: `${p}${text}`, ingestionTime: t + 300 }));
  }
  return parse(records);
}
const flood = floodEvents(total);

const ms = (f) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const now = () => process.hrtime.bigint();
const since = (t) => Number(process.hrtime.bigint() - t) / 1e6;
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const p99 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The dashboard's path for one batch: into the store, then the summary;
 * `push` returns the ms of each. LiveSummary is fed the events the store
 * accepted (add) where it has that API, and follows the store
 * (changesSince) where it does not (before).
 */
function follower(store) {
  if (typeof LiveSummary.prototype.add === 'function') {
    const live = new LiveSummary();
    live.add(store.events());
    return {
      live,
      push: (events) => {
        const t = now();
        const added = [];
        for (const e of events) if (store.add(e) === 'added') added.push(e);
        const u = now();
        live.add(added);
        live.summary();
        return { store: Number(u - t) / 1e6, select: since(u) };
      },
    };
  }
  const live = new LiveSummary(store);
  return {
    live,
    push: (events) => {
      const t = now();
      store.addAll(events);
      const u = now();
      live.summary();
      return { store: Number(u - t) / 1e6, select: since(u) };
    },
  };
}

function fullStore(events) {
  const store = new EventStore({ capacity: size });
  store.addAll(events.slice(0, size));
  const f = follower(store);
  f.live.summary();
  return { store, ...f };
}

function steady(events) {
  const { store, live, push } = fullStore(events);
  const before = live.stats.rebuilds;
  const times = [];
  const stores = [];
  for (let b = 0; b < batches; b++) {
    const t = push(events.slice(size + b * batch, size + (b + 1) * batch));
    times.push(t.select);
    stores.push(t.store);
  }
  store.close();
  return { mean: mean(times), p99: p99(times), store: mean(stores), rebuilds: live.stats.rebuilds - before };
}

/** Rounds of 5 s in order (untimed), then 500 events of those 5 s that had been missed (timed). */
function lateInsert(events) {
  const { store, push } = fullStore(events);
  let next = size;
  const times = [];
  const stores = [];
  for (let r = 0; r < lateRounds; r++) {
    const window = events.slice(next, next + lateWindow + batch);
    next += lateWindow + batch;
    // Every sixth event was missed live and comes with the backfill.
    const missed = window.filter((_, i) => i % 6 === 5).slice(0, batch);
    const gone = new Set(missed);
    const live = window.filter((e) => !gone.has(e));
    for (let i = 0; i < live.length; i += batch) push(live.slice(i, i + batch));
    const t = push(missed);
    times.push(t.select);
    stores.push(t.store);
  }
  store.close();
  return { mean: mean(times), max: Math.max(...times), store: mean(stores) };
}

const n = size.toLocaleString('en-US');
const store = new EventStore({ capacity: size });
store.addAll(pgHeavy.slice(0, size));
summarize(store.events());
const full = median(Array.from({ length: 7 }, () => ms(() => summarize(store.events()))));
store.close();

console.log(`selectors on a full store of ${n} events; ${batches} batches of ${batch} events; LiveSummary ms (store insert apart)`);
console.log(`summarize(store.events()), ${n} PostgreSQL-heavy events: ${full.toFixed(1).padStart(7)} ms`);
for (const [name, events] of [
  ['PostgreSQL-heavy', pgHeavy],
  ['flood', flood],
]) {
  const s = steady(events);
  const l = lateInsert(events);
  console.log(`${name}:`);
  console.log(`  per batch:                  mean ${s.mean.toFixed(2).padStart(6)} ms, p99 ${s.p99.toFixed(2).padStart(6)} ms (${s.rebuilds} rebuilds); store insert ${s.store.toFixed(2)} ms`);
  console.log(`  500-event late backfill:    mean ${l.mean.toFixed(2).padStart(6)} ms, max ${l.max.toFixed(2).padStart(6)} ms; store insert ${l.store.toFixed(2)} ms`);
}
