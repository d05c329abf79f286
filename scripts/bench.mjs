// `npm run bench`: what dms-live costs next to the AWS CLI on the same
// sandbox (issue 9): live ingest, idle, keys under load, memory over time,
// start-up and replay. Prints a table with each figure beside its goal and
// writes bench/results.json (the keys the issue lists) and
// bench/results-details.json (every figure, steady states, each run).
// Run `node scripts/bench.mjs --help` for the options.
import { cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveAws } from './bench/aws-cli.mjs';
import { cleanupAll, installExitHandlers, startedPids } from './bench/children.mjs';
import { keysRun } from './bench/keys.mjs';
import { idleRun, liveRun } from './bench/live.mjs';
import { memoryRun } from './bench/memory.mjs';
import { profileBin } from './bench/profile.mjs';
import { PINNED, replayRun } from './bench/replay.mjs';
import { BIN, snapshotBin } from './bench/sandbox.mjs';
import { demoFirstFrameRun, filesLoaded, sandboxPostgresRun, startupRun } from './bench/startup.mjs';
import { percentile, rounded, spread } from './bench/stats.mjs';
import { renderTable } from './bench/table.mjs';
import { tmuxAvailable } from './bench/tmux.mjs';

const MEASUREMENTS = ['live', 'idle', 'keys', 'memory', 'startup', 'replay'];
const USAGE = `Usage: npm run bench -- [options]     (or: node scripts/bench.mjs [options] after npm run build)

Measures dms-live next to the AWS CLI on the same sandbox and prints each
figure (median of the runs, with min-max) beside its goal.

Options:
  --runs N        runs of each measurement (default 3)
  --seconds N     length of each live, idle and keys run (default 60; the steady
                  state starts after 5 s, so shorter runs have none)
  --only LIST     comma-separated, any of: ${MEASUREMENTS.join(', ')} (default: all)
                    live     500 events/s: the dashboard in tmux, watch --json to a file,
                             aws logs start-live-tail in tmux
                    idle     the dashboard on a settled replication without log traffic
                    keys     key press to frame while 100,000 backfilled events arrive
                    memory   events through the store, LiveSummary and the log window
                    startup  demo's first frame, --help, aws --version; what --help loads
                    replay   replay --json against jq on a filter-log-events file
  --events N      events for replay and memory (default 1000000, at least 10000)
  --no-install    never install jq (apt-get) when it is missing
  --cpu-prof      run the dashboard of the live and idle runs under node --cpu-prof
                  and print where its CPU goes (profiling adds to the figures)
  --out FILE      where results.json goes (default bench/results.json; the details
                  go beside it as results-details.json)
  --help          this text

Needs tmux and, for the comparison, the AWS CLI (aws) and jq (installed with
apt-get when missing and run as root). Leaves nothing running, Ctrl-C included.`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '60' },
      only: { type: 'string', default: MEASUREMENTS.join(',') },
      events: { type: 'string', default: '1000000' },
      out: { type: 'string', default: 'bench/results.json' },
      'no-install': { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (err) {
  console.error(`bench: ${err.message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const runs = Number(values.runs);
const seconds = Number(values.seconds);
const events = Number(values.events);
const only = values.only.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only.filter((m) => !MEASUREMENTS.includes(m));
const bad = [
  !(Number.isInteger(runs) && runs >= 1) && '--runs must be a whole number >= 1',
  !(seconds >= 1) && '--seconds must be at least 1',
  !(Number.isInteger(events) && events >= 10_000) && '--events must be a whole number >= 10000',
  unknown.length > 0 && `--only: unknown ${unknown.join(', ')} (choose from ${MEASUREMENTS.join(', ')})`,
].filter(Boolean);
if (bad.length > 0) {
  console.error(`bench: ${bad.join('; ')}`);
  process.exit(2);
}

installExitHandlers();
const log = (s) => process.stderr.write(`bench: ${s}\n`);
try {
  snapshotBin();
} catch (err) {
  console.error(`bench: ${err.message}`);
  process.exit(2);
}
const want = (m) => only.includes(m);
const needsTmux = ['live', 'idle', 'keys', 'startup'].some(want);
if (needsTmux && !tmuxAvailable()) {
  console.error('bench: tmux is needed for the terminal measurements (apt-get install tmux), or pick others with --only');
  process.exit(2);
}
const aws = resolveAws();
if (aws === undefined && (want('live') || want('startup'))) log('the AWS CLI (aws) is not installed: its figures are left out (pip install awscli)');

const load0 = loadavg()[0];
const results = {
  live: { dashboard: {}, watchJson: {}, awsCli: {} },
  idle: {},
  keys: {},
  memory: {},
  startup: {},
  replay: {},
};
const details = { live: { dashboard: {}, watchJson: {}, awsCli: {}, terminalLines: {} }, idle: {}, keys: {}, memory: {}, startup: {}, replay: {}, perRun: {}, profiles: {} };
const pending = {};
const f1 = (v) => (v === undefined ? '-' : v.toFixed(1));
const profile = values['cpu-prof'];

/** Runs one measurement if chosen; a failure is one line, and the others still run. */
async function measure(name, run) {
  if (!want(name)) return;
  try {
    await run();
  } catch (err) {
    log(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    pending[name] = 'failed (see above)';
    process.exitCode = 1;
  }
  // Whatever a failed run left: its processes and terminals (the copy of dist/ stays).
  cleanupAll({ all: false });
}

await measure('live', async () => {
  const perRun = [];
  for (let i = 1; i <= runs; i++) {
    log(`live run ${i}/${runs}: 500 events/s for ${seconds} s each: dashboard, watch --json, aws logs start-live-tail`);
    perRun.push(
      await liveRun(
        seconds,
        ['dashboard', 'watchJson', ...(aws === undefined ? [] : ['awsCli'])],
        (client, r) =>
          log(`  ${client}: CPU ${f1(r?.cpuPct)}% (steady ${f1(r?.steadyCpuPct)}%), peak RSS ${f1(r?.rssMb)} MB${r?.dashboard === false ? ' (lines: no dashboard frame traced)' : ''}${r?.records === undefined ? '' : `, ${r.records} records`}`),
        { profile },
      ),
    );
  }
  details.perRun.live = perRun.map((r) => ({ ...r, dashboard: { ...r.dashboard, screen: undefined, cpuProfile: undefined }, awsCli: r.awsCli === undefined ? undefined : { ...r.awsCli, screen: undefined } }));
  if (profile) details.profiles.live = perRun.map((r) => r.dashboard.cpuProfile);
  const of = (client, key) => spread(perRun.map((r) => r[client]?.[key]));
  const dashRuns = perRun.filter((r) => r.dashboard.dashboard);
  if (dashRuns.length > 0) {
    const d = (key) => spread(dashRuns.map((r) => r.dashboard[key]));
    results.live.dashboard = { cpuPct: d('cpuPct'), rssMb: d('rssMb'), fps: d('fps'), eventToFrameP50Ms: d('eventToFrameP50Ms'), eventToFrameP99Ms: d('eventToFrameP99Ms') };
    details.live.dashboard = { ...results.live.dashboard, steadyCpuPct: d('steadyCpuPct'), rendersPerSec: d('rendersPerSec'), renderP50Ms: d('renderP50Ms'), renderP99Ms: d('renderP99Ms') };
    if (aws !== undefined) {
      results.live.cpuRatioToAwsCli = spread(dashRuns.map((r) => r.dashboard.cpuPct / r.awsCli.cpuPct));
      details.live.steadyCpuRatioToAwsCli = spread(dashRuns.map((r) => r.dashboard.steadyCpuPct / r.awsCli.steadyCpuPct));
    }
  } else {
    pending['live.dashboard.cpuPct'] = pending['live.dashboard.rssMb'] = pending['live.dashboard.fps'] = 'pending: no dashboard';
    pending['live.dashboard.eventToFrameP50Ms'] = pending['live.dashboard.eventToFrameP99Ms'] = pending['live.cpuRatioToAwsCli'] = 'pending: no dashboard';
    details.live.terminalLines = { cpuPct: of('dashboard', 'cpuPct'), steadyCpuPct: of('dashboard', 'steadyCpuPct'), rssMb: of('dashboard', 'rssMb') };
  }
  results.live.watchJson = { cpuPct: of('watchJson', 'cpuPct') };
  details.live.watchJson = { cpuPct: of('watchJson', 'cpuPct'), steadyCpuPct: of('watchJson', 'steadyCpuPct'), rssMb: of('watchJson', 'rssMb'), recordsPerSec: spread(perRun.map((r) => r.watchJson.records / r.watchJson.seconds)) };
  if (aws !== undefined) {
    results.live.awsCli = { cpuPct: of('awsCli', 'cpuPct'), rssMb: of('awsCli', 'rssMb') };
    details.live.awsCli = { ...results.live.awsCli, steadyCpuPct: of('awsCli', 'steadyCpuPct'), version: aws.version, path: aws.path };
  }
});

await measure('idle', async () => {
  const perRun = [];
  for (let i = 1; i <= runs; i++) {
    log(`idle run ${i}/${runs}: ${seconds} s`);
    const r = await idleRun(seconds, { profile });
    log(`  CPU ${f1(r.cpuPct)}% (after start-up ${r.steadyCpuPct?.toFixed(2)}%)${r.dashboard ? '' : ' (lines: no dashboard frame traced)'}`);
    perRun.push(r);
  }
  details.perRun.idle = perRun.map((r) => ({ ...r, screen: undefined, cpuProfile: undefined }));
  if (profile) details.profiles.idle = perRun.map((r) => r.cpuProfile);
  if (perRun.some((r) => r.dashboard)) {
    const ok = perRun.filter((r) => r.dashboard);
    results.idle.cpuPct = spread(ok.map((r) => r.steadyCpuPct));
    details.idle = { cpuPct: results.idle.cpuPct, cpuPctWithStartup: spread(ok.map((r) => r.cpuPct)), rendersPerSec: spread(ok.map((r) => r.rendersPerSec)), renderP50Ms: spread(ok.map((r) => r.renderP50Ms)) };
  } else {
    pending['idle.cpuPct'] = 'pending: no dashboard';
    details.idle = { linesCpuPct: spread(perRun.map((r) => r.steadyCpuPct)) };
  }
});

await measure('keys', async () => {
  const perRun = [];
  for (let i = 1; i <= runs; i++) {
    log(`keys run ${i}/${runs}: ${seconds} s of j, / and ? during a 100,000-event backfill and the flood`);
    const r = await keysRun(seconds);
    const p99 = percentile(r.samples.map((s) => s.ms), 0.99);
    const keys = Object.entries(byKey(r.samples)).map(([k, v]) => `${k} p50 ${f1(v.p50)} / p99 ${f1(v.p99)}`).join(', ');
    log(r.dashboard ? `  ${r.samples.length} presses, p99 ${f1(p99)} ms (${keys}), ${r.missed} without effect in 5 s${r.skipped > 0 ? `, ${r.skipped} j probes skipped while the log did not fill its pane` : ''}` : '  no dashboard: nothing to time');
    perRun.push({ ...r, p99 });
  }
  details.perRun.keys = perRun.map((r) => ({
    p99: r.p99,
    presses: r.samples.length,
    missed: r.missed,
    skipped: r.skipped,
    byKey: byKey(r.samples),
    slowest: [...r.samples].sort((a, b) => b.ms - a.ms).slice(0, 5),
    misses: r.misses,
  }));
  if (perRun.some((r) => r.dashboard)) {
    results.keys.p99Ms = spread(perRun.filter((r) => r.dashboard).map((r) => r.p99));
    details.keys = { p99Ms: results.keys.p99Ms };
  } else {
    pending['keys.p99Ms'] = 'pending: no dashboard';
  }
});

function byKey(samples) {
  const keys = [...new Set(samples.map((s) => s.key))];
  return Object.fromEntries(keys.map((k) => [k, { p50: percentile(samples.filter((s) => s.key === k).map((s) => s.ms), 0.5), p99: percentile(samples.filter((s) => s.key === k).map((s) => s.ms), 0.99) }]));
}

await measure('memory', async () => {
  const perRun = [];
  for (let i = 1; i <= runs; i++) {
    log(`memory run ${i}/${runs}: ${events.toLocaleString('en-US')} events in batches of 5,000`);
    const r = await memoryRun(events);
    log(`  RSS MB after each ${r.rssMbAfter[0][0].toLocaleString('en-US')}: ${r.rssMbAfter.map(([, mb]) => mb.toFixed(0)).join(' ')} (peak ${f1(r.peakMb)})`);
    perRun.push(r);
  }
  const points = perRun[0].rssMbAfter.map(([n], j) => [n, percentile(perRun.map((r) => r.rssMbAfter[j][1]), 0.5)]);
  results.memory.rssMbAfter = points;
  // Once the store is full (its size no longer grows), RSS must level off:
  // the largest RSS of the later half of those points against the earlier half.
  const full = points.filter((_, j) => perRun[0].fullAfter[j]);
  const half = Math.floor(full.length / 2);
  const max = (xs) => Math.max(...xs.map(([, mb]) => mb));
  details.memory = { rssMbAfter: points, growthAfterCap: half > 0 ? max(full.slice(half)) / max(full.slice(0, half)) : undefined, peakMb: spread(perRun.map((r) => r.peakMb)), heapMbAfter: perRun[0].heapMbAfter };
});

await measure('startup', async () => {
  const perRun = [];
  for (let i = 1; i <= runs; i++) {
    log(`start-up run ${i}/${runs}`);
    const r = await startupRun();
    const demo = await demoFirstFrameRun();
    const pg = await sandboxPostgresRun();
    log(`  node -e 0 ${f1(r.nodeMs)} ms, --help ${f1(r.helpMs)} ms, aws --version ${f1(r.awsVersionMs)} ms, demo first ${demo.dashboard ? 'frame' : 'line (no dashboard)'} ${f1(demo.ms)} ms, sandbox with PostgreSQL ${pg === undefined ? 'simulated here' : `${pg.version}: listening ${f1(pg.listeningMs)} ms, server ready ${f1(pg.readyMs)} ms`}`);
    perRun.push({ ...r, demoMs: demo.ms, demoDashboard: demo.dashboard, ...(pg === undefined ? {} : { sandboxListeningMs: pg.listeningMs, sandboxPostgresReadyMs: pg.readyMs, postgresVersion: pg.version }) });
  }
  const of = (key) => spread(perRun.map((r) => r[key]));
  results.startup = { helpMs: of('helpMs'), awsVersionMs: of('awsVersionMs') };

  if (perRun.some((r) => r.demoDashboard)) results.startup.demoFirstFrameMs = spread(perRun.filter((r) => r.demoDashboard).map((r) => r.demoMs));
  else pending['startup.demoFirstFrameMs'] = 'pending: no dashboard';
  log('what --help loads: the files it reads, and a CPU profile');
  // The sandbox's start-up with its real PostgreSQL is a detail: results.json keeps the issue's keys.
  const real = perRun.filter((r) => r.sandboxPostgresReadyMs !== undefined);
  const sandbox = real.length === 0 ? {} : { sandboxListeningMs: spread(real.map((r) => r.sandboxListeningMs)), sandboxPostgresReadyMs: spread(real.map((r) => r.sandboxPostgresReadyMs)), postgresVersion: real[0].postgresVersion };
  details.startup = { ...results.startup, ...sandbox, nodeMs: of('nodeMs'), demoFirstLineMs: of('demoMs'), helpProfile: profileBin(BIN, ['--help']), helpFiles: filesLoaded(BIN, ['--help']) };
});

await measure('replay', async () => {
  const perRun = [];
  for (let i = 1; i <= runs; i++) {
    log(`replay run ${i}/${runs}: ${events.toLocaleString('en-US')} events${PINNED ? ', pinned to one core' : ''}`);
    const r = await replayRun(events, log, { install: !values['no-install'] });
    log(`  dms-live ${Math.round(r.eventsPerSec)} events/s, ${f1(r.rssMb)} MB; jq ${r.jqEventsPerSec === undefined ? '-' : Math.round(r.jqEventsPerSec)} events/s, ${f1(r.jqRssMb)} MB`);
    perRun.push(r);
  }
  const of = (key) => spread(perRun.map((r) => r[key]));
  results.replay = { eventsPerSec: of('eventsPerSec'), rssMb: of('rssMb'), jqEventsPerSec: of('jqEventsPerSec'), ratioToJq: of('ratioToJq') };
  details.replay = { ...results.replay, jqRssMb: of('jqRssMb'), events, pinnedToOneCore: PINNED };
});

cleanupAll();
const load1 = loadavg()[0];
const machine = { cores: cpus().length, node: process.version, cpu: cpus()[0]?.model, loadAverage: { start: load0, end: load1 } };
const date = new Date().toISOString();

// Exactly the keys of issue 9, each present (null when not measured or pending).
const S = (v) => v ?? null;
const out = {
  live: {
    dashboard: {
      cpuPct: S(results.live.dashboard.cpuPct),
      rssMb: S(results.live.dashboard.rssMb),
      fps: S(results.live.dashboard.fps),
      eventToFrameP50Ms: S(results.live.dashboard.eventToFrameP50Ms),
      eventToFrameP99Ms: S(results.live.dashboard.eventToFrameP99Ms),
    },
    watchJson: { cpuPct: S(results.live.watchJson.cpuPct) },
    awsCli: { cpuPct: S(results.live.awsCli.cpuPct), rssMb: S(results.live.awsCli.rssMb) },
    cpuRatioToAwsCli: S(results.live.cpuRatioToAwsCli),
  },
  idle: { cpuPct: S(results.idle.cpuPct) },
  keys: { p99Ms: S(results.keys.p99Ms) },
  memory: { rssMbAfter: S(results.memory.rssMbAfter) },
  startup: { demoFirstFrameMs: S(results.startup.demoFirstFrameMs), helpMs: S(results.startup.helpMs), awsVersionMs: S(results.startup.awsVersionMs) },
  replay: { eventsPerSec: S(results.replay.eventsPerSec), rssMb: S(results.replay.rssMb), jqEventsPerSec: S(results.replay.jqEventsPerSec), ratioToJq: S(results.replay.ratioToJq) },
  machine: { cores: machine.cores, node: machine.node },
  date,
};
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, `${JSON.stringify(rounded(out), null, 2)}\n`);
const detailsFile = join(dirname(values.out), 'results-details.json');
writeFileSync(detailsFile, `${JSON.stringify(rounded({ ...details, machine, date, runs, seconds, pending, pids: startedPids() }, 3), null, 2)}\n`);

console.log(`\ndms-live bench, ${date}: ${runs} run(s), ${seconds} s live; ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, load average ${load0.toFixed(2)} at start, ${load1.toFixed(2)} at end`);
for (const line of renderTable(results, details, pending)) console.log(line);
if (details.startup.helpProfile !== undefined) {
  console.log('\nWhat `dms-live --help` spends its time on (node --cpu-prof, self time, ms):');
  for (const r of details.startup.helpProfile.rows.slice(0, 8)) console.log(`  ${r.ms.toFixed(1).padStart(7)}  ${r.owner}`);
}
if (details.startup.helpFiles !== undefined) {
  const kb = details.startup.helpFiles.reduce((sum, f) => sum + f.kb, 0);
  console.log(`Files of the build --help reads: ${Math.round(kb)} KB: ${details.startup.helpFiles.map((f) => `${f.file} ${Math.round(f.kb)} KB`).join(', ')}`);
}
for (const [name, runsOf] of Object.entries(details.profiles)) {
  const p = runsOf.find((x) => x !== undefined);
  if (p === undefined) continue;
  const busy = p.rows.filter((r) => r.owner !== '(idle)').reduce((sum, r) => sum + r.ms, 0);
  console.log(`\nWhere the dashboard's CPU goes, ${name} run 1 under --cpu-prof: ${Math.round(busy)} ms busy in ${(p.totalMs / 1000).toFixed(0)} s (self time, ms):`);
  for (const r of p.rows.filter((x) => x.owner !== '(idle)').slice(0, 12)) console.log(`  ${r.ms.toFixed(0).padStart(7)}  ${r.owner}`);
}
console.log(`\nwrote ${values.out} and ${detailsFile}`);
