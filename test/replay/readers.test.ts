import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { detectInputFormat } from '../../src/replay/input-format.js';
import { JsonEventsScanner } from '../../src/replay/json-events-scanner.js';
import { LineSplitter } from '../../src/replay/line-splitter.js';
import { PlainTextEntries } from '../../src/replay/plain-text-entries.js';
import { readRecords, type ReadStats } from '../../src/replay/read-records.js';
import { MAX_MESSAGE_BYTES } from '../../src/parse/event-size.js';
import { recordFromJson } from '../../src/parse/record-from-json.js';
import type { RawLogRecord } from '../../src/events/types.js';

const newStats = (): ReadStats => ({ format: undefined, bytes: 0, records: 0, malformed: 0, truncated: false });

async function readAll(chunks: (string | Buffer)[]): Promise<{ records: RawLogRecord[]; stats: ReadStats }> {
  const stats = newStats();
  const records: RawLogRecord[] = [];
  for await (const batch of readRecords(Readable.from(chunks, { objectMode: true }) as AsyncIterable<string | Buffer>, stats)) records.push(...batch);
  return { records, stats };
}

/** Splits text into chunks of `size` bytes, to test every boundary. */
function chunked(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

const filterLogEventsOutput = JSON.stringify(
  {
    events: [
      {
        logStreamName: 'dms-serverless-replication-orchestrator-RID',
        timestamp: 1722696245000,
        message: "{'replication_state':'initializing', 'message': 'Initializing the replication workflow.'}",
        ingestionTime: 1722696245100,
        eventId: '111',
      },
      {
        logStreamName: 'db.0',
        timestamp: 1722696246000,
        message: 'line with "quotes", braces } { and [brackets] and a \\ backslash and ünïcödé',
        ingestionTime: 1722696246100,
        eventId: '222',
      },
    ],
    searchedLogStreams: [{ logStreamName: 'x', searchedCompletely: true }],
    nextToken: 'abc',
  },
  null,
  4,
);

describe('detectInputFormat', () => {
  it.each([
    ['{\n    "events": [', 'aws-json'],
    ['{"events":[{"message":"x"}]}', 'aws-json'],
    ['[\n  {"message": "x"}', 'aws-json'],
    ['{"logGroupIdentifier":"arn:...","message":"x"}\n', 'ndjson'],
    ['\uFEFF{"message":"x","timestamp":1}\n', 'ndjson'],
    ['2024-08-03 14:44:05 UTC:10.0.0.75(48820):[unknown]@[unknown]:[3000]:LOG:  connection received', 'text'],
    ['"{\'replication_state\':\'initializing\'}"', 'text'],
    ['\u0000\u0001binary', 'text'],
    ["{'replication_state':'initializing', 'message': 'Initializing.'}\n", 'text'],
    ['{"message": broken\n{"message":"ok"}\n', 'text'],
  ])('%j is %s', (head, format) => {
    expect(detectInputFormat(head)).toBe(format);
  });
});

describe('reading the JSON the AWS CLI prints', () => {
  it.each([1, 2, 3, 7, 64, 100_000])('finds every event whatever the chunk size (%i bytes)', async (size) => {
    const { records, stats } = await readAll(chunked(filterLogEventsOutput, size));
    expect(stats.format).toBe('aws-json');
    expect(records.map((r) => r.eventId)).toEqual(['111', '222']);
    expect(records[1]?.message).toBe('line with "quotes", braces } { and [brackets] and a \\ backslash and ünïcödé');
    expect(records[0]).toMatchObject({ timestamp: 1722696245000, ingestionTime: 1722696245100, logStream: 'dms-serverless-replication-orchestrator-RID' });
  });

  it('reads several documents one after another (appended outputs)', async () => {
    const { records } = await readAll([filterLogEventsOutput, '\n', filterLogEventsOutput]);
    expect(records).toHaveLength(4);
  });

  it('walks events whose text holds braces, and events with nested values', async () => {
    const doc = JSON.stringify({
      events: [
        { message: "{'replication_state':'failed', 'message': 'x}'}", timestamp: 1 },
        { message: 'nested', timestamp: 2, extra: { a: [1, { b: '}' }] } },
        { message: 'flat', timestamp: 3 },
      ],
    });
    for (const size of [1, 5, 1000]) {
      const { records } = await readAll(chunked(doc, size));
      expect(records.map((r) => r.message)).toEqual(["{'replication_state':'failed', 'message': 'x}'}", 'nested', 'flat']);
    }
  });

  it('reads a bare array of events', async () => {
    const { records } = await readAll(['[{"message":"a","timestamp":1},{"message":"b","timestamp":2}]']);
    expect(records.map((r) => r.message)).toEqual(['a', 'b']);
  });

  it('keeps an event cut off by the end of the input as plain text and says so', async () => {
    const cut = filterLogEventsOutput.slice(0, filterLogEventsOutput.indexOf('ünïcödé'));
    const { records, stats } = await readAll([cut]);
    expect(stats.truncated).toBe(true);
    expect(records).toHaveLength(2);
    expect(records[1]?.message).toContain('line with');
  });

  it('does not take events from other arrays in the document', () => {
    const scanner = new JsonEventsScanner();
    const found = scanner.push('{"searchedLogStreams":[{"logStreamName":"x"}],"events":[{"message":"real"}]}');
    expect(found).toEqual([{ value: { message: 'real' } }]);
  });
});

describe('reading NDJSON', () => {
  it('reads Live Tail results and names groups by name, not ARN', async () => {
    const line = JSON.stringify({
      logGroupIdentifier: 'arn:aws:logs:eu-central-1:123456789012:log-group:/aws/rds/instance/db/postgresql',
      logStreamName: 'db.0',
      timestamp: 1722696245000,
      message: 'hello',
      ingestionTime: 1722696245001,
    });
    const { records, stats } = await readAll([`${line}\n${line}\n`]);
    expect(stats.format).toBe('ndjson');
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ logGroup: '/aws/rds/instance/db/postgresql', logStream: 'db.0', message: 'hello' });
  });

  it('reads its own --json output back', async () => {
    const line = JSON.stringify({ time: '2024-08-03T14:44:05.000Z', source: 'postgres', raw: 'the raw text', logGroup: 'g', logStream: 's' });
    const { records } = await readAll([`${line}\n`]);
    expect(records[0]).toEqual({ message: 'the raw text', timestamp: Date.parse('2024-08-03T14:44:05.000Z'), logGroup: 'g', logStream: 's' });
  });

  it('keeps malformed lines as plain text and counts them', async () => {
    const { records, stats } = await readAll(['{"message":"ok"}\n{"message": broken\n{"no":"message"}\n\n']);
    expect(records.map((r) => r.message)).toEqual(['ok', '{"message": broken', '{"no":"message"}']);
    expect(stats.malformed).toBe(2);
  });
});

