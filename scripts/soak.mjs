#!/usr/bin/env node
/**
 * npm run soak: a long run that must not grow or hang (not a test).
 *
 * Starts `dms-live sandbox --scenario flood` as its own process, opens Live
 * Tail clients against it that read slowly, never read, and disconnect
 * abruptly (in one child process), and runs a live `dms-live watch --json`
 * whose output this script reads. Every 10 s it samples each process's RSS,
 * asks the sandbox a DescribeReplications (answered within 5 s, or the
 * sandbox hangs), and counts what the watch printed (it must keep printing:
 * the flood never stops). At the end it stops everything with SIGTERM (each
 * must exit within 10 s) and flags memory that keeps growing after the
 * warm-up instead of levelling off. Exit code 1 when anything is flagged.
 *
 *   npm run soak -- --seconds 120                  # the defaults below
 *   npm run soak -- --seconds 3600 --rate 500 --speed 10 --slow 4 --never 4 --abrupt 4
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { clearTimeout, setInterval, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';

const SAMPLE_MS = 10_000;
const PING_DEADLINE_MS = 5_000;
const EXIT_DEADLINE_MS = 10_000;
const BIN = 'dist/dms-live.js';
const AUTH = 'AWS4-HMAC-SHA256 Credential=sandbox/20240501/eu-central-1/logs/aws4_request, SignedHeaders=host, Signature=0';

function options(argv) {
  const o = { seconds: 120, rate: 200, speed: 10, slow: 4, never: 4, abrupt: 4, role: 'soak', url: '', arn: '' };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]?.replace(/^--/, '');
    const value = argv[i + 1];
    if (name === undefined || !(name in o) || value === undefined) {
      console.error(`soak: unknown or incomplete option ${argv[i] ?? ''} (options: --seconds --rate --speed --slow --never --abrupt)`);
      process.exit(2);
    }
    o[name] = typeof o[name] === 'number' ? Number(value) : value;
    if (typeof o[name] === 'number' && !(o[name] >= 0 && Number.isFinite(o[name]))) {
      console.error(`soak: --${name} must be a number >= 0, got "${value}"`);
      process.exit(2);
    }
  }
  return o;
}

// ---------------------------------------------------------------- clients

/**
 * The Live Tail clients, in their own process so that their memory is
 * measured apart: `slow` pause a second after each chunk, `never` never read
 * the body, `abrupt` read a few seconds and then destroy the socket. Each
 * opens a new session when its old one ends. Prints its counters as one JSON
 * line every sample.
 */
function runClients(o) {
  const stats = { open: 0, opened: 0, endedByServer: 0, refused: 0, errors: 0, dropped: 0, bytes: 0 };
  const body = JSON.stringify({ logGroupIdentifiers: [o.arn] });
  const open = (mode) => {
    let done = false;
    let droppedByUs = false;
    const again = (ms) => {
      if (done) return;
      done = true;
      setTimeout(() => open(mode), ms);
    };
    const req = request(o.url, { method: 'POST', headers: { 'X-Amz-Target': 'Logs_20140328.StartLiveTail', 'Content-Type': 'application/x-amz-json-1.1', Authorization: AUTH } });
    req.on('error', () => {
      if (!droppedByUs) stats.errors++;
      again(1000);
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        stats.refused++;
        res.resume();
        again(2000);
        return;
      }
      stats.opened++;
      stats.open++;
      res.on('error', () => undefined);
      res.on('close', () => {
        stats.open--;
        if (!droppedByUs) stats.endedByServer++;
        again(500);
      });
      if (mode === 'never') {
        res.pause();
        return;
      }
      res.on('data', (chunk) => {
        stats.bytes += chunk.length;
        if (mode === 'slow') {
          res.pause();
          setTimeout(() => res.resume(), 1000);
        }
      });
      if (mode === 'abrupt') {
        setTimeout(() => {
          droppedByUs = true;
          stats.dropped++;
          req.destroy();
        }, 2000 + Math.floor(Math.random() * 6000));
      }
    });
    req.end(body);
  };
  for (let i = 0; i < o.slow; i++) open('slow');
  for (let i = 0; i < o.never; i++) open('never');
  for (let i = 0; i < o.abrupt; i++) open('abrupt');
  setInterval(() => process.stdout.write(`${JSON.stringify(stats)}\n`), SAMPLE_MS).unref();
  setInterval(() => undefined, 1 << 30);
  process.on('SIGTERM', () => process.exit(0));
}

