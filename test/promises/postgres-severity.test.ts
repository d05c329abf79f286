import { describe, expect, it } from 'vitest';
import { parseLogRecord } from '../../src/parse/log-record.js';
import { selectFailures } from '../../src/select/failures.js';
import { runCliCaptured } from '../support/cli.js';

/**
 * README (replay --json, `severity`): "a failed state, a refused login and
 * any FATAL are errors". PostgreSQL's own levels decide the rest: PANIC and
 * ERROR are errors, WARNING a warning, everything else information.
 */

const PG_GROUP = '/aws/rds/instance/db1/postgresql';
/** A background process (empty %r and %u): no connection step, a plain log event. */
const background = (level: string, text: string): string => `2024-08-03 14:44:05 UTC::@:[412]:${level}:  ${text}`;

describe('the severity of a PostgreSQL entry that is no connection step', () => {
  it.each([
    ['FATAL', 'terminating connection due to administrator command', 'error'],
    ['PANIC', 'could not write to file "pg_wal/xlogtemp.123": No space left on device', 'error'],
    ['ERROR', 'duplicate key value violates unique constraint "orders_pkey"', 'error'],
    ['WARNING', 'there is no transaction in progress', 'warning'],
    ['LOG', 'checkpoint starting: time', 'info'],
    ['DETAIL', 'Key (id)=(1) already exists.', 'info'],
  ])('%s is %s', (level, text, severity) => {
    const located = parseLogRecord({ message: background(level, text), logGroup: PG_GROUP, logStream: 'db1.0', timestamp: 0 }, 0);
    expect(located).toMatchObject({ kind: 'log', source: 'postgres', severity });
    // Without a location (a plain-text replay) the text alone says it is PostgreSQL's.
    expect(parseLogRecord({ message: background(level, text) }, 0)).toMatchObject({ kind: 'log', source: 'postgres', severity });
  });

  it('a plain FATAL is a failure highlight of its own', () => {
    const event = parseLogRecord({ message: background('FATAL', 'terminating connection due to administrator command'), logGroup: PG_GROUP, logStream: 'db1.0', timestamp: 0 }, 0);
    expect(selectFailures([event])).toMatchObject([{ title: 'PostgreSQL FATAL', hint: expect.stringMatching(/pg_terminate_backend/) as unknown }]);
  });

  it('replay --json says so in the severity field', async () => {
    const input = [background('FATAL', 'the database system is shutting down'), background('LOG', 'checkpoint starting: time')].join('\n');
    const run = await runCliCaptured(['replay', '--json', '-'], `${input}\n`);
    expect(run.code).toBe(0);
    const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { severity: string; source: string });
    expect(records.map((r) => [r.source, r.severity])).toEqual([
      ['postgres', 'error'],
      ['postgres', 'info'],
    ]);
  });
});
