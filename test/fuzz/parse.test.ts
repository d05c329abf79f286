import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DmsEvent, RawLogRecord } from '../../src/events/types.js';
import { toNdjsonLine } from '../../src/output/ndjson.js';
import { toPlainLine } from '../../src/output/plain-line.js';
import { parseCutJsonObject } from '../../src/parse/cut-json.js';
import { parseTaskLine } from '../../src/parse/dms-task.js';
import { parseLogRecord } from '../../src/parse/log-record.js';
import { parseOrchestratorMessage } from '../../src/parse/orchestrator.js';
import { classifyPgConnection } from '../../src/parse/postgres-connection.js';
import { parsePgEntry } from '../../src/parse/postgres-entry.js';
import { recordFromJson } from '../../src/parse/record-from-json.js';
import { RecordParser } from '../../src/parse/record-parser.js';
import { SAFE_LINE_MAX_CHARS, toSafeLine } from '../../src/parse/safe-text.js';
import { detectSource, textShape } from '../../src/parse/source.js';
import { isInertLine, logMessage, nastyText, rawRecord } from './arbitraries.js';
import { fuzzParams, fuzzTimeout } from './settings.js';

/**
 * Properties of every parser: it never throws, keeps the raw text exactly,
 * gives only terminal-safe display text, and a time an output can print.
 */

const MAX_DATE_MS = 8.64e15;
/** The display line, plus the marker an event cut for size may add. */
const MAX_TEXT_CHARS = SAFE_LINE_MAX_CHARS + 100;

/** The display fields of an event: one terminal-safe line each (log-record.ts). */
function displayFields(e: DmsEvent): string[] {
  const out = [e.text];
  if (e.kind === 'state') out.push(e.state);
  if (e.kind === 'task') out.push(e.component);
  if (e.kind === 'connection') {
    const c = e.connection;
    for (const v of [c.user, c.database, c.host, c.method, c.application]) if (v !== undefined) out.push(v);
  }
  if ('pg' in e && e.pg !== undefined) {
    for (const v of [e.pg.user, e.pg.database, e.pg.host, e.pg.level]) if (v !== undefined) out.push(v);
  }
  return out;
}

