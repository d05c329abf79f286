import { describe, expect, it } from 'vitest';
import { continuesPgEntry, parsePgEntry, type PgLogEntry } from '../../src/parse/postgres-entry.js';

const AUG_3_14_44_05 = Date.UTC(2024, 7, 3, 14, 44, 5);

describe('parsePgEntry: the line prefix', () => {
  it.each<[string, string, Partial<PgLogEntry>]>([
    [
      'the seed line before authentication',
      '2024-08-03 14:44:05 UTC:10.0.0.75(48820):[unknown]@[unknown]:[3000]:LOG:  connection received: host=10.0.0.75 port=48820',
      { time: AUG_3_14_44_05, host: '10.0.0.75', port: 48820, user: undefined, database: undefined, pid: 3000, level: 'LOG', message: 'connection received: host=10.0.0.75 port=48820' },
    ],
    [
      'the seed line after authentication',
      '2024-08-03 14:44:05 UTC:10.0.0.75(48820):dynapipe@postgres:[3000]:LOG:  connection authenticated: identity="dynapipe" method=md5 (/rdsdbdata/config/pg_hba.conf:13)',
      { user: 'dynapipe', database: 'postgres', pid: 3000, message: 'connection authenticated: identity="dynapipe" method=md5 (/rdsdbdata/config/pg_hba.conf:13)' },
    ],
    [
      'a background process (empty %r and @)',
      '2026-11-26 21:39:07 UTC::@:[14777]:LOG:  database system is ready to accept connections',
      { host: undefined, port: undefined, user: undefined, database: undefined, pid: 14777, message: 'database system is ready to accept connections' },
    ],
    [
      'a Unix-socket client',
      '2026-11-26 21:39:07 UTC:[local]:postgres@postgres:[14790]:LOG:  connection received: host=[local]',
      { host: '[local]', port: undefined, user: 'postgres', database: 'postgres' },
    ],
    [
      'an IPv6 client',
      '2024-08-03 14:44:05 UTC:2001:db8::5(51234):dms_user@appdb:[42]:FATAL:  password authentication failed for user "dms_user"',
      { host: '2001:db8::5', port: 51234, user: 'dms_user', database: 'appdb', level: 'FATAL' },
    ],
    [
      'IPv6 loopback',
      '2024-08-03 14:44:05 UTC:::1(5000):u@d:[7]:LOG:  x',
      { host: '::1', port: 5000, user: 'u', database: 'd' },
    ],
    [
      'a host name (log_hostname on)',
      '2024-08-03 14:44:05 UTC:ip-10-0-0-75.ec2.internal(48820):u@d:[7]:LOG:  x',
      { host: 'ip-10-0-0-75.ec2.internal', port: 48820 },
    ],
    [
      'a role name with an @',
      '2024-08-03 14:44:05 UTC:10.0.0.1(1):jane@example.com@sales:[7]:LOG:  x',
      { user: 'jane@example.com', database: 'sales' },
    ],
    ['GMT', '2024-08-03 14:44:05 GMT::@:[1]:LOG:  x', { time: AUG_3_14_44_05 }],
    ['another zone name, read as UTC', '2024-08-03 14:44:05 CEST::@:[1]:LOG:  x', { time: AUG_3_14_44_05 }],
    ['a +02 offset', '2024-08-03 16:44:05 +02::@:[1]:LOG:  x', { time: AUG_3_14_44_05 }],
    ['a -0530 offset', '2024-08-03 09:14:05 -0530::@:[1]:LOG:  x', { time: AUG_3_14_44_05 }],
    ['milliseconds (%m)', '2024-08-03 14:44:05.123 UTC::@:[1]:LOG:  x', { time: AUG_3_14_44_05 + 123 }],
    ['an impossible date, kept without a time', '2024-13-45 14:44:05 UTC::@:[1]:LOG:  x', { time: undefined, message: 'x' }],
    ['a DEBUG level', '2024-08-03 14:44:05 UTC::@:[1]:DEBUG1:  x', { level: 'DEBUG1' }],
    ['a single space after the level', '2024-08-03 14:44:05 UTC::@:[1]:LOG: x', { message: 'x' }],
    ['a CRLF line end', '2024-08-03 14:44:05 UTC::@:[1]:LOG:  x\r\n', { message: 'x' }],
  ])('reads %s', (_name, line, expected) => {
    expect(parsePgEntry(line)).toMatchObject(expected);
  });

  it.each([
    ['plain text', 'hello world'],
    ['a DMS task line', '2024-05-01T07:16:45 [SOURCE_CAPTURE  ]E:  Failed to connect'],
    ['no pid marker', '2024-08-03 14:44:05 UTC:10.0.0.75(48820):u@d:LOG:  x'],
    ['a lower-case level', '2024-08-03 14:44:05 UTC::@:[1]:log:  x'],
    ['no level', '2024-08-03 14:44:05 UTC::@:[1]:'],
    ['a zone that is no zone', '2024-08-03 14:44:05 12345::@:[1]:LOG:  x'],
    ['a date only', '2024-08-03'],
    ['an orchestrator message', "{'replication_state':'running'}"],
  ])('returns undefined for %s', (_name, line) => {
    expect(parsePgEntry(line)).toBeUndefined();
  });
});