// ---------------------------------------------------------------- soak

/** RSS in MB from /proc (Linux), undefined once the process is gone. */
function rssMb(pid) {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m === null ? undefined : Number(m[1]) / 1024;
  } catch {
    return undefined;
  }
}

/** Milliseconds a DescribeReplications takes, or undefined past the deadline. */
function ping(url) {
  return new Promise((resolve) => {
    const started = Date.now();
    const req = request(url, { method: 'POST', headers: { 'X-Amz-Target': 'AmazonDMSv20160101.DescribeReplications', 'Content-Type': 'application/x-amz-json-1.1', Authorization: AUTH } });
    const timer = setTimeout(() => {
      req.destroy();
      resolve(undefined);
    }, PING_DEADLINE_MS);
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => {
        clearTimeout(timer);
        resolve(res.statusCode === 200 ? Date.now() - started : undefined);
      });
    });
    req.on('error', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    req.end('{}');
  });
}

/** Resolves with the child's exit code, or 'hung' when it outlives the deadline (then it is killed). */
function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('hung');
    }, EXIT_DEADLINE_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal);
    });
    child.kill('SIGTERM');
  });
}

/**
 * Memory that levels off: after the first quarter (warm-up), the mean of the
 * last third of the samples may exceed the mean of the third before it by no
 * more than 10 % or 10 MB, whichever is more.
 */
function growth(series) {
  const settled = series.slice(Math.ceil(series.length / 4)).filter((v) => v !== undefined);
  if (settled.length < 6) return { verdict: 'too few samples', delta: 0 };
  const third = Math.floor(settled.length / 3);
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const middle = mean(settled.slice(third, 2 * third));
  const last = mean(settled.slice(settled.length - third));
  const delta = last - middle;
  return { verdict: delta > Math.max(10, middle * 0.1) ? 'GROWS' : 'levels off', delta };
}

