/**
 * runReplay's memory stays bounded whatever the input and however slow the
 * reader: events are cut at the size cap, the window is bounded in
 * characters as well as events, and writing waits for the destination.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../src/parse/event-size.js';
import { runReplay, type ReplayInput, type ReplayOptions } from '../../src/replay/run-replay.js';

/** A destination that takes a chunk per turn of the event loop and notes the most it ever had queued. */
class SlowReader extends Writable {
  maxQueued = 0;
  bytes = 0;
  readonly chunks: Buffer[] = [];

  constructor(private readonly keep: boolean) {
    super({ highWaterMark: 16 * 1024 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.maxQueued = Math.max(this.maxQueued, this.writableLength);
    this.bytes += chunk.length;
    if (this.keep) this.chunks.push(chunk);
    setImmediate(callback);
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

async function* once(text: string): AsyncGenerator<Buffer> {
  await Promise.resolve();
  yield Buffer.from(text);
}

const ndjson = (events: readonly { time: number; message: string }[]): string =>
  events.map((e) => `${JSON.stringify({ timestamp: e.time, message: e.message, logStreamName: 's' })}\n`).join('');

async function replayInto(out: Writable, inputs: readonly ReplayInput[], options: Partial<ReplayOptions> = {}): Promise<number> {
  const result = await runReplay(inputs, out, { json: true, ...options });
  // Everything handed over reaches the reader before it is looked at.
  await new Promise<void>((resolve) => out.end(resolve));
  return result.events;
}

describe('runReplay: back-pressure', () => {
  it('waits for a slow reader between events instead of queueing a whole batch', async () => {
    const events = Array.from({ length: 300 }, (_, i) => ({ time: 1722696245000 + i, message: `${String(i)} ${'p'.repeat(32 * 1024)}` }));
    const out = new SlowReader(false);
    expect(await replayInto(out, [{ name: 'big.ndjson', bytes: once(ndjson(events)) }], { capacity: 10 })).toBe(300);
    expect(out.bytes).toBeGreaterThan(300 * 32 * 1024);
    // One NDJSON line (32 KB), one 256 KB chunk and the reader's own 16 KB: never the 10 MB of the batch.
    expect(out.maxQueued).toBeLessThan(1024 * 1024);
  });
});

describe('runReplay: the window is bounded in characters too', () => {
  it('lets the oldest events go early when they are large, writing a late one where it arrives', async () => {
    const big = (time: number): { time: number; message: string } => ({ time, message: `${String(time)} ${'b'.repeat(1000)}` });
    const late = { time: 1, message: 'late' };
    const input = ndjson([big(10), big(11), big(12), big(13), big(14), big(15), late]);
    const order = async (options: Partial<ReplayOptions>): Promise<string[]> => {
      const out = new SlowReader(true);
      await replayInto(out, [{ name: 'in.ndjson', bytes: once(input) }], options);
      return out
        .text()
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { raw: string }).raw.split(' ')[0] ?? '');
    };
    // Within the window (by count) the late event is put in its place. Each large event weighs 2,006
    // characters (raw and text): a window of three has let the first three go when the late one comes.
    expect(await order({ capacity: 1000 })).toEqual(['late', '10', '11', '12', '13', '14', '15']);
    expect(await order({ capacity: 1000, windowChars: 3 * 2006 })).toEqual(['10', '11', '12', 'late', '13', '14', '15']);
  });
});

describe('runReplay: one endless line', () => {
  it('reads 300 MB of one line in bounded memory, and keeps the start of it', async () => {
    const megabyte = Buffer.alloc(1024 * 1024);
    const before = used();
    let most = 0;
    async function* zeros(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 300; i++) {
        if (i % 10 === 0) most = Math.max(most, used() - before);
        await Promise.resolve();
        yield megabyte;
      }
    }
    const out = new SlowReader(true);
    expect(await replayInto(out, [{ name: '/dev/zero', bytes: zeros() }])).toBe(1);
    const event = JSON.parse(out.text()) as { raw: string; cutBytes: number; text: string };
    expect(event.raw).toBe('\u0000'.repeat(MAX_MESSAGE_BYTES));
    expect(event.cutBytes).toBe(300 * megabyte.length - MAX_MESSAGE_BYTES);
    expect(event.text).toMatch(/… \[cut: 313524224 bytes\]$/);
    // Holding the line (or pieces of it) would be 300 MB and more.
    expect(most).toBeLessThan(64 * 1024 * 1024);
  });
});

/** Memory the process holds in JavaScript objects and buffers. */
function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
