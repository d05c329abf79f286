import { describe, expect, it } from 'vitest';
import type { RawLogRecord } from '../../src/events/types.js';
import { MAX_MESSAGE_BYTES } from '../../src/parse/event-size.js';
import { recordFromJson } from '../../src/parse/record-from-json.js';

/** recordFromJson (src/parse/record-from-json.ts): the JSON log event shapes users save -> raw records. */

const T = 1_722_696_245_000;
const GROUP = '/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql';
const NO_EXTRAS = { timestamp: undefined, logGroup: undefined, logStream: undefined, eventId: undefined, ingestionTime: undefined, cutBytes: undefined };

describe('recordFromJson', () => {
  it.each<[string, unknown, RawLogRecord]>([
    [
      'a filter-log-events event',
      { logStreamName: 'db', timestamp: T, message: 'LOG:  x', ingestionTime: T + 5, eventId: '3838' },
      { ...NO_EXTRAS, message: 'LOG:  x', timestamp: T, logStream: 'db', eventId: '3838', ingestionTime: T + 5 },
    ],
    [
      'a Live Tail result, its group named by ARN',
      { logGroupIdentifier: `arn:aws:logs:eu-central-1:831394476016:log-group:${GROUP}`, logStreamName: 'db', timestamp: T, message: 'LOG:  x' },
      { ...NO_EXTRAS, message: 'LOG:  x', timestamp: T, logGroup: GROUP, logStream: 'db' },
    ],
    [
      "dms-live's own NDJSON: raw is the line, message a state report's message, time an ISO string",
      { time: '2024-08-03T14:44:05.123+00:00', raw: "{'replication_state':'running'}", message: 'Replication is running.', logGroup: 'g', logStream: 's' },
      { ...NO_EXTRAS, message: "{'replication_state':'running'}", timestamp: Date.UTC(2024, 7, 3, 14, 44, 5, 123), logGroup: 'g', logStream: 's' },
    ],
    ['a number as the message', { message: 42, timestamp: T }, { ...NO_EXTRAS, message: '42', timestamp: T }],
    ['an object as the message', { message: { a: 1 } }, { ...NO_EXTRAS, message: '{"a":1}' }],
    ['a time as a string of digits', { message: 'x', timestamp: String(T) }, { ...NO_EXTRAS, message: 'x', timestamp: T }],
    ['the latest time a Date holds', { message: 'x', timestamp: 8.64e15 }, { ...NO_EXTRAS, message: 'x', timestamp: 8.64e15 }],
    ['a time past what a Date holds', { message: 'x', timestamp: 8.64e15 + 1 }, { ...NO_EXTRAS, message: 'x' }],
    ['a time before 1970', { message: 'x', timestamp: -1 }, { ...NO_EXTRAS, message: 'x' }],
    ['an empty time', { message: 'x', timestamp: '' }, { ...NO_EXTRAS, message: 'x' }],
    ['a cut counted by an earlier dms-live', { raw: 'x', cutBytes: 500 }, { ...NO_EXTRAS, message: 'x', cutBytes: 500 }],
  ])('reads %s', (_name, value, expected) => {
    expect(recordFromJson(value)).toStrictEqual(expected);
  });

  it.each([-5, 0, 2.5, '700', Number.NaN])('ignores an earlier cut of %j: no count of bytes', (cutBytes) => {
    expect(recordFromJson({ raw: 'x', cutBytes })?.cutBytes).toBeUndefined();
  });

  it('keeps the start of a message past the size cap and adds what it left out to an earlier cut', () => {
    const record = recordFromJson({ raw: 'z'.repeat(MAX_MESSAGE_BYTES + 10), cutBytes: 90 });
    expect(record?.message).toHaveLength(MAX_MESSAGE_BYTES);
    expect(record?.cutBytes).toBe(100);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', [{ message: 'x' }]],
    ['a string', 'x'],
    ['an object without a message', { timestamp: T }],
  ])('gives no record for %s', (_name, value) => {
    expect(recordFromJson(value)).toBeUndefined();
  });
});
