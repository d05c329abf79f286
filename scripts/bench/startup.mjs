// 6. Start-up: `dms-live --help` to exit, `aws --version` to exit, a bare
// `node -e 0` for reference, and the first frame of `dms-live demo` in a
// terminal. Also what `--help` loads: the files of the build it reads, and
// a CPU profile.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { exited, sleep, stopChild, track } from './children.mjs';
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

/**
 * `dms-live sandbox` with its real PostgreSQL: spawn to listening (its first
 * line) and to the server ready (the line naming its psql URL), then
 * stopped. { listeningMs, readyMs, version } or undefined when the server
 * does not run here (the sandbox says it fell back to simulated).
 */
export async function sandboxPostgresRun() {
  const env = { ...process.env, DMS_LIVE_POSTGRES: 'real' };
  const t0 = performance.now();
  const child = track(spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--scenario', 'happy-path', '--no-auto-start'], { stdio: ['ignore', 'pipe', 'pipe'], env }));
  let out = '';
  let err = '';
  let listeningMs;
  try {
    return await new Promise((resolveRun, reject) => {
      const timer = setTimeout(() => reject(new Error(`the sandbox's PostgreSQL was not ready within 60 s: ${err.trim()}`)), 60_000);
      child.stderr.on('data', (c) => {
        err += c.toString();
        if (/PostgreSQL is simulated/.test(err)) {
          clearTimeout(timer);
          resolveRun(undefined);
        }
      });
      child.stdout.on('data', (c) => {
        out += c.toString();
        listeningMs ??= performance.now() - t0;
        const ready = /PostgreSQL (\S+) of \S+ ready/.exec(out);
        if (ready !== null) {
          clearTimeout(timer);
          resolveRun({ listeningMs, readyMs: performance.now() - t0, version: ready[1] });
        }
      });
    });
  } finally {
    await stopChild(child);
  }
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
 * The files of the build that `node <bin> <args>` loads (an ESM resolve
 * hook lists them), with their sizes: what `--help` parses.
 */
export function filesLoaded(bin, args) {
  const dir = mkdtempSync(join(tmpdir(), 'dms-live-bench-loads-'));
  try {
    const list = join(dir, 'loaded.txt');
    writeFileSync(
      join(dir, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (r.url.startsWith('file:')) appendFileSync(${JSON.stringify(list)}, r.url + '\\n');
  return r;
}
`,
    );
    writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`);
    const run = spawnSync(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, bin, ...args], { stdio: 'ignore' });
    if (run.status !== 0 || !existsSync(list)) return undefined;
    const files = [...new Set(readFileSync(list, 'utf8').trim().split('\n'))].map((url) => fileURLToPath(url));
    return files.map((file) => ({ file: relative(dirname(resolve(bin)), file), kb: statSync(file).size / 1024 }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
