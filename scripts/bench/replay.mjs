// 7. Replay: `dms-live replay --json` on a `filter-log-events` file of
// generated events (scripts/gen-events.mjs) against `jq -c '.events[]'` on
// the same file: events per second and peak RSS, both pinned to one core
// where `taskset` exists, output thrown away.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_DIR } from './bundle.mjs';
import { exited, sleep, track } from './children.mjs';
import { peakRssMb } from './procfs.mjs';
import { BIN } from './sandbox.mjs';

const pin = spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0 ? ['taskset', '-c', '0'] : [];
export const PINNED = pin.length > 0;

/** The `aws logs filter-log-events` file of `count` events, generated once and kept in .bench/. */
export function replayFile(count) {
  const file = join(BENCH_DIR, `events-${count}.aws-json`);
  if (!existsSync(file)) {
    // Written aside and renamed: another bench never reads half a file.
    const part = `${file}.${process.pid}.part`;
    const g = spawnSync(process.execPath, ['scripts/gen-events.mjs', '--count', String(count), '--format', 'aws-json', '--out', part], { stdio: 'inherit' });
    if (g.status !== 0) {
      rmSync(part, { force: true });
      throw new Error('scripts/gen-events.mjs failed');
    }
    renameSync(part, file);
  }
  return file;
}

let jqState;
/** Whether jq runs; when missing (and `install`), one try to install it from Debian's packages (apt-get, as root). */
export function ensureJq(log, install = true) {
  if (jqState !== undefined) return jqState;
  const has = () => spawnSync('jq', ['--version'], { stdio: 'ignore' }).status === 0;
  if (install && !has() && process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0) {
    log('jq is missing: apt-get install -y jq');
    spawnSync('apt-get', ['install', '-y', '-q', 'jq'], { stdio: 'inherit' });
  }
  jqState = has();
  if (!jqState) log('jq is unavailable: the replay comparison with jq is left out');
  return jqState;
}

/** Runs argv to its end with stdout to /dev/null: { seconds, rssMb } (RSS polled from /proc every 20 ms). */
async function runToEnd(argv, env) {
  const devnull = openSync('/dev/null', 'w');
  try {
    const t0 = performance.now();
    const child = track(spawn(argv[0], argv.slice(1), { stdio: ['ignore', devnull, 'pipe'], env }));
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s) => {
      err += s;
    });
    let rssMb;
    let end;
    while ((end = await exited(child, 20)) === undefined) rssMb = peakRssMb(child.pid) ?? rssMb;
    const seconds = (performance.now() - t0) / 1000;
    if (end.code !== 0) throw new Error(`${argv.join(' ')} exited with ${end.code}: ${err.trim()}`);
    return { seconds, rssMb };
  } finally {
    closeSync(devnull);
  }
}

/** One run: { eventsPerSec, rssMb, jqEventsPerSec, jqRssMb, ratioToJq }. */
export async function replayRun(count, log, { install = true } = {}) {
  const file = replayFile(count);
  const rusage = join(BENCH_DIR, 'replay-rusage.json');
  rmSync(rusage, { force: true });
  // The exact peak from the process itself (scripts/bench-rusage.mjs); the polled one if that is missing.
  const own = await runToEnd([...pin, process.execPath, '--import', './scripts/bench-rusage.mjs', BIN, 'replay', '--json', file], { ...process.env, BENCH_RUSAGE_FILE: rusage });
  const rssMb = existsSync(rusage) ? JSON.parse(readFileSync(rusage, 'utf8')).maxRSS / 1024 : own.rssMb;
  const result = { eventsPerSec: count / own.seconds, rssMb };
  if (ensureJq(log, install)) {
    await sleep(0);
    const jq = await runToEnd([...pin, 'jq', '-c', '.events[]', file], process.env);
    result.jqEventsPerSec = count / jq.seconds;
    result.jqRssMb = jq.rssMb;
    result.ratioToJq = result.eventsPerSec / result.jqEventsPerSec;
  }
  return result;
}
