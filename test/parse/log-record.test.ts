import { describe, expect, it } from 'vitest';
import type { DmsEvent, RawLogRecord } from '../../src/events/types.js';
import { parseLogRecord } from '../../src/parse/log-record.js';
import { SAFE_LINE_MAX_CHARS } from '../../src/parse/safe-text.js';

const ID = 'OZRAVXDSNFCUTG5UZNI6HRDWVY';
const DMS_GROUP = `dms-serverless-replication-${ID}`;
const ORCHESTRATOR = `dms-serverless-replication-orchestrator-${ID}`;
const TASK_STREAM = 'dms-serverless-serv-res-id-1714547805-abc';
const PG_GROUP = 'arn:aws:logs:eu-central-1:831394476016:log-group:/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql';
const FALLBACK = 1_000;
const STAMP = Date.UTC(2024, 7, 3, 14, 44, 6);

const SEED_FAILED =
  "{'replication_state':'failed', 'message': 'Test connection failed for endpoint testdrive-dms-postgresql-dev-endpoint-source.', 'failure_message': 'Test connection failed for endpoint 'testdrive-dms-postgresql-dev-endpoint-source' and replication config 'testdrive-dms-postgresql-dev-dms-serverless'. Failure Message: 'Error Details: [message=Unknown exception while calling 'Test endpoint' API, errType=, status=0, errMessage=, errDetails=]''}";

function parse(record: RawLogRecord): DmsEvent {
  const event = parseLogRecord(record, FALLBACK);
  expect(event.raw).toBe(record.message);
  return event;
}

describe('parseLogRecord: orchestrator state reports', () => {
  it('makes a failed state an error with message and failure message on one line', () => {
    const event = parse({ message: SEED_FAILED, logGroup: DMS_GROUP, logStream: ORCHESTRATOR, timestamp: STAMP, eventId: 'e1' });
    expect(event).toMatchObject({
      kind: 'state',
      id: 'e1',
      time: STAMP,
      source: 'dms',
      severity: 'error',
      state: 'failed',
      message: 'Test connection failed for endpoint testdrive-dms-postgresql-dev-endpoint-source.',
      logGroup: DMS_GROUP,
      logStream: ORCHESTRATOR,
    });
    expect(event.text).toBe(
      "failed: Test connection failed for endpoint testdrive-dms-postgresql-dev-endpoint-source. — Test connection failed for endpoint 'testdrive-dms-postgresql-dev-endpoint-source' and replication config 'testdrive-dms-postgresql-dev-dms-serverless'. Failure Message: 'Error Details: [message=Unknown exception while calling 'Test endpoint' API, errType=, status=0, errMessage=, errDetails=]'",
    );
  });

  it.each([
    ["{'replication_state':'running', 'message': 'Replication is running.'}", 'info', 'running: Replication is running.'],
    ["{'replication_state':'stopped'}", 'info', 'stopped'],
    ["{'replication_state':'replication_starting', 'failure_message': 'Retrying after a failure'}", 'error', 'replication_starting — Retrying after a failure'],
    ["{'replication_state':'FAILED', 'message': 'x'}", 'error', 'FAILED: x'],
  ])('%s', (message, severity, text) => {
    expect(parse({ message, logGroup: DMS_GROUP, logStream: ORCHESTRATOR })).toMatchObject({ kind: 'state', severity, text });
  });

  it('finds a state report by its text when the record has no location (replay)', () => {
    const event = parse({ message: JSON.stringify("{'replication_state':'initializing', 'message': 'Initializing the replication workflow.'}") });
    expect(event).toMatchObject({ kind: 'state', source: 'dms', state: 'initializing', time: FALLBACK });
  });

  it('escapes newlines and escapes in the text and the state, and keeps the structured values exact', () => {
    const message = "{'replication_state':'failed\x1b[2J', 'message': 'a\nb', 'failure_message': 'c\u202ed\te', 'note': 'e\x07'}";
    const event = parse({ message, logGroup: DMS_GROUP, logStream: ORCHESTRATOR });
    expect(event).toMatchObject({
      kind: 'state',
      state: 'failed\\x1b[2J',
      message: 'a\nb',
      failureMessage: 'c\u202ed\te',
      extra: { note: 'e\x07' },
      text: 'failed\\x1b[2J: a\\nb — c\\u202ed e',
    });
    expect(event).not.toHaveProperty('truncated', true);
  });

  it('gives a report without other keys no extra at all, so --json prints none', () => {
    const event = parse({ message: "{'replication_state':'running', 'message': 'Replication is running.'}", logGroup: DMS_GROUP, logStream: ORCHESTRATOR });
    expect(event.kind === 'state' ? event.extra : 'not a state').toBeUndefined();
  });

  it('keeps the keys of extra values exact too', () => {
    const event = parse({ message: JSON.stringify({ replication_state: 'running', 'odd\nkey\u001b': 'v\u009b' }), logGroup: DMS_GROUP, logStream: ORCHESTRATOR });
    expect(event).toMatchObject({ kind: 'state', extra: { 'odd\nkey\u001b': 'v\u009b' } });
  });

  it.each([
    [
      'a dict cut inside its failure message',
      "{'replication_state':'failed', 'message': 'Test connection failed.', 'failure_message': 'Test connection failed for endpoint 'src' and replication config 'x-",
      { state: 'failed', severity: 'error', message: 'Test connection failed.', failureMessage: "Test connection failed for endpoint 'src' and replication config 'x-" },
      "failed: Test connection failed. — Test connection failed for endpoint 'src' and replication config 'x-…",
    ],
    ['a dict missing only its closing brace', "{'replication_state':'running', 'message': 'Replication is running.'", { state: 'running', severity: 'info' }, 'running: Replication is running.…'],
    ['a JSON report cut short', '{"replication_state":"failed","failure_message":"Test connection failed\\nfor', { state: 'failed', failureMessage: 'Test connection failed\nfor' }, 'failed — Test connection failed\\nfor…'],
  ])('reads %s as a state report marked truncated', (_name, message, fields, text) => {
    const event = parse({ message, logGroup: DMS_GROUP, logStream: ORCHESTRATOR });
    expect(event).toMatchObject({ kind: 'state', truncated: true, text, ...fields });
  });

  it('keeps an orchestrator-stream record that is no state report as a log line of that source', () => {
    expect(parse({ message: 'Some other message', logGroup: DMS_GROUP, logStream: ORCHESTRATOR, timestamp: STAMP })).toMatchObject({
      kind: 'log',
      source: 'dms',
      severity: 'info',
      text: 'Some other message',
      time: STAMP,
    });
  });
});

