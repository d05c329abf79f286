// The sandbox the live measurements run against, always in a process of
// its own so its cost is never counted with the client's:
// `dms-live sandbox --port 0 --scenario <name> [--rate N]`, or, for a
// backfill of PREFILL events, the bench's own host of the same flood
// (sandbox-host.mjs). Reads the exports it prints.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundle, BENCH_DIR } from './bundle.mjs';
import { onCleanup, stopChild, track } from './children.mjs';

/** The bin every measurement runs: dist/dms-live.js, or the copy snapshotBin() made. */
export let BIN = 'dist/dms-live.js';

/**
 * Copies dist/ (the bin and the chunks it loads when a command runs) to
 * .bench/dist-<pid>/ and measures that copy: a build during the run (which
 * replaces dist/ and its chunk names) cannot pull chunks from under a
 * running dashboard. Removed when the bench ends.
 */
export function snapshotBin() {
  if (!existsSync('dist/dms-live.js')) throw new Error('dist/dms-live.js is missing: run npm run build (npm run bench does)');
  const dir = join(BENCH_DIR, `dist-${process.pid}`);
  onCleanup(() => rmSync(dir, { recursive: true, force: true }), { untilExit: true });
  cpSync('dist', dir, { recursive: true });
  BIN = join(dir, 'dms-live.js');
  return BIN;
}

/**
 * One running replication and nothing logged while the bench watches: a
 * settled replication for the idle measurement. Its history was played an
 * hour before (the watch backfills it), no checkpoints.
 */
const IDLE_SCENARIO = `name: bench-idle
description: One running replication that logs nothing (npm run bench, idle).
speed: 1
endpoints:
  - { id: src, type: source, rdsInstance: bench-idle-db, database: postgres, username: dynapipe, checkpointEverySeconds: 0 }
  - { id: tgt, type: target, rdsInstance: bench-idle-warehouse, exportsLogs: false }
replications:
  - { id: bench-idle-replication, source: src, target: tgt, history: [start] }
`;

export function idleScenarioFile() {
  const file = join(BENCH_DIR, 'idle-scenario.yaml');
  writeFileSync(file, IDLE_SCENARIO);
  return file;
}

let hostBundle;

/**
 * Starts a sandbox: { scenario } (a name or file) or { rate } for the flood,
 * plus { prefill } events already logged. Resolves once it listens, with its
 * exports (AWS_ENDPOINT_URL, AWS_REGION, DMS_REPLICATION_ID, ...), the Live
 * Tail ARN it suggests, and stop().
 */
export async function startSandbox({ scenario = 'flood', rate, prefill = 0 } = {}) {
  let args;
  if (prefill > 0) {
    hostBundle ??= await bundle('scripts/bench/sandbox-host.mjs', 'sandbox-host');
    args = [hostBundle, String(rate ?? 500), String(prefill)];
  } else {
    args = [BIN, 'sandbox', '--port', '0', '--scenario', scenario, ...(rate === undefined ? [] : ['--rate', String(rate)])];
  }
  const child = track(spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s) => {
    err += s;
  });
  child.stdout.setEncoding('utf8');
  const banner = await new Promise((resolve, reject) => {
    const timer = globalThis.setTimeout(() => reject(new Error(`the sandbox did not start within 30 s: ${err.trim()}`)), 30_000);
    child.stdout.on('data', (s) => {
      out += s;
      if (out.includes('Press Ctrl-C to stop.')) {
        globalThis.clearTimeout(timer);
        resolve(out);
      }
    });
    child.once('exit', (code) => {
      globalThis.clearTimeout(timer);
      reject(new Error(`the sandbox exited with ${code}: ${err.trim()}`));
    });
  });
  child.stdout.resume();
  const exports = {};
  for (const m of banner.matchAll(/^export (\w+)=(.*)$/gm)) exports[m[1]] = m[2].replace(/^'(.*)'$/, '$1');
  const liveTailArn = /--log-group-identifiers (\S+)/.exec(banner)?.[1];
  return {
    pid: child.pid,
    exports,
    url: exports.AWS_ENDPOINT_URL,
    region: exports.AWS_REGION,
    replicationId: exports.DMS_REPLICATION_ID,
    liveTailArn,
    stop: () => stopChild(child, 5000),
  };
}

/**
 * The environment of a client pointed at the sandbox: the developer's AWS_*
 * variables replaced by the sandbox's exports (dummy keys), no config or
 * credentials file, no instance metadata, and the host prefix off for Live
 * Tail (the AWS CLI would call stream-127.0.0.1).
 */
export function clientEnv(sandbox, extra = {}) {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('AWS_')) env[name] = value;
  return {
    ...env,
    ...sandbox.exports,
    AWS_CONFIG_FILE: '/nonexistent/dms-live-bench-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/dms-live-bench-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_DISABLE_HOST_PREFIX_INJECTION: 'true',
    AWS_PAGER: '',
    ...extra,
  };
}
