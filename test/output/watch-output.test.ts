/**
 * `watch` into a reader that does not read (`| less` left on its first
 * page): what waits for the reader stays bounded, the watch still ends on
 * Ctrl-C, and says what it could not write. Against the sandbox's flood
 * scenario, through the real SDK clients, on the sandbox's virtual clock.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sandboxFor } from '../live/support.js';
import { startWatch } from '../watch/watch-harness.js';

/** A stdout whose reader never reads: every write after the first stays queued in the stream. */
class StuckReader extends Writable {
  constructor() {
    super({ highWaterMark: 16 * 1024 });
  }

  override _write(_chunk: Buffer, _encoding: BufferEncoding, _callback: () => void): void {
    // Never calls back.
  }
}

describe('watch --json into a reader that does not read', () => {
  it('keeps what waits for it bounded, ends on Ctrl-C, and says how many events it could not write', async () => {
    const sandbox = await sandboxFor({ scenario: 'flood', rate: 1000 });
    const stdout = new StuckReader();
    const watch = await startWatch(sandbox, { stdout });
    await watch.advance(8_000);
    // Thousands of NDJSON lines (megabytes) were ready; the stream holds its own 16 KB and one 64 KB chunk at most.
    expect(stdout.writableLength).toBeLessThan(128 * 1024);
    const ended = watch.interrupt();
    await watch.advance(3_000);
    expect(await ended).toBe(0);
    expect(stdout.destroyed).toBe(true);
    const [line, ...rest] = watch.stderr().split('\n');
    expect(line).toMatch(/^dms-live: warning: at least \d+ event\(s\) were not written: stdout was not reading when the watch ended$/);
    expect(Number(/\d+/.exec(line ?? '')?.[0])).toBeGreaterThan(1000);
    expect(rest).toEqual(['']);
  });
});
