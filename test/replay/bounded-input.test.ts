/**
 * No input can take replay's memory or time with it: an event is kept up to
 * the cap of src/parse/event-size.ts and the rest skipped as it streams by,
 * and the JSON scanner does work linear in its input.
 */
import { describe, expect, it } from 'vitest';
import type { RawLogRecord } from '../../src/events/types.js';
import { MAX_MESSAGE_BYTES } from '../../src/parse/event-size.js';
import { JsonEventsScanner } from '../../src/replay/json-events-scanner.js';
import { PlainTextEntries } from '../../src/replay/plain-text-entries.js';
import { readRecords, type ReadStats } from '../../src/replay/read-records.js';

const newStats = (): ReadStats => ({ format: undefined, bytes: 0, records: 0, malformed: 0, truncated: false });

async function readAll(chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): Promise<{ records: RawLogRecord[]; stats: ReadStats }> {
  const stats = newStats();
  const records: RawLogRecord[] = [];
  async function* each(): AsyncGenerator<Buffer | string> {
    yield* chunks;
  }
  for await (const batch of readRecords(each(), stats)) records.push(...batch);
  return { records, stats };
}

/** `count` chunks of `chunk`, then `tail`: large inputs without the memory they stand for. */
function* repeated(chunk: Buffer, count: number, tail = ''): Generator<Buffer> {
  for (let i = 0; i < count; i++) yield chunk;
  if (tail !== '') yield Buffer.from(tail);
}

describe('the JSON event scanner', () => {
  // Searching afresh for the closing quote after every escape made 8 MB of backslashes take 8 s.
  it('covers each character of a run of escapes a bounded number of times', () => {
    const scanner = new JsonEventsScanner();
    const text = `{"events":[{"message":"${'\\\\'.repeat(500_000)}","timestamp":1}]}`;
    const found = scanner.push(text);
    expect(found).toEqual([{ value: { message: '\\'.repeat(500_000), timestamp: 1 } }]);
    expect(scanner.searched).toBeLessThanOrEqual(3 * text.length);
  });

  it('stays linear when the escapes arrive in many chunks, and in a long top-level value', () => {
    const scanner = new JsonEventsScanner();
    const text = `{"nextToken":"${'\\"'.repeat(200_000)}","events":[{"message":"a\\\\b\\"c${'\\\\'.repeat(100_000)}"}]}`;
    const found = [];
    for (let i = 0; i < text.length; i += 4096) found.push(...scanner.push(text.slice(i, i + 4096)));
    expect(found).toEqual([{ value: { message: `a\\b"c${'\\'.repeat(100_000)}` } }]);
    expect(scanner.searched).toBeLessThanOrEqual(3 * text.length);
  });

  it('keeps the start of an event past the cap and counts the rest, then goes on with the next', () => {
    const scanner = new JsonEventsScanner(1000);
    const huge = `{"timestamp":5,"message":"${'x'.repeat(5000)}","nested":{"a":"}"}}`;
    const found = scanner.push(`{"events":[${huge},{"message":"next"}]}`);
    expect(found).toHaveLength(2);
    const [cut, next] = found;
    expect(cut).toMatchObject({ cutBytes: huge.length - 1000 });
    expect(cut !== undefined && 'cut' in cut ? cut.cut : '').toBe(huge.slice(0, 1000));
    expect(next).toEqual({ value: { message: 'next' } });
  });
});

describe('reading an event past the cap', () => {
  const line = (message: string): string => `{"timestamp":1722696245000,"logStreamName":"db.0","message":"${message}","eventId":"e1"}`;

  it('keeps the time, the stream and the start of the message of an AWS CLI event, and says how much was cut', async () => {
    const message = 'y'.repeat(MAX_MESSAGE_BYTES * 7);
    const text = Buffer.from(`{"events":[${line(message)},${line('after')}]}`);
    // In one piece the event parses whole and its message is cut; read in
    // chunks, its JSON text is cut as it streams by, the fields after the
    // message with it.
    for (const chunks of [[text], Array.from({ length: Math.ceil(text.length / 65536) }, (_, i) => text.subarray(i * 65536, (i + 1) * 65536))]) {
      const { records, stats } = await readAll(chunks);
      expect(stats.format).toBe('aws-json');
      expect(records).toHaveLength(2);
      const [cut, after] = records;
      expect(cut).toMatchObject({ timestamp: 1722696245000, logStream: 'db.0' });
      expect(cut?.message).toBe(message.slice(0, MAX_MESSAGE_BYTES));
      expect(cut?.cutBytes).toBeGreaterThanOrEqual(message.length - MAX_MESSAGE_BYTES);
      expect(cut?.cutBytes).toBeLessThanOrEqual(message.length - MAX_MESSAGE_BYTES + '","eventId":"e1"}'.length);
      expect(after).toMatchObject({ message: 'after', eventId: 'e1' });
      expect(stats.malformed).toBe(0);
    }
  });

  it('does the same for an NDJSON line, streaming through the part it skips', async () => {
    const head = Buffer.from(`${line('z'.repeat(100))}\n{"timestamp":1722696246000,"message":"`);
    const { records } = await readAll([head, ...repeated(Buffer.alloc(1024 * 1024, 'z'), 20, '"}\n')]);
    expect(records).toHaveLength(2);
    expect(records[1]).toMatchObject({ timestamp: 1722696246000 });
    expect(records[1]?.message).toHaveLength(MAX_MESSAGE_BYTES);
    expect(records[1]?.cutBytes).toBeGreaterThan(13 * 1024 * 1024);
  });

  it('keeps a plain-text line up to the cap, and an endless run of continuation lines too', async () => {
    const { records } = await readAll([...repeated(Buffer.alloc(1024 * 1024, 'a'), 3, '\nnext\n')]);
    expect(records.map((r) => [r.message.length, r.cutBytes])).toEqual([
      [MAX_MESSAGE_BYTES, 2 * 1024 * 1024],
      [4, undefined],
    ]);
    const entries = new PlainTextEntries(100);
    const out = entries.push(['start', ...Array.from({ length: 50 }, () => '\tcontinued')]);
    expect(out).toEqual([]);
    const [entry] = entries.end();
    expect(Buffer.byteLength(entry?.message ?? '')).toBeLessThanOrEqual(100);
    expect(entry?.message.startsWith('start\n\tcontinued\n')).toBe(true);
    expect(Buffer.byteLength(entry?.message ?? '') + (entry?.cutBytes ?? 0)).toBe(5 + 50 * 11);
  });

  it('holds nothing of an input that is only blank, however long', async () => {
    const { records, stats } = await readAll(repeated(Buffer.alloc(256 * 1024, ' '), 100, '\nhello\n'));
    expect(records).toEqual([{ message: 'hello' }]);
    expect(stats.format).toBe('text');
  });
});
