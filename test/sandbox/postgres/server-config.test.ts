import { describe, expect, it } from 'vitest';
import { postgresModeFlag } from '../../../src/cli/commands/sandbox.js';
import { UsageError } from '../../../src/cli/usage-error.js';
import { PostgresLogSplitter } from '../../../src/sandbox/postgres/log-splitter.js';
import { lookUpBinaries } from '../../../src/sandbox/postgres/embedded-postgres.js';
import { hbaConf, serverFlags } from '../../../src/sandbox/postgres/rds-config.js';

const DETAIL = [
  '2026-11-29 13:23:43 UTC:127.0.0.1(33538):dynapipe@postgres:[10916]:DETAIL:  Password does not match for user "dynapipe".',
  '\tConnection matched file "/tmp/x/pg_hba.conf" line 4: "host    all    all    127.0.0.1/32    md5"',
].join('\n');
const FATAL = '2026-11-29 13:23:43 UTC:127.0.0.1(33538):dynapipe@postgres:[10916]:FATAL:  password authentication failed for user "dynapipe"';
const READY = '2026-11-29 13:23:43 UTC::@:[10894]:LOG:  database system is ready to accept connections';

describe('the server log, split into CloudWatch events', () => {
  it('starts an event at each prefixed line and keeps tab-indented lines with theirs', () => {
    const splitter = new PostgresLogSplitter();
    expect(splitter.push(`${FATAL}\n${DETAIL}\n${READY}\n`)).toEqual([FATAL, DETAIL]);
    // The last one waits: a continuation may still come.
    expect(splitter.flush()).toEqual([READY]);
    expect(splitter.flush()).toEqual([]);
  });

  it('puts together lines a pipe read cut anywhere, a continuation arriving in a later chunk included', () => {
    const text = `${FATAL}\n${DETAIL}\n${READY}\n`;
    for (let cut = 1; cut < text.length; cut += 7) {
      const splitter = new PostgresLogSplitter();
      const out = [...splitter.push(text.slice(0, cut)), ...splitter.push(text.slice(cut)), ...splitter.flush()];
      expect(out).toEqual([FATAL, DETAIL, READY]);
    }
  });

  it('holds an unfinished line at a pause, and gives it up when the server exits', () => {
    const splitter = new PostgresLogSplitter();
    expect(splitter.push(`${READY}\n${FATAL.slice(0, 12)}`)).toEqual([]);
    // Too little of the next line to tell whether it begins an entry.
    expect(splitter.flush()).toEqual([]);
    expect(splitter.push(FATAL.slice(12, 30))).toEqual([]);
    expect(splitter.flush()).toEqual([READY]);
    expect(splitter.end()).toEqual([FATAL.slice(0, 30)]);
  });
});

describe('the server configured as RDS', () => {
  it('logs with the RDS prefix, connections and disconnections, in UTC and English, with logical WAL', () => {
    const flags = serverFlags({ port: 5555, dataDir: '/tmp/d', passwordEncryption: 'scram-sha-256' });
    const settings: Record<string, string> = Object.fromEntries(flags.filter((_, i) => i % 2 === 1).map((s): [string, string] => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)]));
    expect(flags.filter((_, i) => i % 2 === 0).every((f) => f === '-c')).toBe(true);
    expect(settings).toMatchObject({
      listen_addresses: '127.0.0.1',
      unix_socket_directories: '/tmp/d',
      log_line_prefix: '%t:%r:%u@%d:[%p]:',
      log_connections: 'on',
      log_disconnections: 'on',
      log_timezone: 'UTC',
      lc_messages: 'C',
      wal_level: 'logical',
      password_encryption: 'scram-sha-256',
    });
  });

  it('lets passwords in over TCP from DMS\'s address alone, by the scenario\'s method', () => {
    const rules = hbaConf('md5').split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split(/\s+/));
    expect(rules).toEqual([
      ['local', 'all', 'all', 'md5'],
      ['host', 'all', 'all', '127.0.0.1/32', 'md5'],
    ]);
    // The log names the rule by its line: DMS's is line 4.
    expect(hbaConf('scram-sha-256').split('\n')[3]).toMatch(/^host +all +all +127\.0\.0\.1\/32 +scram-sha-256$/);
  });
});

describe('--postgres', () => {
  it('is real unless the flag or DMS_LIVE_POSTGRES says simulated; anything else is one usage line', () => {
    expect(postgresModeFlag(undefined, {})).toBe('real');
    expect(postgresModeFlag(undefined, { DMS_LIVE_POSTGRES: 'simulated' })).toBe('simulated');
    expect(postgresModeFlag('real', { DMS_LIVE_POSTGRES: 'simulated' })).toBe('real');
    expect(() => postgresModeFlag('fake', {})).toThrow(new UsageError('--postgres must be real or simulated, got "fake"'));
    // The value is escaped: it reaches a terminal.
    expect(() => postgresModeFlag(undefined, { DMS_LIVE_POSTGRES: 'yes\u001b[2J' })).toThrow(/^DMS_LIVE_POSTGRES must be real or simulated, got "yes\\(x1b|u001b)\[2J"$/);
  });

  it('falls back with the reason when this platform\'s binaries or embedded-postgres are not installed', async () => {
    const missing = (): Promise<unknown> => Promise.reject(new Error('Cannot find package'));
    const found = await lookUpBinaries(missing);
    expect(found).toEqual({ ok: false, reason: expect.stringMatching(/^no PostgreSQL binaries for \w+-\w+ \(@embedded-postgres\/\w+-\w+ is not installed\)$/) as unknown });
    const noLibrary = await lookUpBinaries(async (specifier) => (specifier === 'embedded-postgres' ? missing() : { postgres: process.execPath }));
    // `node --version` is no PostgreSQL.
    expect(noLibrary).toEqual({ ok: false, reason: expect.stringMatching(/^its PostgreSQL binary does not run here/) as unknown });
  });
});
