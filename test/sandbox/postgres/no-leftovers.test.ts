import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSandbox } from '../../../src/sandbox/index.js';
import { isRunning, realPostgres, realSandbox } from './support.js';

/**
 * Every server gets its data directory under the temporary folder: each test
 * gives the sandbox a folder of its own (TMPDIR), which must be empty at the
 * end, whoever else runs sandboxes on the machine. It is world-readable, as
 * /tmp is: initdb, run as `postgres`, reads its password file there.
 */
const BASE_TMP = tmpdir();
/** Four sandboxes start their servers at once: on a busy 2-core machine that takes a while. */
const PROCESS_TEST_MS = 60_000;

/** Runs `test` with a temporary folder of its own, removed after it (the tests of processes run side by side). */
async function withTmp(test: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = mkdtempSync(join(BASE_TMP, 'dms-live-leftovers-'));
  chmodSync(tmp, 0o755);
  try {
    await test(tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

afterEach(() => {
  vi.unstubAllEnvs();
});

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly pid: number;
  readonly dataDir: string;
  /** The server's own processes (checkpointer, walwriter, sessions, ...). */
  readonly workers: number[];
  readonly exited: Promise<[number | null, NodeJS.Signals | null]>;
}

/** `dms-live sandbox --postgres real` in a process of its own, once its server is ready. */
async function sandboxProcess(tmp: string, preload: string[] = []): Promise<Running> {
  const child = spawn(process.execPath, [...preload, 'dist/dms-live.js', 'sandbox', '--postgres', 'real', '--port', '0', '--speed', '100'], {
    env: { ...process.env, TMPDIR: tmp },
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.resume();
  const ready = await vi.waitFor(() => {
    const match = /ready: psql \S+ \(pid (\d+), data in (.+)\)\n/.exec(out);
    if (match === null) throw new Error(`not ready: ${out}`);
    return match;
  }, { timeout: 30_000, interval: 50 });
  const [, pid = '0', dataDir = ''] = ready;
  const workers = spawnSync('pgrep', ['-P', pid], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l !== '').map(Number);
  expect(dataDir.startsWith(tmp)).toBe(true);
  return { child, pid: Number(pid), dataDir, workers, exited };
}

async function expectNothingLeft(tmp: string, server: { pid: number; workers: readonly number[]; dataDir: string }): Promise<void> {
  await vi.waitFor(() => {
    expect(isRunning(server.pid)).toBe(false);
    expect(server.workers.filter(isRunning)).toEqual([]);
    expect(existsSync(server.dataDir)).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
  }, { timeout: 15_000, interval: 100 });
}

describe.runIf(realPostgres.available)(`no server process or data directory outlives the sandbox${realPostgres.why}`, () => {
  it('after stop()', () => withTmp(async (tmp) => {
    vi.stubEnv('TMPDIR', tmp);
    const { sandbox } = await realSandbox();
    const [server] = sandbox.postgres.servers();
    if (server === undefined) throw new Error('no server');
    expect(isRunning(server.pid)).toBe(true);
    const workers = spawnSync('pgrep', ['-P', String(server.pid)], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l !== '').map(Number);
    await sandbox.stop();
    // Stopped means gone: no waiting.
    expect(isRunning(server.pid)).toBe(false);
    expect(existsSync(server.dataDir)).toBe(false);
    await expectNothingLeft(tmp, { ...server, workers });
  }));

  it('after a start that fails (the port is taken) while the server is still starting', () => withTmp(async (tmp) => {
    vi.stubEnv('TMPDIR', tmp);
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    await expect(startSandbox({ port, postgres: 'real', onNotice: () => undefined })).rejects.toThrow(/already in use/);
    busy.close();
    await expectNothingLeft(tmp, { pid: 0x7fffffff, workers: [], dataDir: join(tmp, 'none') });
  }));

  // Each in a process and a folder of its own: side by side.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it.concurrent(`after ${signal} to the sandbox process`, () => withTmp(async (tmp) => {
      const running = await sandboxProcess(tmp);
      running.child.kill(signal);
      const [code] = await running.exited;
      expect(code).toBe(0);
      await expectNothingLeft(tmp, running);
    }), PROCESS_TEST_MS);
  }

  it.concurrent('after SIGKILL of the sandbox process, which no handler sees: its reaper ends the server', () => withTmp(async (tmp) => {
    const running = await sandboxProcess(tmp);
    running.child.kill('SIGKILL');
    await running.exited;
    await expectNothingLeft(tmp, running);
  }), PROCESS_TEST_MS);

  it.concurrent('after the sandbox process crashes (an uncaught exception)', () => withTmp(async (tmp) => {
    const crashOnUsr2 = `data:text/javascript,process.on('SIGUSR2', () => { throw new Error('crash'); });`;
    const running = await sandboxProcess(tmp, ['--import', crashOnUsr2]);
    running.child.kill('SIGUSR2');
    const [code] = await running.exited;
    expect(code).toBe(1);
    await expectNothingLeft(tmp, running);
  }), PROCESS_TEST_MS);
});