describe('parsePgEntry: entries spanning lines', () => {
  it('keeps DETAIL with its tab continuation, and the full text', () => {
    const text = [
      '2026-11-26 21:39:07 UTC:127.0.0.1(54218):dynapipe@postgres:[14820]:FATAL:  password authentication failed for user "dynapipe"',
      '2026-11-26 21:39:07 UTC:127.0.0.1(54218):dynapipe@postgres:[14820]:DETAIL:  Password does not match for user "dynapipe".',
      '\tConnection matched pg_hba.conf line 6: "host    all             all             127.0.0.1/32            md5"',
    ].join('\n');
    const entry = parsePgEntry(text);
    expect(entry).toMatchObject({
      level: 'FATAL',
      message: 'password authentication failed for user "dynapipe"',
      detail:
        'Password does not match for user "dynapipe".\nConnection matched pg_hba.conf line 6: "host    all             all             127.0.0.1/32            md5"',
    });
    expect(entry?.fullText).toBe(
      'password authentication failed for user "dynapipe"\nDETAIL:  Password does not match for user "dynapipe".\n\tConnection matched pg_hba.conf line 6: "host    all             all             127.0.0.1/32            md5"',
    );
  });

  it('keeps HINT, CONTEXT, STATEMENT and QUERY apart', () => {
    const prefix = '2024-08-03 14:44:05 UTC:10.0.0.1(1):u@d:[9]:';
    const entry = parsePgEntry(
      [
        `${prefix}ERROR:  column "x" does not exist at character 8`,
        `${prefix}HINT:  Perhaps you meant to reference the column "t.y".`,
        `${prefix}CONTEXT:  PL/pgSQL function f() line 3 at RAISE`,
        `${prefix}QUERY:  select x`,
        `${prefix}STATEMENT:  select x from t;`,
        '\tand more;',
      ].join('\n'),
    );
    expect(entry).toMatchObject({
      level: 'ERROR',
      hint: 'Perhaps you meant to reference the column "t.y".',
      context: 'PL/pgSQL function f() line 3 at RAISE',
      query: 'select x',
      statement: 'select x from t;\nand more;',
    });
  });

  it('keeps a message continued on tab lines', () => {
    const entry = parsePgEntry('2024-08-03 14:44:05 UTC::@:[1]:LOG:  first\n\tsecond\n\tthird\n');
    expect(entry?.message).toBe('first\nsecond\nthird');
  });

  it('keeps lines of another process or level as other lines, never dropping them', () => {
    const entry = parsePgEntry(
      [
        '2024-08-03 14:44:05 UTC::@:[1]:LOG:  first',
        '2024-08-03 14:44:05 UTC::@:[2]:DETAIL:  someone else',
        'not a log line',
        '\tindented after it',
      ].join('\n'),
    );
    expect(entry?.message).toBe('first');
    expect(entry?.detail).toBeUndefined();
    expect(entry?.otherLines).toEqual([
      '2024-08-03 14:44:05 UTC::@:[2]:DETAIL:  someone else',
      'not a log line',
      '\tindented after it',
    ]);
    expect(entry?.fullText).toContain('not a log line');
  });
});

describe('continuesPgEntry', () => {
  it.each<[string, string, number | undefined, boolean]>([
    ['a tab continuation', '\tConnection matched pg_hba.conf line 6', 1, true],
    ['DETAIL of the same process', '2024-08-03 14:44:05 UTC::@:[1]:DETAIL:  x', 1, true],
    ['STATEMENT of the same process', '2024-08-03 14:44:05 UTC::@:[1]:STATEMENT:  x', 1, true],
    ['DETAIL of another process', '2024-08-03 14:44:05 UTC::@:[2]:DETAIL:  x', 1, false],
    ['a new LOG line', '2024-08-03 14:44:05 UTC::@:[1]:LOG:  x', 1, false],
    ['unprefixed text', 'hello', 1, false],
  ])('%s', (_name, line, pid, expected) => {
    expect(continuesPgEntry(line, pid)).toBe(expected);
  });
});