describe('reading plain text', () => {
  it('joins tab-indented continuation lines to the entry before', async () => {
    const text = [
      '2026-11-26 21:39:07 UTC:127.0.0.1(54218):dynapipe@postgres:[14820]:DETAIL:  Password does not match for user "dynapipe".',
      '\tConnection matched pg_hba.conf line 6: "host    all             all             127.0.0.1/32            md5"',
      'next entry',
      '',
    ].join('\r\n');
    const { records } = await readAll(chunked(text, 5));
    expect(records.map((r) => r.message)).toEqual([
      '2026-11-26 21:39:07 UTC:127.0.0.1(54218):dynapipe@postgres:[14820]:DETAIL:  Password does not match for user "dynapipe".\n\tConnection matched pg_hba.conf line 6: "host    all             all             127.0.0.1/32            md5"',
      'next entry',
    ]);
  });

  it('joins the DETAIL and STATEMENT lines of the same PostgreSQL process to their entry', async () => {
    const text = [
      '2026-11-26 21:39:08 UTC:127.0.0.1(54238):no_such_user@postgres:[14830]:FATAL:  password authentication failed for user "no_such_user"',
      '2026-11-26 21:39:08 UTC:127.0.0.1(54238):no_such_user@postgres:[14830]:DETAIL:  Role "no_such_user" does not exist.',
      '\tConnection matched pg_hba.conf line 6: "host    all             all             127.0.0.1/32            md5"',
      '2026-11-26 21:39:08 UTC:127.0.0.1(54240):[unknown]@[unknown]:[14835]:LOG:  connection received: host=127.0.0.1 port=54240',
      '2026-11-26 21:39:08 UTC:127.0.0.1(54240):[unknown]@[unknown]:[14999]:DETAIL:  another process',
    ].join('\n');
    const { records } = await readAll([text]);
    expect(records).toHaveLength(3);
    expect(records[0]?.message.split('\n')).toHaveLength(3);
  });

  it('decodes lines that jq printed as JSON strings', () => {
    const entries = new PlainTextEntries();
    const out = [...entries.push(['"{\'replication_state\':\'initializing\', \'message\': \'a \\"quoted\\" word\'}"']), ...entries.end()];
    expect(out[0]?.message).toBe("{'replication_state':'initializing', 'message': 'a \"quoted\" word'}");
  });

  it('keeps binary garbage as text', async () => {
    const { records } = await readAll([Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 0x1b, 0x5b, 0x32, 0x4a, 10])]);
    expect(records).toHaveLength(2);
    expect(records[0]?.message).toContain('\uFFFD');
  });
});

