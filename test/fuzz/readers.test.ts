import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawLogRecord } from '../../src/events/types.js';
import { MAX_JSON_EVENT_CHARS, MAX_MESSAGE_BYTES } from '../../src/parse/event-size.js';
import { parseLogRecord } from '../../src/parse/log-record.js';
import { readRecords, type ReadStats } from '../../src/replay/read-records.js';
import { runCliCaptured } from '../support/cli.js';
import { chunked, isInertLine, logMessage, nastyText, pgLine, taskLine } from './arbitraries.js';
import { fuzzParams, fuzzTimeout } from './settings.js';

/**
 * Properties of the replay readers: any bytes in any chunks, never an
 * exception; the same bytes give the same records however they arrive;
 * what the three formats hold comes back exactly; and `replay --json` turns
 * any input into valid, terminal-safe NDJSON or one clear line.
 */

async function read(chunks: readonly Buffer[]): Promise<{ records: RawLogRecord[]; stats: ReadStats }> {
  const stats: ReadStats = { format: undefined, bytes: 0, records: 0, malformed: 0, truncated: false };
  const records: RawLogRecord[] = [];
  // A plain iterable is an async one to `for await`, as a file stream's chunks are.
  const source: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => chunks[Symbol.iterator]() as unknown as AsyncIterator<Buffer> };
  for await (const batch of readRecords(source, stats)) records.push(...batch);
  return { records, stats };
}

/** A Live Tail result or a filter-log-events event, as users save them. */
const savedEvent = fc.record({
  logStreamName: fc.constantFrom('db1.0', 'dms-serverless-replication-orchestrator-X'),
  timestamp: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  message: logMessage,
  ingestionTime: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  eventId: fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 56, maxLength: 56 }),
});

/** Any input a user may feed replay: the three formats, cut anywhere, mixed with garbage. */
const anyInput = fc.oneof(
  fc.array(savedEvent, { maxLength: 8 }).map((events) => JSON.stringify({ events, searchedLogStreams: [] }, null, 4)),
  fc.array(savedEvent, { maxLength: 8 }).map((events) => events.map((e) => JSON.stringify(e)).join('\n')),
  fc.array(fc.oneof(pgLine, taskLine, logMessage), { maxLength: 8 }).map((lines) => lines.join('\n')),
  fc.tuple(fc.array(savedEvent, { maxLength: 4 }), fc.nat()).map(([events, at]) => {
    const text = JSON.stringify({ events }, null, 2);
    return text.slice(0, at % (text.length + 1));
  }),
  nastyText(300),
);

const anyBytes = fc.oneof(
  { weight: 4, arbitrary: anyInput.map((text) => Buffer.from(text)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)) },
);

describe('readRecords, for any bytes', () => {
  it('never throws, and gives the same records however the bytes are split', { timeout: fuzzTimeout(15_000) }, async () => {
    await fc.assert(
      fc.asyncProperty(anyBytes, fc.array(fc.nat(), { maxLength: 8 }), async (bytes, cuts) => {
        const whole = await read([bytes]);
        const split = await read(chunked(bytes, cuts));
        const bytewise = await read([...bytes].map((b) => Buffer.from([b])).slice(0, 2000));
        expect(split.records).toEqual(whole.records);
        expect(split.stats).toEqual(whole.stats);
        if (bytes.length <= 2000) expect(bytewise.records).toEqual(whole.records);
        for (const r of whole.records) expect(typeof r.message).toBe('string');
      }),
      fuzzParams(150),
    );
  });

  it('gives back every event of filter-log-events JSON (several outputs appended) exactly', { timeout: fuzzTimeout(10_000) }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(savedEvent, { maxLength: 5 }), { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { maxLength: 6 }), async (outputs, cuts) => {
        const text = outputs.map((events) => JSON.stringify({ events, searchedLogStreams: [] }, null, 4)).join('\n');
        const { records } = await read(chunked(Buffer.from(text), cuts));
        const events = outputs.flat();
        expect(records.map((r) => [r.message, r.timestamp, r.logStream, r.eventId])).toEqual(events.map((e) => [e.message, e.timestamp, e.logStreamName, e.eventId]));
      }),
      fuzzParams(100),
    );
  });

  it('gives back every Live Tail result of NDJSON exactly, group ARNs as names', { timeout: fuzzTimeout(10_000) }, async () => {
    const result = fc.record({
      logGroupIdentifier: fc.constantFrom('arn:aws:logs:eu-central-1:123456789012:log-group:/aws/rds/instance/db1/postgresql', 'dms-serverless-replication-X'),
      logStreamName: fc.constant('db1.0'),
      timestamp: fc.integer({ min: 0, max: 4_102_444_800_000 }),
      message: logMessage,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(result, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), async (results, cuts) => {
        const text = results.map((r) => JSON.stringify(r)).join('\n');
        const { records } = await read(chunked(Buffer.from(text), cuts));
        expect(records.map((r) => [r.message, r.timestamp, r.logGroup])).toEqual(
          results.map((r) => [r.message, r.timestamp, r.logGroupIdentifier.replace(/^arn:aws:logs:[^:]+:\d+:log-group:/, '')]),
        );
      }),
      fuzzParams(100),
    );
  });

  it('gives back every line of plain text as one record', { timeout: fuzzTimeout(10_000) }, async () => {
    // Lines no reader takes for JSON or a continuation: they start with a letter and hold no tab or newline.
    const line = fc.tuple(fc.constantFrom(...'abcXYZ'.split('')), fc.string({ unit: fc.constantFrom(...Array.from('abz019 .:-_/[]()\'"{}é😀')), maxLength: 60 }))
      .map(([first, rest]) => `${first}${rest}`.trimEnd());
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 10 }), fc.array(fc.nat(), { maxLength: 6 }), async (lines, cuts) => {
        const { records, stats } = await read(chunked(Buffer.from(`${lines.join('\n')}\n`), cuts));
        expect(stats.format).toBe('text');
        expect(records.map((r) => r.message)).toEqual(lines);
      }),
      fuzzParams(100),
    );
  });
});

