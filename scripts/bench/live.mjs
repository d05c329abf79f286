// 1. Live ingest at 500 events/s (the sandbox's `flood`): the dashboard in a
//    real terminal, `watch --json` to a file, and the AWS CLI's
//    `start-live-tail` printing into a terminal, one after the other in each
//    run, each against a sandbox of its own (in its own process).
// 3. Idle: the dashboard on a settled replication that logs nothing.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild, track } from './children.mjs';
import { measureRunning, STEADY_AFTER_S } from './measure-process.mjs';
import { BIN, clientEnv, idleScenarioFile, startSandbox } from './sandbox.mjs';
import { openTerminal } from './tmux.mjs';
import { frameStats, readTrace } from './trace-file.mjs';
import { resolveAws } from './aws-cli.mjs';
import { summarizeProfile } from './profile.mjs';

export const RATE = 500;

function scratch() {
  return mkdtempSync(join(tmpdir(), 'dms-live-bench-'));
}

/**
 * The dashboard: `dms-live watch <id>` in a tmux terminal with
 * DMS_LIVE_TRACE on. `dashboard` is false when no frame was traced: the
 * terminal showed plain lines (the dashboard not wired into the CLI yet).
 * With `profile`, under node --cpu-prof, summarized as `cpuProfile`.
 */
export async function runDashboard(sandbox, seconds, { cols, rows, profile = false } = {}) {
  const dir = scratch();
  const traceFile = join(dir, 'trace.txt');
  const prof = profile ? ['--cpu-prof', '--cpu-prof-dir', join(dir, 'prof')] : [];
  try {
    const term = await openTerminal({ argv: [process.execPath, ...prof, BIN, 'watch', sandbox.replicationId], env: clientEnv(sandbox, { DMS_LIVE_TRACE: traceFile }), cols, rows });
    let cost;
    let screen;
    try {
      cost = await measureRunning(term.pid, seconds, 'the dashboard');
      screen = await term.screen();
    } finally {
      await term.close();
    }
    const trace = readTrace(traceFile);
    const dashboard = trace.frames.length > 0;
    const stats = dashboard ? frameStats(trace, term.startedAt + STEADY_AFTER_S * 1000, term.startedAt + cost.seconds * 1000) : undefined;
    const profileFile = profile && existsSync(join(dir, 'prof')) ? readdirSync(join(dir, 'prof')).find((f) => f.endsWith('.cpuprofile')) : undefined;
    const cpuProfile = profileFile === undefined ? undefined : summarizeProfile(join(dir, 'prof', profileFile), BIN);
    return {
      ...cost,
      dashboard,
      fps: stats?.fps,
      eventToFrameP50Ms: stats?.p50,
      eventToFrameP99Ms: stats?.p99,
      rendersPerSec: stats?.rendersPerSec,
      renderP50Ms: stats?.renderP50Ms,
      renderP99Ms: stats?.renderP99Ms,
      tracedEvents: stats?.events,
      screen,
      cpuProfile,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `dms-live watch <id> --json > file`; counts the records written. */
export async function runWatchJson(sandbox, seconds) {
  const dir = scratch();
  const out = join(dir, 'watch.ndjson');
  const fd = openSync(out, 'w');
  try {
    const child = track(spawn(process.execPath, [BIN, 'watch', sandbox.replicationId, '--json'], { stdio: ['ignore', fd, 'pipe'], env: clientEnv(sandbox) }));
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s) => {
      err += s;
    });
    let cost;
    try {
      cost = await measureRunning(child.pid, seconds, 'watch --json').catch((e) => {
        throw new Error(`${e.message}: ${err.trim()}`);
      });
    } finally {
      await stopChild(child);
    }
    const records = statSync(out).size === 0 ? 0 : readFileSync(out, 'utf8').split('\n').length - 1;
    return { ...cost, records };
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `aws logs start-live-tail` on the same group, printing into a tmux terminal. */
export async function runAwsCli(sandbox, seconds, { cols, rows } = {}) {
  const aws = resolveAws();
  if (aws === undefined) return undefined;
  const term = await openTerminal({
    argv: [aws.path, 'logs', 'start-live-tail', '--log-group-identifiers', sandbox.liveTailArn, '--endpoint-url', sandbox.url, '--region', sandbox.region],
    env: clientEnv(sandbox),
    cols,
    rows,
  });
  try {
    const cost = await measureRunning(term.pid, seconds, 'aws logs start-live-tail');
    const screen = await term.screen();
    return { ...cost, screen };
  } finally {
    await term.close();
  }
}

/** One run of each live client against its own flood sandbox. */
export async function liveRun(seconds, which, log, { profile = false } = {}) {
  const result = {};
  for (const client of which) {
    const sandbox = await startSandbox({ rate: RATE });
    try {
      if (client === 'dashboard') result.dashboard = await runDashboard(sandbox, seconds, { profile });
      if (client === 'watchJson') result.watchJson = await runWatchJson(sandbox, seconds);
      if (client === 'awsCli') result.awsCli = await runAwsCli(sandbox, seconds);
    } finally {
      await sandbox.stop();
    }
    log(client, result[client]);
  }
  return result;
}

/** Idle: the dashboard on a settled replication that logs nothing. */
export async function idleRun(seconds, { profile = false } = {}) {
  const sandbox = await startSandbox({ scenario: idleScenarioFile() });
  try {
    return await runDashboard(sandbox, seconds, { profile });
  } finally {
    await sandbox.stop();
  }
}