describe('LineSplitter', () => {
  it('keeps the start of a line longer than the limit, skips the rest and counts it', () => {
    const splitter = new LineSplitter(10);
    expect(splitter.push(Buffer.from('a'.repeat(25)))).toEqual([]);
    expect(splitter.push(Buffer.from('b\r\nshort\n'))).toEqual(['a'.repeat(10), 'short']);
    // 15 more a's, the b and the \r were left out of the first line; the second is whole.
    expect([...splitter.cuts]).toEqual([[0, 17]]);
    expect(splitter.push(Buffer.from(`${'c'.repeat(12)}\nd`))).toEqual(['c'.repeat(10)]);
    expect([...splitter.cuts]).toEqual([[0, 2]]);
    expect(splitter.end()).toEqual(['d']);
    expect(splitter.cuts.size).toBe(0);
  });

  it('never holds more than the limit of an endless line', () => {
    const splitter = new LineSplitter(1000);
    const zeros = Buffer.alloc(64 * 1024);
    for (let i = 0; i < 100; i++) expect(splitter.push(zeros)).toEqual([]);
    const [line] = splitter.end();
    expect(line).toHaveLength(1000);
    expect(splitter.cuts.get(0)).toBe(100 * zeros.length - 1000);
  });

  it('cuts a long line on a character boundary', () => {
    const splitter = new LineSplitter(10);
    // Each € is three bytes: three fit in 10, the fourth would end at 12.
    expect(splitter.push(Buffer.from('€€€€€\n'))).toEqual(['€€€']);
    expect(splitter.cuts.get(0)).toBe(6);
  });

  it('keeps multi-byte characters split across chunks whole', () => {
    const splitter = new LineSplitter();
    const bytes = Buffer.from('ü€😀\n');
    const lines: string[] = [];
    for (let i = 0; i < bytes.length; i++) lines.push(...splitter.push(bytes.subarray(i, i + 1)));
    expect(lines).toEqual(['ü€😀']);
  });
});