describe('parseLogRecord: task lines', () => {
  it.each([
    ['E', 'error'],
    ['W', 'warning'],
    ['I', 'info'],
  ])('level %s is %s', (level, severity) => {
    const message = `2024-05-01T07:16:45 [SOURCE_CAPTURE  ]${level}:  Failed to connect [1020401]  (postgres_endpoint_capture.c:123)`;
    expect(parse({ message, logGroup: DMS_GROUP, logStream: TASK_STREAM })).toMatchObject({
      kind: 'task',
      source: 'dms-task',
      component: 'SOURCE_CAPTURE',
      level,
      severity,
      text: 'Failed to connect [1020401]  (postgres_endpoint_capture.c:123)',
      time: Date.UTC(2024, 4, 1, 7, 16, 45),
    });
  });

  it('keeps an unparsable task-stream line as a log line of that source', () => {
    expect(parse({ message: 'garbage', logGroup: DMS_GROUP, logStream: TASK_STREAM })).toMatchObject({ kind: 'log', source: 'dms-task', text: 'garbage' });
  });
});

describe('parseLogRecord: PostgreSQL entries', () => {
  const received = '2024-08-03 14:44:05 UTC:10.0.0.75(48820):[unknown]@[unknown]:[3000]:LOG:  connection received: host=10.0.0.75 port=48820';
  const authenticated =
    '2024-08-03 14:44:05 UTC:10.0.0.75(48820):dynapipe@postgres:[3000]:LOG:  connection authenticated: identity="dynapipe" method=md5 (/rdsdbdata/config/pg_hba.conf:13)';

  it('reads the seed lines as connection steps', () => {
    expect(parse({ message: received, logGroup: PG_GROUP, logStream: 'db' })).toMatchObject({
      kind: 'connection',
      source: 'postgres',
      severity: 'info',
      time: Date.UTC(2024, 7, 3, 14, 44, 5),
      text: 'connection received: host=10.0.0.75 port=48820',
      connection: { event: 'received', host: '10.0.0.75', port: 48820, pid: 3000 },
      pg: { level: 'LOG', host: '10.0.0.75', port: 48820, pid: 3000, user: undefined, database: undefined },
    });
    expect(parse({ message: authenticated })).toMatchObject({
      kind: 'connection',
      connection: { event: 'authenticated', user: 'dynapipe', database: 'postgres', method: 'md5' },
    });
  });

  it.each([
    ['ERROR', 'error'],
    ['PANIC', 'error'],
    ['WARNING', 'warning'],
    ['NOTICE', 'info'],
  ])('a plain %s entry is %s', (level, severity) => {
    const message = `2024-08-03 14:44:05 UTC:10.0.0.75(48820):u@d:[3000]:${level}:  something`;
    expect(parse({ message })).toMatchObject({ kind: 'log', source: 'postgres', severity, text: 'something', pg: { level } });
  });

  it('escapes a role name that carries terminal escapes', () => {
    const message = '2024-08-03 14:44:05 UTC:10.0.0.75(48820):[unknown]@[unknown]:[3000]:FATAL:  password authentication failed for user "\x1b]52;c;AAAA\x07"';
    const event = parse({ message });
    expect(event).toMatchObject({ kind: 'connection', connection: { event: 'auth_failed', user: '\\x1b]52;c;AAAA\\x07' } });
    expect(event.text).not.toContain('\x1b');
    // The reason is the exact text, for scripts; displays escape it.
    expect(event.kind === 'connection' ? event.connection.reason : undefined).toBe('password authentication failed for user "\x1b]52;c;AAAA\x07"');
  });

  it('summarises an entry on one line: its message, then DETAIL, HINT, CONTEXT, STATEMENT, QUERY and any other lines', () => {
    const prefix = '2024-08-03 14:44:05 UTC:10.0.0.1(1):u@d:[9]:';
    const message = [
      `${prefix}ERROR:  column "x" does not exist`,
      `${prefix}DETAIL:  There is a column named "y".`,
      `${prefix}HINT:  Perhaps you meant "t.y".`,
      `${prefix}CONTEXT:  PL/pgSQL function f() line 3`,
      `${prefix}STATEMENT:  select x from t;`,
      `${prefix}QUERY:  select x`,
      '2024-08-03 14:44:05 UTC:10.0.0.1(1):u@d:[10]:LOG:  another process',
    ].join('\n');
    expect(parse({ message }).text).toBe(
      [
        'column "x" does not exist',
        'DETAIL: There is a column named "y".',
        'HINT: Perhaps you meant "t.y".',
        'CONTEXT: PL/pgSQL function f() line 3',
        'STATEMENT: select x from t;',
        'QUERY: select x',
        '2024-08-03 14:44:05 UTC:10.0.0.1(1):u@d:[10]:LOG:  another process',
      ].join(' — '),
    );
  });

  it('keeps a PostgreSQL-group record in another format as a log line of that source', () => {
    expect(parse({ message: 'LOG:  custom prefix', logGroup: PG_GROUP, timestamp: STAMP })).toMatchObject({
      kind: 'log',
      source: 'postgres',
      time: STAMP,
      text: 'LOG:  custom prefix',
    });
  });
});