async function soak(o) {
  if (!existsSync(BIN)) {
    console.error(`soak: ${BIN} is missing: run npm run build first`);
    process.exit(2);
  }
  const flags = [];
  const sandbox = spawn(process.execPath, [BIN, 'sandbox', '--scenario', 'flood', '--rate', String(o.rate), '--speed', String(o.speed), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let banner = '';
  let sandboxErr = '';
  sandbox.stdout.on('data', (c) => (banner += c.toString('utf8')));
  sandbox.stderr.on('data', (c) => (sandboxErr += c.toString('utf8')));
  for (let waited = 0; !banner.includes('Press Ctrl-C to stop.'); waited += 100) {
    if (waited > 15_000 || sandbox.exitCode !== null) {
      console.error(`soak: the sandbox did not start: ${sandboxErr.trim() || banner.trim()}`);
      sandbox.kill('SIGKILL');
      process.exit(1);
    }
    await sleep(100);
  }
  // What a user gets by pasting the sandbox's exports, and nothing of this machine's own AWS setup.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
  for (const m of banner.matchAll(/^export (\w+)=(.*)$/gm)) env[m[1]] = m[2];
  env.AWS_CONFIG_FILE = '/nonexistent/config';
  env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials';
  const url = env.AWS_ENDPOINT_URL;
  const arn = /aws logs start-live-tail --log-group-identifiers (\S+)/.exec(banner)?.[1];
  if (url === undefined || arn === undefined) {
    console.error('soak: could not read the endpoint and log group from the sandbox banner');
    sandbox.kill('SIGKILL');
    process.exit(1);
  }

  const clients = spawn(process.execPath, [process.argv[1], '--role', 'clients', '--url', url, '--arn', arn, '--slow', String(o.slow), '--never', String(o.never), '--abrupt', String(o.abrupt)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let clientStats = {};
  clients.stdout.on('data', (c) => {
    const last = c.toString('utf8').trim().split('\n').pop();
    try {
      clientStats = JSON.parse(last);
    } catch {
      // A partial line: the next one comes in 10 s.
    }
  });

  const watch = spawn(process.execPath, [BIN, 'watch', '--json'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let watchLines = 0;
  let watchErr = '';
  watch.stdout.on('data', (c) => {
    for (let i = c.indexOf(10); i >= 0; i = c.indexOf(10, i + 1)) watchLines++;
  });
  watch.stderr.on('data', (c) => (watchErr += c.toString('utf8')));

  const processes = { sandbox, watch, clients };
  const series = { sandbox: [], watch: [], clients: [] };
  console.log(`soak: flood at --rate ${o.rate} --speed ${o.speed} on ${url}; Live Tail clients: ${o.slow} slow, ${o.never} never reading, ${o.abrupt} abrupt; a watch --json; ${o.seconds} s`);
  console.log('');
  console.log('  time   sandbox MB   watch MB   clients MB   ping ms   watch lines   sessions open   ended by server');
  let lastLines = 0;
  let quietSamples = 0;
  const started = Date.now();
  while (Date.now() - started < o.seconds * 1000) {
    await sleep(SAMPLE_MS);
    const t = Math.round((Date.now() - started) / 1000);
    for (const [name, child] of Object.entries(processes)) series[name].push(rssMb(child.pid));
    const pinged = await ping(url);
    if (pinged === undefined) flags.push(`${t} s: the sandbox did not answer DescribeReplications within ${PING_DEADLINE_MS} ms`);
    const newLines = watchLines - lastLines;
    lastLines = watchLines;
    quietSamples = newLines === 0 ? quietSamples + 1 : 0;
    if (quietSamples === 3) flags.push(`${t} s: the watch printed nothing for ${(3 * SAMPLE_MS) / 1000} s while the flood ran`);
    for (const [name, child] of Object.entries(processes)) {
      if (child.exitCode !== null || child.signalCode !== null) flags.push(`${t} s: ${name} exited early (${child.exitCode ?? child.signalCode})`);
    }
    if (flags.some((f) => f.includes('exited early'))) break;
    const mb = (name) => (series[name].at(-1) === undefined ? '-' : series[name].at(-1).toFixed(0));
    console.log(
      `${String(t).padStart(5)} s ${mb('sandbox').padStart(11)} ${mb('watch').padStart(10)} ${mb('clients').padStart(12)} ${String(pinged ?? 'NONE').padStart(9)} ${String(newLines).padStart(13)} ${String(clientStats.open ?? '-').padStart(15)} ${String(clientStats.endedByServer ?? '-').padStart(17)}`,
    );
  }

  console.log('');
  for (const name of ['clients', 'watch', 'sandbox']) {
    const code = await stop(processes[name]);
    if (code === 'hung') flags.push(`${name} did not exit within ${EXIT_DEADLINE_MS / 1000} s of SIGTERM`);
    else console.log(`soak: ${name} exited (${code}) on SIGTERM`);
  }
  for (const [name, values] of Object.entries(series)) {
    const g = growth(values);
    const peak = Math.max(...values.filter((v) => v !== undefined));
    console.log(`soak: ${name}: peak ${peak.toFixed(0)} MB, after warm-up ${g.delta >= 0 ? '+' : ''}${g.delta.toFixed(1)} MB: ${g.verdict}`);
    if (g.verdict === 'GROWS') flags.push(`${name}: memory keeps growing (+${g.delta.toFixed(1)} MB between the last two thirds)`);
  }
  if (watchErr.trim() !== '') console.log(`soak: watch stderr: ${watchErr.trim().split('\n').slice(-3).join(' | ')}`);
  if (sandboxErr.trim() !== '') console.log(`soak: sandbox stderr: ${sandboxErr.trim().split('\n').slice(-3).join(' | ')}`);
  console.log(`soak: Live Tail clients: ${JSON.stringify(clientStats)}`);
  if (flags.length === 0) {
    console.log('soak: OK: memory levels off and nothing hung');
    return 0;
  }
  for (const f of flags) console.log(`soak: FLAG: ${f}`);
  return 1;
}

const o = options(process.argv.slice(2));
if (o.role === 'clients') runClients(o);
else process.exit(await soak(o));