describe('recordFromJson', () => {
  it.each([
    ['arn:aws:logs:eu-central-1:1:log-group:dms-serverless-replication-X', 'dms-serverless-replication-X'],
    ['arn:aws:logs:eu-central-1:1:log-group:/aws/rds/instance/db/postgresql:*', '/aws/rds/instance/db/postgresql'],
    ['123456789012:/aws/rds/instance/db/postgresql', '/aws/rds/instance/db/postgresql'],
    ['plain-name', 'plain-name'],
  ])('takes the group name from the identifier %s', (identifier, name) => {
    expect(recordFromJson({ message: 'm', logGroupIdentifier: identifier })?.logGroup).toBe(name);
  });

  it('accepts numeric strings and ISO times as timestamps', () => {
    expect(recordFromJson({ message: 'm', timestamp: '1722696245000' })?.timestamp).toBe(1722696245000);
    expect(recordFromJson({ message: 'm', timestamp: '2024-08-03T14:44:05Z' })?.timestamp).toBe(Date.UTC(2024, 7, 3, 14, 44, 5));
    expect(recordFromJson({ message: 'm', timestamp: 'never' })?.timestamp).toBeUndefined();
  });

  it('refuses a time before 1970: the record takes the time of the one before, as one without a time does', () => {
    expect(recordFromJson({ message: 'm', timestamp: -1 })?.timestamp).toBeUndefined();
    expect(recordFromJson({ message: 'm', timestamp: -86_400_000 })?.timestamp).toBeUndefined();
    expect(recordFromJson({ message: 'm', timestamp: '1969-12-31T23:59:59Z' })?.timestamp).toBeUndefined();
    expect(recordFromJson({ message: 'm', timestamp: 0 })?.timestamp).toBe(0);
  });

  it('keeps the time of a record whose message is not a string, and the message as its JSON text', () => {
    expect(recordFromJson({ message: 42, timestamp: 1722696245000 })).toMatchObject({ message: '42', timestamp: 1722696245000 });
    expect(recordFromJson({ message: { a: [1, 'b'] }, timestamp: 1722696245000, logStreamName: 's' })).toMatchObject({
      message: '{"a":[1,"b"]}',
      timestamp: 1722696245000,
      logStream: 's',
    });
    expect(recordFromJson({ message: null, timestamp: 5 })).toMatchObject({ message: 'null', timestamp: 5 });
  });

  it('reads the raw text of its own --json output, not a state report’s message', () => {
    const record = recordFromJson({ kind: 'state', message: 'Initializing.', raw: "{'replication_state':'initializing'}", time: '2024-08-03T14:44:05.000Z' });
    expect(record?.message).toBe("{'replication_state':'initializing'}");
  });

  it('keeps a message past the cap cut, and what its own output said was cut already', () => {
    const big = recordFromJson({ message: 'x'.repeat(MAX_MESSAGE_BYTES + 10), timestamp: 1 });
    expect(big?.message).toHaveLength(MAX_MESSAGE_BYTES);
    expect(big?.cutBytes).toBe(10);
    expect(recordFromJson({ raw: 'start', cutBytes: 99, time: 1 })?.cutBytes).toBe(99);
    expect(recordFromJson({ raw: 'start', cutBytes: -1 })?.cutBytes).toBeUndefined();
  });

  it('keeps a log group or stream name longer than CloudWatch allows (512) only up to that, marked', () => {
    const record = recordFromJson({ message: 'm', logGroupIdentifier: `g${'r'.repeat(100_000)}`, logStreamName: 's'.repeat(600) });
    expect(record?.logGroup).toBe(`g${'r'.repeat(511)}…`);
    expect(record?.logStream).toBe(`${'s'.repeat(512)}…`);
    expect(recordFromJson({ message: 'm', logStreamName: 's'.repeat(512) })?.logStream).toBe('s'.repeat(512));
  });

  it('returns nothing for values without a message', () => {
    expect(recordFromJson(42)).toBeUndefined();
    expect(recordFromJson({ text: 'x' })).toBeUndefined();
    expect(recordFromJson(null)).toBeUndefined();
  });
});
