import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { PassThrough, Readable } from 'node:stream';

describe('dms-live demo', () => {
  it('starts the sandbox replication at once, shows it come up, and ends cleanly on Ctrl-C', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    // Output waits for a gap at most 15 s of the sandbox's clock (src/watch/ordered-release.ts): at 100x,
    // 150 ms of wall time, which a busy 2-core machine needs to find the log groups; at 500x the order broke.
    const run = runCli(['demo', '--speed', '100'], { stdout, stderr, stdin: Readable.from([]) });
    await vi.waitFor(
      () => {
        expect(out).toMatch(/ dms +state running: Replication is running\./);
      },
      { timeout: 15_000, interval: 20 },
    );
    process.emit('SIGINT');
    expect(await run).toBe(0);
    expect(err).toMatch(/^dms-live demo: sandbox scenario happy-path at 100x .* started\. Ctrl-C ends it\./);
    const states = out.split('\n').filter((l) => / dms +state /.test(l)).map((l) => /state (\w+)/.exec(l)?.[1]);
    expect(states.slice(0, 3)).toEqual(['initializing', 'preparing_metadata_resources', 'testing_connection']);
    expect(out).toMatch(/ live +closed: Live Tail stopped/);
  });
});