function checkEvent(event: DmsEvent, record: RawLogRecord): void {
  expect(event.raw).toBe(record.message);
  for (const field of displayFields(event)) {
    expect(isInertLine(field), JSON.stringify(field)).toBe(true);
  }
  expect(event.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
  expect(['dms', 'dms-task', 'postgres', 'api', 'live', 'other']).toContain(event.source);
  expect(['info', 'warning', 'error']).toContain(event.severity);
  expect(typeof event.id === 'string' && event.id.length > 0).toBe(true);
}

describe('parseLogRecord, for any record', () => {
  it('never throws, keeps raw exactly, and gives one terminal-safe line per display field', { timeout: fuzzTimeout(10_000) }, () => {
    fc.assert(
      fc.property(rawRecord, (record) => {
        const event = parseLogRecord(record, 0);
        checkEvent(event, record);
        // A time every output can print: a record's own valid time, else one from the text or the fallback.
        expect(Number.isFinite(event.time)).toBe(true);
        const t = record.timestamp;
        if (t !== undefined && Number.isInteger(t) && t >= 0 && t <= MAX_DATE_MS) expect(event.time).toBe(t);
      }),
      fuzzParams(400),
    );
  });

  it('its NDJSON line is one valid, terminal-safe JSON line that gives the raw text back; its plain line is safe too', { timeout: fuzzTimeout(10_000) }, () => {
    fc.assert(
      fc.property(rawRecord, (record) => {
        const event = parseLogRecord(record, 0);
        const line = toNdjsonLine(event);
        expect(line.endsWith('\n')).toBe(true);
        const body = line.slice(0, -1);
        // What reaches the terminal: the line as UTF-8 bytes.
        expect(isInertLine(Buffer.from(body).toString('utf8'))).toBe(true);
        const parsed = JSON.parse(body) as { time: string; raw: string; text: string };
        expect(parsed.raw).toBe(record.message);
        expect(parsed.text).toBe(event.text);
        expect(new Date(parsed.time).toISOString()).toBe(parsed.time);
        expect(isInertLine(Buffer.from(toPlainLine(event)).toString('utf8'))).toBe(true);
      }),
      fuzzParams(300),
    );
  });
});

describe('RecordParser, for any sequence of records in any batches', () => {
  const batches = fc.tuple(fc.array(rawRecord, { maxLength: 30 }), fc.array(fc.nat(40), { maxLength: 5 }));

  it('gives one event per record, in order, each with a final time, the same however the records are batched', { timeout: fuzzTimeout(10_000) }, () => {
    fc.assert(
      fc.property(batches, ([records, cuts]) => {
        const whole = new RecordParser();
        const once = [...whole.push(records), ...whole.end()];
        const split = new RecordParser();
        const points = [...new Set(cuts.map((c) => c % (records.length + 1)))].sort((a, b) => a - b);
        const parts: DmsEvent[] = [];
        let at = 0;
        for (const p of [...points, records.length]) {
          parts.push(...split.push(records.slice(at, p)));
          at = p;
        }
        parts.push(...split.end());
        expect(once.map((e) => e.raw)).toEqual(records.map((r) => r.message));
        for (const e of once) expect(Number.isFinite(e.time)).toBe(true);
        expect(parts).toEqual(once);
      }),
      fuzzParams(150),
    );
  });

  it('gives repeats of one record distinct ids, and the same record from another input the same id', () => {
    fc.assert(
      fc.property(rawRecord, fc.integer({ min: 2, max: 5 }), (given, times) => {
        const record = { ...given, eventId: undefined };
        const parser = new RecordParser();
        const repeated = [...parser.push(Array.from({ length: times }, () => record)), ...parser.end()];
        expect(new Set(repeated.map((e) => e.id)).size).toBe(times);
        const other = new RecordParser();
        const again = [...other.push([record]), ...other.end()];
        expect(again[0]?.id).toBe(repeated[0]?.id);
      }),
      fuzzParams(150),
    );
  });
});

describe('the parsers behind it, for any text', () => {
  it('never throw: PostgreSQL entries and connection steps, orchestrator reports, task lines, cut JSON, source detection', { timeout: fuzzTimeout(10_000) }, () => {
    fc.assert(
      fc.property(logMessage, nastyText(30), (text, where) => {
        const entry = parsePgEntry(text);
        if (entry !== undefined) classifyPgConnection(entry);
        parseOrchestratorMessage(text);
        parseTaskLine(text);
        parseCutJsonObject(text);
        textShape(text);
        detectSource({ message: text, logGroup: where, logStream: where });
      }),
      fuzzParams(400),
    );
  });

  it('recordFromJson takes any JSON value: no record, or one with a string message and a printable time', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ message: fc.jsonValue(), timestamp: fc.jsonValue(), logGroupIdentifier: fc.jsonValue(), logStreamName: fc.jsonValue() }, { requiredKeys: [] })), (value) => {
        const record = recordFromJson(value);
        if (record === undefined) return;
        expect(typeof record.message).toBe('string');
        if (record.timestamp !== undefined) expect(record.timestamp >= 0 && record.timestamp <= MAX_DATE_MS).toBe(true);
      }),
      fuzzParams(400),
    );
  });

  it('toSafeLine gives one terminal-safe line, changes nothing that is one, and is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(nastyText(300), fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 12_000 })), (text) => {
        const safe = toSafeLine(text);
        expect(isInertLine(safe)).toBe(true);
        expect(safe.length).toBeLessThanOrEqual(SAFE_LINE_MAX_CHARS);
        expect(toSafeLine(safe)).toBe(safe);
        if (isInertLine(text) && text.length <= SAFE_LINE_MAX_CHARS) expect(safe).toBe(text);
      }),
      fuzzParams(300),
    );
  });
});

describe('time bounds: long pathological lines parse in one pass', () => {
  /** 256 KB of what makes a naive scanner backtrack or re-search. */
  const PATHOLOGICAL = ['{', "'", "\\'", '\\', '"', '\t', ':', '[unknown]@', ':[', "{'a':'", '%', 'x\n\t'];
  const SIZE = 256 * 1024;

  it.each(PATHOLOGICAL)('%j repeated, bare and after each kind of prefix', (unit) => {
    const body = unit.repeat(Math.ceil(SIZE / unit.length));
    const prefixes = ['', "{'replication_state':'failed', 'message': '", '2024-05-01 07:16:00 UTC:10.0.0.75(48820):dms@postgres:[3000]:FATAL:  ', '2024-05-01T07:16:45 [TASK_MANAGER    ]E:  '];
    for (const prefix of prefixes) {
      const record = { message: `${prefix}${body}` };
      checkEvent(parseLogRecord(record, 0), record);
      checkEvent(parseLogRecord({ ...record, logGroup: '/aws/rds/instance/db1/postgresql' }, 0), record);
    }
  });
});
