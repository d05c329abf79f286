import { describe, expect, it } from 'vitest';
import { parsePgEntry, type PgLogEntry } from '../../src/parse/postgres-entry.js';

const AUG_3_14_44_05 = Date.UTC(2024, 7, 3, 14, 44, 5);
const STAMP = '2024-08-03 14:44:05';

describe('parsePgEntry: prefixes other than RDS its own', () => {
  it.each<[string, string, Partial<PgLogEntry>]>([
    ['a stamp without a zone', `${STAMP}:[local]:u@d:[7]:LOG:  x`, { time: AUG_3_14_44_05, host: '[local]', user: 'u', pid: 7 }],
    ['a prefix with only the pid (`%t:[%p]:`)', `${STAMP} UTC:[7]:LOG:  x`, { pid: 7, host: undefined, user: undefined, message: 'x' }],
    ['a host without a port', `${STAMP} UTC:10.0.0.75:u@d:[7]:LOG:  x`, { host: '10.0.0.75', port: undefined, user: 'u', database: 'd' }],
    ['an IPv6 host without a port', `${STAMP} UTC:2001:db8::5:u@d:[7]:LOG:  x`, { host: '2001:db8::5', port: undefined, user: 'u', database: 'd' }],
    ['no remote part (`%t:%u@%d:[%p]:`)', `${STAMP} UTC:u@d:[7]:LOG:  x`, { host: undefined, user: 'u', database: 'd', pid: 7 }],
    ['a role without a database (`%r:%u`)', `${STAMP} UTC:10.0.0.75(48820):u:[7]:LOG:  x`, { host: '10.0.0.75', user: 'u', database: undefined }],
    ['a host and role without a database', `${STAMP} UTC:10.0.0.75:u:[7]:LOG:  x`, { host: '10.0.0.75', user: 'u', database: undefined }],
    ['a background worker of one database (autovacuum)', `${STAMP} UTC::@appdb:[7]:LOG:  x`, { host: undefined, user: undefined, database: 'appdb' }],
  ])('reads %s', (_name, line, expected) => {
    expect(parsePgEntry(line)).toMatchObject(expected);
  });
});

describe('parsePgEntry: names that look like parts of the prefix', () => {
  // Role and database names are the client's own text: quoted identifiers may hold `:`, `[`, `]` and digits.
  it.each([':[12]x', ':[12:', ':[12x:', ':[]:', 'a:b', '(5)'])('a role named %j keeps the process id and the role', (role) => {
    expect(parsePgEntry(`${STAMP} UTC:10.0.0.1(1):${role}@d:[7]:LOG:  x`)).toMatchObject({ pid: 7, host: '10.0.0.1', port: 1, user: role, database: 'd' });
  });

  it.each(['db12]', 'd:x'])('a database named %j keeps the process id and the database', (database) => {
    expect(parsePgEntry(`${STAMP} UTC:10.0.0.1(1):u@${database}:[7]:LOG:  x`)).toMatchObject({ pid: 7, user: 'u', database });
    expect(parsePgEntry(`${STAMP} UTC:10.0.0.1:u@${database}:[7]:LOG:  x`)).toMatchObject({ pid: 7, host: '10.0.0.1', user: 'u', database });
  });

  it('keeps a role with a colon on a Unix socket', () => {
    expect(parsePgEntry(`${STAMP} UTC:[local]:a:b@d:[7]:LOG:  x`)).toMatchObject({ host: '[local]', user: 'a:b', database: 'd' });
  });

  it.each(['h()', '(5)', 'h(x)', 'h(5)x'])('keeps a host written %j without a port number as the host', (host) => {
    expect(parsePgEntry(`${STAMP} UTC:${host}:u@d:[7]:LOG:  x`)).toMatchObject({ host, port: undefined, user: 'u' });
  });
});

describe('parsePgEntry: levels', () => {
  it('refuses a word of thirteen letters or more', () => {
    expect(parsePgEntry(`${STAMP} UTC::@:[1]:ABCDEFGHIJKLM:  x`)).toBeUndefined();
    expect(parsePgEntry(`${STAMP} UTC::@:[1]:ABCDEFGHIJKLMN:  x`)).toBeUndefined();
  });

  it('reads a level of a dozen letters', () => {
    expect(parsePgEntry(`${STAMP} UTC::@:[1]:ABCDEFGHIJKL:  x`)).toMatchObject({ level: 'ABCDEFGHIJKL', message: 'x' });
  });

  it.each([
    ['a word too long to be a level', 'SOMETHINGVERYLONGINDEED'],
    ['a single letter', 'X'],
    ['a word starting with a digit', '1LOG'],
  ])('refuses %s', (_name, level) => {
    expect(parsePgEntry(`${STAMP} UTC::@:[1]:${level}:  x`)).toBeUndefined();
  });

  it('refuses a stamp followed by neither a zone nor a colon', () => {
    expect(parsePgEntry(`${STAMP}X::@:[1]:LOG:  x`)).toBeUndefined();
  });
});

describe('parsePgEntry: following lines', () => {
  const prefix = `${STAMP} UTC:10.0.0.1(1):u@d:[9]:`;

  it('skips blank lines between the parts of an entry', () => {
    const entry = parsePgEntry(`${prefix}ERROR:  boom\n\n${prefix}DETAIL:  why\r\n\r\n`);
    expect(entry).toMatchObject({ message: 'boom', detail: 'why', otherLines: undefined, fullText: 'boom\nDETAIL:  why' });
  });

  it('joins two lines of the same part', () => {
    expect(parsePgEntry(`${prefix}ERROR:  boom\n${prefix}DETAIL:  one\n${prefix}DETAIL:  two`)?.detail).toBe('one\ntwo');
  });

  it('keeps a tab line after a foreign line with the foreign line', () => {
    const entry = parsePgEntry(`${prefix}ERROR:  boom\nnot ours\n\tindented`);
    expect(entry).toMatchObject({ message: 'boom', otherLines: ['not ours', '\tindented'] });
  });
});
