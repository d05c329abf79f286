/**
 * Every entry of the real PostgreSQL 15 sample (test/fixtures/postgres-rds-md5.log,
 * see the samples README) through parseLogRecord, as CloudWatch would deliver it.
 */
import { describe, expect, it } from 'vitest';
import type { PgConnectionStep } from '../../src/events/types.js';
import { parseLogRecord } from '../../src/parse/log-record.js';
import { pgEntries } from './fixture-entries.js';

const GROUP = '/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql';
const STREAM = 'testdrive-dms-postgresql-dev-db';

/** `log`: a plain entry; `error`: a plain entry of level ERROR (a statement error, never a connection step). */
type Expected = PgConnectionStep | 'log' | 'error';

/** First line of each entry -> what it is. Checked by hand against the file. */
const EXPECTED: readonly (readonly [number, Expected])[] = [
  [1, 'log'], [2, 'log'], [3, 'log'], [4, 'log'], [5, 'log'],
  [6, 'received'], [7, 'authenticated'], [8, 'authorized'], [9, 'disconnected'],
  [10, 'received'], [11, 'authenticated'], [12, 'authorized'], [13, 'disconnected'],
  [14, 'received'], [15, 'authenticated'], [16, 'authorized'], [17, 'disconnected'],
  [18, 'received'], [19, 'auth_failed'],
  [22, 'received'], [23, 'authenticated'], [24, 'authorized'], [25, 'failed'],
  [26, 'received'], [27, 'auth_failed'],
  [30, 'received'], [31, 'auth_failed'],
  [32, 'received'], [33, 'authenticated'], [34, 'authorized'], [35, 'disconnected'],
  [36, 'received'], [37, 'authenticated'], [38, 'authorized'], [39, 'disconnected'],
  [40, 'received'],
  [41, 'received'], [42, 'auth_failed'],
  [45, 'received'], [46, 'authenticated'], [47, 'authorized'], [48, 'disconnected'],
  [49, 'received'], [50, 'authenticated'], [51, 'authorized'], [52, 'auth_failed'],
  [53, 'received'], [54, 'authenticated'], [55, 'authorized'], [56, 'log'], [59, 'disconnected'],
  [60, 'received'], [61, 'authenticated'], [62, 'authorized'], [63, 'error'], [65, 'disconnected'],
  [66, 'received'], [67, 'authenticated'], [68, 'authorized'], [69, 'disconnected'],
  [70, 'received'], [71, 'authenticated'], [72, 'authorized'], [73, 'disconnected'],
  [74, 'received'], [75, 'authenticated'], [76, 'authorized'], [77, 'failed'],
  [78, 'received'], [79, 'auth_failed'],
  [80, 'received'], [81, 'authenticated'], [82, 'authorized'], [83, 'disconnected'],
  [84, 'received'], [85, 'authenticated'], [86, 'authorized'], [87, 'log'], [90, 'log'], [93, 'disconnected'],
  [94, 'received'], [95, 'authenticated'], [96, 'authorized'], [97, 'error'], [99, 'disconnected'],
  [100, 'received'], [101, 'authenticated'], [102, 'authorized'], [103, 'error'], [105, 'disconnected'],
  [106, 'received'], [107, 'authenticated'], [108, 'authorized'], [109, 'error'], [111, 'disconnected'],
  [112, 'received'], [113, 'authenticated'], [114, 'authorized'], [115, 'log'], [116, 'disconnected'],
  [117, 'received'], [118, 'authenticated'], [119, 'authorized'],
  [120, 'received'], [121, 'authenticated'], [122, 'authorized'],
  [123, 'failed'], [124, 'disconnected'], [125, 'disconnected'],
  [126, 'received'],
  [127, 'received'], [128, 'log'],
  [129, 'received'], [130, 'auth_failed'],
  [131, 'received'], [132, 'log'],
  [133, 'received'], [134, 'failed'],
  [135, 'received'], [136, 'authenticated'], [137, 'authorized'], [138, 'disconnected'],
  [139, 'log'], [140, 'log'], [141, 'log'], [142, 'log'], [143, 'log'], [144, 'log'], [145, 'log'],
];

const entries = pgEntries('postgres-rds-md5.log');
const eventAt = (line: number) => {
  const entry = entries.find((candidate) => candidate.line === line);
  if (entry === undefined) throw new Error(`no entry starts at line ${line}`);
  return parseLogRecord({ message: entry.text, logGroup: GROUP, logStream: STREAM, timestamp: 1 }, 0);
};

describe('postgres-rds-md5.log, entry by entry', () => {
  it('has one expectation per entry', () => {
    expect(entries.map((entry) => entry.line)).toEqual(EXPECTED.map(([line]) => line));
  });

  it.each(EXPECTED)('line %i is %s', (line, expected) => {
    const event = eventAt(line);
    expect(event.source).toBe('postgres');
    expect(event.raw).toBe(entries.find((entry) => entry.line === line)?.text);
    if (expected === 'log' || expected === 'error') {
      expect(event.kind).toBe('log');
      expect(event.severity).toBe(expected === 'error' ? 'error' : 'info');
      if (event.kind === 'log') expect(event.pg?.level).toBe(expected === 'error' ? 'ERROR' : 'LOG');
    } else {
      expect(event.kind).toBe('connection');
      if (event.kind === 'connection') expect(event.connection.event).toBe(expected);
      expect(event.severity).toBe(expected === 'auth_failed' || expected === 'failed' ? 'error' : 'info');
    }
  });
});

