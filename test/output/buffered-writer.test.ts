import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { BufferedWriter } from '../../src/output/buffered-writer.js';

/** A destination that takes one chunk at a time and says when it is full. */
function slowSink(): { sink: Writable; chunks: Buffer[]; release: () => void } {
  const chunks: Buffer[] = [];
  let pending: (() => void) | undefined;
  const sink = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      pending = cb;
    },
  });
  return {
    sink,
    chunks,
    release: () => {
      const cb = pending;
      pending = undefined;
      cb?.();
    },
  };
}

describe('BufferedWriter', () => {
  it('joins small writes into chunks and keeps their order, multi-byte text included', async () => {
    const out: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        out.push(chunk);
        cb();
      },
    });
    const w = new BufferedWriter(sink, 64);
    const lines = Array.from({ length: 50 }, (_, i) => `line ${String(i)} ü€😀\n`);
    for (const l of lines) w.write(l);
    await w.flush();
    expect(Buffer.concat(out).toString('utf8')).toBe(lines.join(''));
    expect(out.length).toBeLessThan(50);
  });

  it('writes a text larger than its chunk whole', async () => {
    const out: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        out.push(chunk);
        cb();
      },
    });
    const w = new BufferedWriter(sink, 16);
    w.write('a');
    w.write('b'.repeat(100));
    await w.flush();
    expect(Buffer.concat(out).toString('utf8')).toBe(`a${'b'.repeat(100)}`);
  });

  it('makes the producer wait while the destination is full', async () => {
    const { sink, release } = slowSink();
    const w = new BufferedWriter(sink, 4096);
    w.write('x'.repeat(4000));
    let flushed = false;
    const done = w.flush().then(() => {
      flushed = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(flushed).toBe(false);
    release();
    await done;
    expect(flushed).toBe(true);
    expect(sink.listenerCount('drain')).toBe(0);
  });

  it('stops writing once the destination fails (a closed pipe)', async () => {
    const received: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        received.push(chunk.toString('utf8'));
        cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const w = new BufferedWriter(sink, 8);
    w.write('first chunk that fills the buffer');
    await w.flush();
    await new Promise((r) => setImmediate(r));
    expect(w.isClosed).toBe(true);
    expect(received).toEqual(['first chunk that fills the buffer']);
    const handedOver = vi.spyOn(sink, 'write');
    w.write('more');
    w.write('x'.repeat(100));
    await w.flush();
    expect(handedOver).not.toHaveBeenCalled();
  });
  it('keeps the error the destination failed with (a full disk), and is never backed up once closed', async () => {
    const sink = new Writable({
      write(_chunk: Buffer, _enc, cb) {
        cb(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
      },
    });
    const w = new BufferedWriter(sink, 8);
    expect(w.error).toBeUndefined();
    w.write('x'.repeat(100));
    await w.flush();
    await new Promise((r) => setImmediate(r));
    expect(w.error).toMatchObject({ code: 'ENOSPC' });
    expect(w.backedUp).toBe(false);
  });

  it('says it is backed up once the destination is full, until a flush has waited for it', async () => {
    const { sink, release } = slowSink();
    const w = new BufferedWriter(sink, 64);
    w.write('small');
    expect(w.backedUp).toBe(false);
    w.write('x'.repeat(2000));
    expect(w.backedUp).toBe(true);
    const flushed = w.flush();
    release();
    release();
    await flushed;
    expect(w.backedUp).toBe(false);
  });
});
