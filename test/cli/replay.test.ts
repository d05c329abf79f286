import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/cli.js';
import { hasTerminalControls } from '../support/text.js';

const fixtures = 'test/fixtures/replay';
const dmsJson = join(fixtures, 'dms-test-connection-failure.json');
const rdsJson = join(fixtures, 'rds-test-connection-failure.json');
const tmp = mkdtempSync(join(tmpdir(), 'dms-live-replay-'));
const write = (name: string, content: string | Buffer): string => {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
};
const records = (ndjson: string): Record<string, unknown>[] =>
  ndjson
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('dms-live replay: the report', () => {
  it('tells the story of a failed test connection from the two saved log groups', async () => {
    const r = await runCliCaptured(['replay', dmsJson, rdsJson]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/14:43:58 {2}testing_connection +1m 13s +✗ failed/);
    expect(r.stdout).toContain('PostgreSQL saw 2 attempts: 2 refused');
    expect(r.stdout).toMatch(/Replication failed \[dms\]/);
    expect(r.stdout).toMatch(/→ PostgreSQL received the connection but refused the login/);
  });

  it('reads plain text from stdin, as jq prints it', async () => {
    const r = await runCliCaptured(['replay', '-'], readFileSync(join(fixtures, 'seed-walkthrough.txt'), 'utf8'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Replay of stdin: 7 events');
    expect(r.stdout).toMatch(/testing_connection .*✗ failed/);
  });
});

describe('dms-live replay --json', () => {
  it('writes one record per event, in time order, merged across files', async () => {
    const r = await runCliCaptured(['replay', '--json', dmsJson, rdsJson]);
    expect(r.code).toBe(0);
    const out = records(r.stdout);
    expect(out).toHaveLength(9);
    const times = out.map((o) => Date.parse(String(o.time)));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(out.map((o) => o.source))).toEqual(new Set(['dms', 'postgres']));
  });

  it('gives a failed state its failure message, with the nested quotes intact, as an error', async () => {
    const out = records((await runCliCaptured(['replay', '--json', dmsJson])).stdout);
    const failed = out.find((o) => o.state === 'failed');
    expect(failed).toMatchObject({ kind: 'state', severity: 'error', source: 'dms' });
    expect(failed?.failureMessage).toBe(
      "Test connection failed for endpoint 'testdrive-dms-postgresql-dev-endpoint-source' and replication config 'testdrive-dms-postgresql-dev-dms-serverless'. Failure Message: 'Error Details: [message=Unknown exception while calling 'Test endpoint' API, errType=, status=0, errMessage=, errDetails=]'",
    );
  });

  it('gives PostgreSQL connection steps their fields and keeps the raw text', async () => {
    const out = records((await runCliCaptured(['replay', '--json', rdsJson])).stdout);
    const refused = out.find((o) => (o.connection as { event?: string } | undefined)?.event === 'auth_failed');
    expect(refused).toMatchObject({
      kind: 'connection',
      severity: 'error',
      connection: { event: 'auth_failed', user: 'dynapipe', database: 'postgres', host: '10.0.0.75', port: 48820, pid: 3000 },
    });
    expect(String(refused?.raw)).toContain('\n\tConnection matched pg_hba.conf line 13');
    expect(String(refused?.text)).not.toContain('\n');
  });

  it('drops an event repeated across overlapping saves, by its event id', async () => {
    const r = await runCliCaptured(['replay', '--json', dmsJson, dmsJson]);
    expect(records(r.stdout)).toHaveLength(4);
  });

  it('puts late events in order within its window and never drops one beyond it', async () => {
    const at = (s: number, text: string): string => JSON.stringify({ timestamp: Date.UTC(2024, 7, 3, 14, 0, s), message: text });
    const input = [at(1, 'a'), at(3, 'c'), at(2, 'b'), at(10, 'x'), at(11, 'y'), at(12, 'z'), at(0, 'very late')].join('\n');
    const texts = (out: string): unknown[] => records(out).map((o) => o.text);
    const wide = await runCliCaptured(['replay', '--json', write('late.ndjson', input)]);
    expect(texts(wide.stdout)).toEqual(['very late', 'a', 'b', 'c', 'x', 'y', 'z']);
    const narrow = await runCliCaptured(['replay', '--json', '--capacity', '2', write('late.ndjson', input)]);
    expect(texts(narrow.stdout)).toHaveLength(7);
    expect(texts(narrow.stdout).slice(0, 3)).toEqual(['a', 'b', 'c']);
  });

  it('keeps identical lines that are separate log entries', async () => {
    const line = '2026-11-26 21:39:10 UTC:127.0.0.1(54350):dynapipe@postgres:[14949]:LOG:  logical decoding found consistent point at 0/1D69018';
    const r = await runCliCaptured(['replay', '--json', write('twice.log', `${line}\n${line}\n`)]);
    expect(records(r.stdout)).toHaveLength(2);
  });

  it('keeps repeated state reports that carry no time, and gives them the time of the first timed entry', async () => {
    const state = "{'replication_state':'running', 'message': 'Replication is running.'}";
    const pg = '2024-08-03 14:44:05 UTC:10.0.0.75(48820):[unknown]@[unknown]:[3000]:LOG:  connection received: host=10.0.0.75 port=48820';
    const out = records((await runCliCaptured(['replay', '--json', write('untimed.txt', `${state}\n${state}\n${pg}\n`)])).stdout);
    expect(out.map((o) => o.kind)).toEqual(['state', 'state', 'connection']);
    expect(new Set(out.map((o) => o.time))).toEqual(new Set(['2024-08-03T14:44:05.000Z']));
  });

  it('streams an input without any time in its order, at time 0', async () => {
    const lines = Array.from({ length: 2500 }, (_, i) => `plain line ${String(i)}`);
    const out = records((await runCliCaptured(['replay', '--json', write('timeless.txt', `${lines.join('\n')}\n`)])).stdout);
    expect(out.map((o) => o.text)).toEqual(lines);
    expect(out.every((o) => o.time === '1970-01-01T00:00:00.000Z')).toBe(true);
  });

  it('never lets escape sequences from the log reach the terminal', async () => {
    const evil = '2024-08-03 14:44:05 UTC:10.0.0.75(1):[unknown]@[unknown]:[1]:LOG:  hi \u001b]0;pwned\u0007 \u001b[2J \u009b31m \u202e';
    const path = write('evil.log', `${evil}\n`);
    for (const argv of [['replay', path], ['replay', '--json', path]]) {
      const r = await runCliCaptured(argv);
      expect(hasTerminalControls(r.stdout, true)).toBe(false);
    }
  });

  it('keeps malformed records, binary garbage and a 1 MB line as plain log events', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const path = write('mixed.ndjson', `{"message":"ok","timestamp":1722696245000}\n{"message": nope\n{"message":"far future","timestamp":1e300}\n${big}\n`);
    const r = await runCliCaptured(['replay', '--json', path]);
    expect(r.code).toBe(0);
    const out = records(r.stdout);
    expect(out).toHaveLength(4);
    expect(out.map((o) => o.raw)).toContain('far future');
    expect(out[3]?.raw).toBe(big);
    expect(r.stderr).toContain('2 record(s)');

    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const g = await runCliCaptured(['replay', '--json', write('garbage.bin', garbage)]);
    expect(g.code).toBe(0);
    expect(records(g.stdout).every((o) => o.kind === 'log')).toBe(true);
  });
});