describe('postgres-rds-md5.log, connection details', () => {
  it.each([
    [6, { event: 'received', host: '[local]', port: undefined, pid: 14790 }],
    [10, { event: 'received', host: '127.0.0.1', port: 54192, pid: 14810 }],
    [7, { event: 'authenticated', user: 'postgres', method: 'peer' }],
    [11, { event: 'authenticated', user: 'dynapipe', database: 'postgres', method: 'md5' }],
    [12, { event: 'authorized', user: 'dynapipe', database: 'postgres', application: 'psql', ssl: false }],
    [16, { event: 'authorized', user: 'dynapipe', database: 'postgres', application: 'psql', ssl: true }],
    [38, { event: 'authorized', database: 'ssl_only_db', ssl: true }],
    [68, { event: 'authorized', replication: true, database: 'postgres', application: 'psql', ssl: false }],
    [76, { event: 'authorized', replication: true, user: 'norepl', database: 'postgres' }],
    [86, { event: 'authorized', replication: true, application: 'pg_recvlogical' }],
    [82, { event: 'authorized', replication: undefined }],
    [9, { event: 'disconnected', sessionMs: 340, host: '[local]', user: 'postgres', database: 'postgres' }],
    [13, { event: 'disconnected', sessionMs: 19, host: '127.0.0.1', port: 54192 }],
    [93, { event: 'disconnected', sessionMs: 2983 }],
    [124, { event: 'disconnected', sessionMs: 1108, user: 'dynapipe' }],
    [
      19,
      {
        event: 'auth_failed',
        user: 'dynapipe',
        database: 'postgres',
        reason:
          'password authentication failed for user "dynapipe" — Password does not match for user "dynapipe".\nConnection matched pg_hba.conf line 6: "host    all             all             127.0.0.1/32            md5"',
      },
    ],
    [27, { event: 'auth_failed', user: 'no_such_user', reason: expect.stringContaining('Role "no_such_user" does not exist.') as unknown }],
    [42, { event: 'auth_failed', user: 'nopass', reason: expect.stringContaining('User "nopass" has no password assigned.') as unknown }],
    [31, { event: 'auth_failed', database: 'reject_db', reason: expect.stringMatching(/^pg_hba\.conf rejects connection/) as unknown }],
    [52, { event: 'auth_failed', user: 'nologin_role', reason: 'role "nologin_role" is not permitted to log in' }],
    [79, { event: 'auth_failed', user: 'norepl', database: undefined, reason: expect.stringMatching(/^no pg_hba\.conf entry for replication connection/) as unknown }],
    [130, { event: 'auth_failed', host: '127.0.0.2', port: 57641, reason: expect.stringMatching(/^no pg_hba\.conf entry for host/) as unknown }],
    [25, { event: 'failed', database: 'no_such_db', reason: 'database "no_such_db" does not exist' }],
    [77, { event: 'failed', user: 'norepl', reason: 'must be superuser or replication role to start walsender' }],
    [134, { event: 'failed', reason: 'canceling authentication due to timeout' }],
    [123, { event: 'failed', pid: 15094, reason: 'terminating connection due to administrator command' }],
  ])('line %i', (line, expected) => {
    const event = eventAt(line);
    expect(event.kind === 'connection' ? event.connection : undefined).toMatchObject(expected);
  });

  it('reports the replication connection without a database as having none', () => {
    const authorized = eventAt(72);
    const disconnected = eventAt(73);
    expect(authorized.kind === 'connection' ? authorized.connection : undefined).toMatchObject({ replication: true, user: 'dynapipe' });
    expect(authorized.kind === 'connection' ? authorized.connection.database : 'not a connection').toBeUndefined();
    expect(disconnected.kind === 'connection' ? disconnected.connection.database : 'not a connection').toBeUndefined();
  });

  it('shows a FATAL with its DETAIL on one line of text', () => {
    expect(eventAt(19).text).toBe(
      'password authentication failed for user "dynapipe" — DETAIL: Password does not match for user "dynapipe". Connection matched pg_hba.conf line 6: "host    all             all             127.0.0.1/32            md5"',
    );
  });

  it('shows a statement error with its statement', () => {
    const event = eventAt(97);
    expect(event.text).toBe('relation "no_such_table" does not exist at character 15 — STATEMENT: select * from no_such_table;');
    expect(event.kind).toBe('log');
  });

  it('takes the time from the record, not the text, when both exist', () => {
    expect(eventAt(6).time).toBe(1);
    const entry = entries[5];
    expect(parseLogRecord({ message: entry?.text ?? '' }, 0).time).toBe(Date.UTC(2026, 10, 26, 21, 39, 7));
  });
});
