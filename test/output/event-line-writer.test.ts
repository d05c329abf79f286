import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { DmsEvent, LogEvent } from '../../src/events/types.js';
import { EventLineWriter, type EventLineWriterOptions } from '../../src/output/event-line-writer.js';

/** A reader that takes a chunk only when the test says so, and notes the most it ever had queued. */
class HeldReader extends Writable {
  readonly chunks: Buffer[] = [];
  maxQueued = 0;
  private pending: (() => void) | undefined;

  constructor() {
    super({ highWaterMark: 16 * 1024 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.maxQueued = Math.max(this.maxQueued, this.writableLength);
    this.chunks.push(chunk);
    this.pending = callback;
  }

  /** Takes one chunk; true when there was one to take. */
  takeOne(): boolean {
    const callback = this.pending;
    this.pending = undefined;
    callback?.();
    return callback !== undefined;
  }

  lines(): string[] {
    // Each line's first word: the event's number, or the gap's `gap:N`.
    return Buffer.concat(this.chunks)
      .toString('utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split(' ')[0] ?? '');
  }
}

const event = (i: number, size = 10): LogEvent => ({
  kind: 'log',
  id: `e${String(i)}`,
  time: 1_722_696_245_000 + i,
  source: 'postgres',
  severity: 'info',
  text: `${String(i)} ${'x'.repeat(size)}`,
  raw: `${String(i)} ${'x'.repeat(size)}`,
});

const gapEvent = (leftOut: number, time: number): DmsEvent => ({ ...event(-1), id: `gap${String(time)}`, time, text: `gap:${String(leftOut)}` });

function writerInto(out: Writable, options: Partial<EventLineWriterOptions> = {}): { writer: EventLineWriter; warnings: string[] } {
  const warnings: string[] = [];
  const writer = new EventLineWriter({
    out,
    format: (e) => `${e.text}\n`,
    warn: (line) => warnings.push(line),
    gapEvent,
    chunkBytes: 4096,
    ...options,
  });
  return { writer, warnings };
}

/** Lets a held reader take chunks until nothing more comes, a turn of the event loop at a time. */
async function readAll(reader: HeldReader): Promise<void> {
  for (let idle = 0; idle < 5; ) {
    idle = reader.takeOne() ? 0 : idle + 1;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('EventLineWriter', () => {
  it('writes every event, in order, at the pace of a slow reader, with little waiting in the stream', async () => {
    const reader = new HeldReader();
    const { writer, warnings } = writerInto(reader);
    for (let batch = 0; batch < 20; batch++) writer.write(Array.from({ length: 100 }, (_, i) => event(batch * 100 + i, 200)));
    const ended = writer.end();
    await readAll(reader);
    await ended;
    expect(reader.lines()).toEqual(Array.from({ length: 2000 }, (_, i) => String(i)));
    // Its own 16 KB and one 4 KB chunk: never the 400 KB written.
    expect(reader.maxQueued).toBeLessThan(32 * 1024);
    expect(warnings).toEqual([]);
    expect(writer.leftOut).toBe(0);
  });

  it('holds a bounded amount for a reader that stopped, leaves newer events out and marks the gap where it resumes', async () => {
    const reader = new HeldReader();
    const { writer, warnings } = writerInto(reader, { maxQueuedChars: 50_000 });
    // 2,000 events of about 1 KB (raw and text) each: 2 MB for a reader that does not read.
    for (let i = 0; i < 2000; i++) writer.write([event(i, 500)]);
    expect(warnings).toEqual([expect.stringMatching(/^stdout is not keeping up: 0 MB of events are waiting for it, and newer ones are left out until it catches up/)]);
    const leftOut = writer.leftOut;
    expect(leftOut).toBeGreaterThan(1900);
    await readAll(reader);
    writer.write([event(5000)]);
    const ended = writer.end();
    await readAll(reader);
    await ended;
    const lines = reader.lines();
    const gap = lines.findIndex((l) => l.startsWith('gap:'));
    expect(lines[gap]).toBe(`gap:${String(leftOut)}`);
    expect(lines.slice(0, gap)).toEqual(Array.from({ length: 2000 - leftOut }, (_, i) => String(i)));
    expect(lines.slice(gap + 1)).toEqual(['5000']);
    expect(warnings.at(-1)).toBe(`${String(leftOut)} event(s) were not written: stdout did not keep up with them`);
    expect(warnings).toHaveLength(2);
  });

  it('marks a gap at the very end too', async () => {
    const reader = new HeldReader();
    const { writer } = writerInto(reader, { maxQueuedChars: 100 });
    writer.write([event(1, 60), event(2, 60), event(3, 60)]);
    const ended = writer.end();
    await readAll(reader);
    await ended;
    expect(reader.lines()).toEqual(['1', 'gap:2']);
  });

  it('stops waiting for a reader that is not reading when told to give up, and says how many events were not written', async () => {
    const reader = new HeldReader();
    const { writer, warnings } = writerInto(reader);
    writer.write(Array.from({ length: 500 }, (_, i) => event(i, 200)));
    let giveUp!: () => void;
    const ended = writer.end(new Promise<void>((resolve) => (giveUp = resolve)));
    let done = false;
    void ended.then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    giveUp();
    await ended;
    expect(reader.destroyed).toBe(true);
    const written = reader.lines().length;
    expect(warnings).toEqual([expect.stringMatching(/^at least \d+ event\(s\) were not written: stdout was not reading when the watch ended$/)]);
    const notWritten = Number(/\d+/.exec(warnings[0] ?? '')?.[0]);
    expect(notWritten).toBeGreaterThan(400);
    expect(written + notWritten).toBeLessThanOrEqual(500);
  });

  it('ends at once when everything was written, whatever the give-up promise does', async () => {
    const out = new Writable({
      write(_chunk, _enc, cb) {
        cb();
      },
    });
    const { writer, warnings } = writerInto(out);
    writer.write([event(1)]);
    await writer.end(new Promise<void>(() => undefined));
    expect(out.destroyed).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('writes nothing more, and warns of nothing, once the reader went away (| head)', async () => {
    const attempts: string[] = [];
    const out = new Writable({
      write(chunk: Buffer, _enc, cb) {
        attempts.push(chunk.toString());
        cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const { writer, warnings } = writerInto(out, { maxQueuedChars: 100 });
    writer.write([event(1)]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writer.isClosed).toBe(true);
    writer.write(Array.from({ length: 100 }, (_, i) => event(i + 2, 100)));
    await writer.end();
    expect(attempts).toEqual(['1 xxxxxxxxxx\n']);
    expect(warnings).toEqual([]);
  });
});
