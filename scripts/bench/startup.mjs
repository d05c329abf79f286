// 6. Start-up: `dms-live --help` to exit, `aws --version` to exit, a bare
// `node -e 0` for reference, and the first frame of `dms-live demo` in a
// terminal. Also what `--help` loads: the cost of importing each command's
// module graph on its own (bundled apart), and a CPU profile.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundle } from './bundle.mjs';
import { exited, sleep, track } from './children.mjs';
import { resolveAws } from './aws-cli.mjs';
import { BIN } from './sandbox.mjs';
import { nowMs, openTerminal } from './tmux.mjs';
import { readTrace } from './trace-file.mjs';
import { percentile } from './stats.mjs';

/** Launches per figure in one run: start-ups are short, so a run's figure is the median of these. */
const LAUNCHES = 5;

/** Wall ms from spawn to exit of `argv`, output discarded. */
export async function timeToExit(argv, env = process.env) {
  const t0 = performance.now();
  const child = track(spawn(argv[0], argv.slice(1), { stdio: 'ignore', env }));
  const end = await exited(child, 60_000);
  const ms = performance.now() - t0;
  if (end === undefined || end.code !== 0) throw new Error(`${argv.join(' ')} ${end === undefined ? 'did not exit within 60 s' : `exited with ${end.code}`}`);
  return ms;
}

async function medianOf(argv) {
  const times = [];
  for (let i = 0; i < LAUNCHES; i++) times.push(await timeToExit(argv));
  return percentile(times, 0.5);
}

/** One run: { nodeMs, helpMs, awsVersionMs }. */
export async function startupRun() {
  const aws = resolveAws();
  return {
    nodeMs: await medianOf([process.execPath, '-e', '0']),
    helpMs: await medianOf([process.execPath, BIN, '--help']),
    awsVersionMs: aws === undefined ? undefined : await medianOf([aws.path, '--version']),
  };
}

/** The demo's replication: its name is in the first line the demo writes and in the dashboard's header. */
const DEMO_NAME = 'testdrive-dms-postgresql-dev-dms-serverless';

/**
 * Spawn to the first screen that shows the demo's replication: polled every
 * 20 ms; with a traced dashboard, the first frame written after the last
 * poll that did not show it. { ms, dashboard }.
 */
export async function demoFirstFrameRun() {
  const dir = mkdtempSync(join(tmpdir(), 'dms-live-bench-demo-'));
  const traceFile = join(dir, 'trace.txt');
  try {
    const term = await openTerminal({ argv: [process.execPath, BIN, 'demo'], env: { ...process.env, DMS_LIVE_TRACE: traceFile } });
    try {
      let before = term.startedAt;
      const deadline = term.startedAt + 30_000;
      for (;;) {
        const polled = nowMs();
        const screen = await term.screen();
        if (screen.some((row) => row.includes(DEMO_NAME))) {
          await term.close();
          const trace = readTrace(traceFile);
          const frame = trace.frames.find((f) => f.t > before);
          const shownAt = frame !== undefined && frame.t <= nowMs() ? frame.t : polled;
          return { ms: shownAt - term.startedAt, dashboard: trace.frames.length > 0 };
        }
        if (polled > deadline) throw new Error(`dms-live demo showed no ${DEMO_NAME} within 30 s`);
        before = polled;
        await sleep(20);
      }
    } finally {
      await term.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What each command's code costs to load, alone: src/cli/commands/<name>.ts
 * bundled on its own and imported by a fresh node, minus a bare node
 * (the fastest of 7 launches each).
 * Overlapping graphs (two commands sharing the SDK) count in each.
 */
export async function commandImportCosts() {
  // The fastest of several launches: on a busy machine, the least disturbed one.
  const fastest = async (argv) => {
    const times = [];
    for (let i = 0; i < 7; i++) times.push(await timeToExit(argv));
    return Math.min(...times);
  };
  const base = await fastest([process.execPath, '-e', '0']);
  const rows = [];
  for (const file of readdirSync('src/cli/commands').filter((f) => f.endsWith('.ts')).sort()) {
    const name = file.replace(/\.ts$/, '');
    const out = await bundle(`src/cli/commands/${file}`, `command-${name}`);
    rows.push({ command: name, ms: (await fastest([process.execPath, out])) - base });
  }
  return rows.sort((a, b) => b.ms - a.ms);
}
