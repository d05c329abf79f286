import { EventEmitter } from 'node:events';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ENTER_ALTERNATE_SCREEN,
  LEAVE_ALTERNATE_SCREEN,
  SHOW_CURSOR,
  enterAlternateScreen,
} from '../../components/terminal/alternate-screen.js';

const RESTORE = LEAVE_ALTERNATE_SCREEN + SHOW_CURSOR;

class FakeProcess extends EventEmitter {
  readonly pid = 4242;
  readonly kill = vi.fn<(pid: number, signal: NodeJS.Signals) => void>();
}

function setup(handleSignals?: boolean) {
  const writes: string[] = [];
  const proc = new FakeProcess();
  const screen = enterAlternateScreen(
    { write: (text: string) => writes.push(text) },
    handleSignals === undefined ? { process: proc } : { process: proc, handleSignals },
  );
  return { writes, proc, screen };
}

describe('enterAlternateScreen', () => {
  it('switches to the alternate screen', () => {
    const { writes, screen } = setup();
    expect(writes).toEqual([ENTER_ALTERNATE_SCREEN]);
    expect(screen.active).toBe(true);
  });

  it('leaves it and shows the cursor on a normal quit, once however often it is asked', () => {
    const { writes, screen } = setup();
    screen.leave();
    screen.leave();
    expect(writes).toEqual([ENTER_ALTERNATE_SCREEN, RESTORE]);
    expect(screen.active).toBe(false);
  });

  it('removes every hook it added when it leaves', () => {
    const { proc, screen } = setup();
    const events = ['exit', 'uncaughtExceptionMonitor', 'SIGINT', 'SIGTERM'];
    for (const event of events) expect(proc.listenerCount(event), event).toBe(1);
    screen.leave();
    for (const event of events) expect(proc.listenerCount(event), event).toBe(0);
  });

  it('restores the terminal when the process exits without a quit', () => {
    const { writes, proc } = setup();
    proc.emit('exit');
    expect(writes.at(-1)).toBe(RESTORE);
  });

  it('restores the terminal on an uncaught exception and leaves Node its own handling', () => {
    const { writes, proc } = setup();
    proc.emit('uncaughtExceptionMonitor', new Error('boom'), 'uncaughtException');
    expect(writes.at(-1)).toBe(RESTORE);
    expect(proc.kill).not.toHaveBeenCalled();
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('restores the terminal on %s, then raises it again with no hook in the way', (signal) => {
    const { writes, proc } = setup();
    proc.emit(signal);
    expect(writes).toEqual([ENTER_ALTERNATE_SCREEN, RESTORE]);
    expect(proc.kill).toHaveBeenCalledWith(4242, signal);
    expect(proc.listenerCount(signal)).toBe(0);
  });

  it('restores once when a signal is followed by the exit it causes', () => {
    const { writes, proc } = setup();
    proc.emit('SIGTERM');
    proc.emit('exit');
    expect(writes.filter((w) => w === RESTORE)).toHaveLength(1);
  });

  it('leaves signals to an app that handles them itself', () => {
    const { proc } = setup(false);
    expect(proc.listenerCount('SIGINT')).toBe(0);
    expect(proc.listenerCount('SIGTERM')).toBe(0);
    expect(proc.listenerCount('exit')).toBe(1);
  });
});

/*
 * The same module in a real Node process: each way out must leave the
 * terminal restored, with the exit status Node would have given anyway.
 */
describe('enterAlternateScreen in a real process', () => {
  let dir = '';
  let script = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dms-live-altscreen-'));
    script = join(dir, 'app.mjs');
    await build({
      stdin: {
        contents: `
          import { enterAlternateScreen } from ${JSON.stringify(resolve('components/terminal/alternate-screen.ts'))};
          const screen = enterAlternateScreen(process.stdout);
          process.stdout.write('frame');
          const mode = process.argv[2];
          if (mode === 'quit') screen.leave();
          if (mode === 'exit') process.exit(3);
          if (mode === 'throw') setImmediate(() => { throw new Error('boom'); });
          if (mode === 'reject') void Promise.reject(new Error('nope'));
          if (mode === 'sigterm' || mode === 'sigint') {
            // Kept alive until the signal lands; the signal ends it.
            const keepAlive = setInterval(() => {}, 1000);
            process.kill(process.pid, mode.toUpperCase());
            void keepAlive;
          }
        `,
        resolveDir: dir,
        loader: 'js',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: script,
      logLevel: 'silent',
    });
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function run(mode: string) {
    const result = spawnSync(process.execPath, [script, mode], { encoding: 'utf8', timeout: 15_000 });
    return { stdout: result.stdout, stderr: result.stderr, status: result.status, signal: result.signal };
  }

  it.each([
    ['quit', 0, null, ''],
    ['exit', 3, null, ''],
    ['throw', 1, null, 'boom'],
    ['reject', 1, null, 'nope'],
    ['sigterm', null, 'SIGTERM', ''],
    ['sigint', null, 'SIGINT', ''],
  ] as const)('%s: the terminal is restored once and the status is what Node gives', (mode, status, signal, error) => {
    const out = run(mode);
    expect(out.stdout).toBe(`${ENTER_ALTERNATE_SCREEN}frame${RESTORE}`);
    expect(out.status).toBe(status);
    expect(out.signal).toBe(signal);
    expect(out.stderr).toContain(error);
  });
});