describe('dms-live replay: exact fields, safe displays', () => {
  const hostile = 'Test connection failed\n\tDetails: \u001b]52;c;cHduZWQ=\u0007 \u001b[2J \u202eevil\u202c done';
  const stream = 'dms-serverless-replication-orchestrator-RID';
  const saved = (message: string): string =>
    write('hostile.json', JSON.stringify({ events: [{ logStreamName: stream, timestamp: Date.UTC(2024, 7, 3, 14, 45, 11), message, eventId: '1' }] }));

  it('gives --json the exact failure message, which jq -r would print as written', async () => {
    const r = await runCliCaptured(['replay', '--json', saved(`{'replication_state':'failed', 'failure_message': '${hostile}'}`)]);
    expect(r.code).toBe(0);
    expect(hasTerminalControls(r.stdout, true)).toBe(false);
    const [event] = records(r.stdout);
    expect(event).toMatchObject({ kind: 'state', state: 'failed', failureMessage: hostile });
    expect(String(event?.text)).not.toContain('\n');
  });

  it('shows the failure message escaped in the report, never raw', async () => {
    const r = await runCliCaptured(['replay', saved(`{'replication_state':'failed', 'failure_message': '${hostile}'}`)]);
    expect(r.code).toBe(0);
    expect(hasTerminalControls(r.stdout, true)).toBe(false);
    expect(r.stdout).toContain('Test connection failed\\n Details: \\x1b]52;c;cHduZWQ=\\x07 \\x1b[2J \\u202eevil\\u202c done');
  });

  it('reads a state report cut short as a state report marked truncated', async () => {
    const r = await runCliCaptured(['replay', '--json', saved("{'replication_state':'failed', 'failure_message': 'Test connection failed for endpoint 'src' and replication config 'x-")]);
    const [event] = records(r.stdout);
    expect(event).toMatchObject({ kind: 'state', state: 'failed', severity: 'error', truncated: true });
    expect(String(event?.text)).toMatch(/config 'x-…$/);
  });
});

describe('dms-live replay: names from the input and the command line', () => {
  it('gives --json the log group and stream as the log named them, which JSON escapes', async () => {
    const group = 'dms-serverless-replication-\u001b]0;pwned\u0007';
    const path = write('located.ndjson', `${JSON.stringify({ logGroupIdentifier: group, logStreamName: 's\n\u009b2J', timestamp: 1722696245000, message: 'hi' })}\n`);
    const r = await runCliCaptured(['replay', '--json', path]);
    expect(r.code).toBe(0);
    expect(hasTerminalControls(r.stdout, true)).toBe(false);
    expect(records(r.stdout)[0]).toMatchObject({ logGroup: group, logStream: 's\n\u009b2J', raw: 'hi' });
  });

  it('escapes a hostile replication name taken from a log group in the report', async () => {
    const group = 'dms-serverless-replication-X\u001b[2J';
    const message = "{'replication_state':'initializing', 'message': 'Initializing the replication workflow.'}";
    const path = write('hostile-group.ndjson', `${JSON.stringify({ logGroupIdentifier: group, logStreamName: 'dms-serverless-replication-orchestrator-X', timestamp: 1722696245000, message })}\n`);
    const r = await runCliCaptured(['replay', path]);
    expect(r.code).toBe(0);
    expect(hasTerminalControls(r.stdout, true)).toBe(false);
    expect(r.stdout).toContain('TIMELINE  replication X\\x1b[2J');
  });

  it.each([
    ['cannot read', () => join(tmp, 'no\u001b[2Jpe\u009b.json'), /^dms-live: cannot read .*no\\x1b\[2Jpe\\x9b\.json: no such file\n$/],
    ['is empty', () => write('em\u001b]0;t\u0007pty.json', ''), /^dms-live: .*em\\x1b]0;t\\x07pty\.json is empty: nothing to replay\n$/],
  ])('escapes the file name in “%s”, as it does log text', async (_what, path, message) => {
    const r = await runCliCaptured(['replay', path()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(hasTerminalControls(r.stderr, true)).toBe(false);
  });

  it('escapes the file name in its warnings', async () => {
    const path = write('cut\u001b[31m.json', '{"events":[{"message":"a","timestamp":1},{"message":"b');
    const r = await runCliCaptured(['replay', '--json', path]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('cut\\x1b[31m.json ended in the middle of a JSON document');
    expect(hasTerminalControls(r.stderr, true)).toBe(false);
  });
});

describe('dms-live replay: events past the size cap', () => {
  it('keeps the start of an event larger than CloudWatch allows, marked cut, and its time', async () => {
    const big = 'q'.repeat(3 * 1024 * 1024);
    const path = write('huge.ndjson', `${JSON.stringify({ timestamp: 1722696245000, message: big })}\n${JSON.stringify({ timestamp: 1722696246000, message: 'next' })}\n`);
    const r = await runCliCaptured(['replay', '--json', path]);
    expect(r.code).toBe(0);
    const [cut, next] = records(r.stdout);
    expect(cut).toMatchObject({ time: '2024-08-03T14:44:05.000Z', cutBytes: 2 * 1024 * 1024 });
    expect(cut?.raw).toBe(big.slice(0, 1024 * 1024));
    expect(String(cut?.text)).toMatch(/q… \[cut: 2097152 bytes\]$/);
    expect(next).toMatchObject({ raw: 'next' });
    expect(next?.cutBytes).toBeUndefined();
  });
});

describe('dms-live replay: bad input', () => {
  it.each([
    ['a missing file', () => join(tmp, 'nope.json'), /^dms-live: cannot read .*nope\.json: no such file\n$/],
    ['an empty file', () => write('empty.json', ''), /^dms-live: .*empty\.json is empty: nothing to replay\n$/],
    ['a file of blank lines', () => write('blank.txt', '\n\n  \n'), /^dms-live: .*blank\.txt is empty: nothing to replay\n$/],
    ['a directory', () => tmp, /^dms-live: cannot replay .*: it is a directory, not a file\n$/],
    ['a document without events', () => write('none.json', '{"events": [], "searchedLogStreams": []}'), /^dms-live: no log events found in .*none\.json/],
  ])('refuses %s with one line and exit code 2', async (_what, path, message) => {
    const r = await runCliCaptured(['replay', path()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('exits 2 with one line and no stack trace from the real bin', () => {
    const r = spawnSync(process.execPath, ['dist/dms-live.js', 'replay', join(tmp, 'missing.json')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('no such file');
  });

  it('asks for a file when none is given', async () => {
    const r = await runCliCaptured(['replay']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing required argument/);
  });
});