describe('size bounds: one event of any size', () => {
  const MB = 1024 * 1024;
  const oversized = fc.record({
    bytes: fc.constantFrom(MAX_MESSAGE_BYTES - 2, MAX_MESSAGE_BYTES, MAX_MESSAGE_BYTES + 1, MAX_MESSAGE_BYTES + 3, Math.floor(2.5 * MB)),
    unit: fc.constantFrom('a', 'é', '€', '😀', '\x00', '\\', '"'),
    format: fc.constantFrom('text', 'ndjson', 'aws-json'),
    cuts: fc.array(fc.nat(), { maxLength: 5 }),
  });

  it('keeps at most MAX_MESSAGE_BYTES of its message, its start exactly, and counts the rest', { timeout: fuzzTimeout(20_000) }, async () => {
    await fc.assert(
      fc.asyncProperty(oversized, async ({ bytes, unit, format, cuts }) => {
        const message = `x${unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)))}`;
        const whole = Buffer.byteLength(message);
        const text = format === 'text' ? `${message}\n` : format === 'ndjson' ? `${JSON.stringify({ timestamp: 1, message })}\n` : JSON.stringify({ events: [{ timestamp: 1, message }] });
        const { records } = await read(chunked(Buffer.from(text), cuts));
        expect(records).toHaveLength(1);
        const [record] = records;
        const kept = Buffer.byteLength(record?.message ?? '');
        expect(kept).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
        expect(message.startsWith(record?.message ?? '?')).toBe(true);
        // An event whose JSON text is past the reader's cap (escapes take up to six characters a byte) is
        // skipped as text, so its cut is counted in JSON bytes: never less than what is missing.
        if (format === 'text' || JSON.stringify(message).length <= MAX_JSON_EVENT_CHARS) expect(kept + (record?.cutBytes ?? 0)).toBe(whole);
        else expect(kept + (record?.cutBytes ?? 0)).toBeGreaterThanOrEqual(whole);
        if (whole > MAX_MESSAGE_BYTES) {
          const event = parseLogRecord(record ?? { message: '' }, 0);
          expect(event.text).toMatch(new RegExp(`… \\[cut: ${String(record?.cutBytes)} bytes\\]$`));
        }
      }),
      fuzzParams(12),
    );
  });
});

describe('replay --json, for any input on stdin', () => {
  it('writes valid, terminal-safe NDJSON with printable times, or says in one safe line why not', { timeout: fuzzTimeout(20_000) }, async () => {
    await fc.assert(
      fc.asyncProperty(anyInput, async (input) => {
        const run = await runCliCaptured(['replay', '--json', '-'], input);
        expect([0, 2]).toContain(run.code);
        for (const line of run.stderr.split('\n').slice(0, -1)) {
          expect(line.startsWith('dms-live: ')).toBe(true);
          expect(isInertLine(line)).toBe(true);
        }
        if (run.code === 2) {
          expect(run.stderr.split('\n')).toHaveLength(2);
          return;
        }
        for (const line of run.stdout.split('\n').slice(0, -1)) {
          expect(isInertLine(line)).toBe(true);
          const record = JSON.parse(line) as { time: string; text: string };
          expect(new Date(record.time).toISOString()).toBe(record.time);
          expect(isInertLine(record.text)).toBe(true);
        }
      }),
      fuzzParams(60),
    );
  });
});