describe('parseLogRecord: anything else', () => {
  it.each([
    ['plain text', 'hello world', 'hello world'],
    ['a multi-line text', 'a\nb\tc', 'a\\nb c'],
    ['escape sequences', '\x1b[31mred', '\\x1b[31mred'],
    ['the empty string', '', ''],
  ])('keeps %s as a log line', (_name, message, text) => {
    expect(parse({ message })).toMatchObject({ kind: 'log', source: 'other', severity: 'info', text, time: FALLBACK });
  });

  it('uses the record time, then the text time, then the fallback', () => {
    const line = '2024-05-01T07:16:45 [TASK_MANAGER    ]I:  x';
    expect(parse({ message: line, timestamp: STAMP }).time).toBe(STAMP);
    expect(parse({ message: line }).time).toBe(Date.UTC(2024, 4, 1, 7, 16, 45));
    expect(parse({ message: '2024-05-01T99:16:45 [TASK_MANAGER    ]I:  x' }).time).toBe(FALLBACK);
    expect(parse({ message: line, timestamp: Number.NaN }).time).toBe(Date.UTC(2024, 4, 1, 7, 16, 45));
  });

  it('gives the same record the same id, and uses the CloudWatch id when given', () => {
    const record = { message: 'hello', logGroup: 'g', logStream: 's', timestamp: STAMP };
    expect(parse(record).id).toBe(parse({ ...record }).id);
    expect(parse({ ...record, message: 'hello!' }).id).not.toBe(parse(record).id);
    expect(parse({ ...record, eventId: '3838' }).id).toBe('3838');
  });

  it('carries the log group and stream exactly as the log named them (displays escape them)', () => {
    expect(parse({ message: 'x', logGroup: 'g\x1b', logStream: 's\n' })).toMatchObject({ logGroup: 'g\x1b', logStream: 's\n' });
  });

  it('says when a message was cut: cutBytes, and text ending in the marker', () => {
    const message = `2024-08-03 14:44:05 UTC:10.0.0.75(48820):u@d:[1]:LOG:  ${'y'.repeat(20_000)}`;
    const event = parse({ message, cutBytes: 5_000_000 });
    expect(event).toMatchObject({ kind: 'log', source: 'postgres', cutBytes: 5_000_000 });
    expect(event.text).toMatch(/y… \[cut: 5000000 bytes\]$/);
    expect(event.text.length).toBeLessThanOrEqual(SAFE_LINE_MAX_CHARS);
    expect(event.raw).toBe(message);
    const whole = parse({ message: 'short' });
    expect(whole.cutBytes).toBeUndefined();
    expect(whole.text).toBe('short');
    // A reader that counted nothing left out (cutBytes 0) has a whole message.
    const counted = parse({ message: 'short', cutBytes: 0 });
    expect(counted.cutBytes).toBeUndefined();
    expect(counted.text).toBe('short');
  });
});
