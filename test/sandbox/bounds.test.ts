import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { DOCUMENTED_RANGES, SIZE_LIMITS, rangeSpan } from '../../src/sandbox/scenarios/ranges.js';
import { readScenario } from '../../src/sandbox/scenarios/read-scenario.js';

/**
 * Every flag and scenario field has one documented range; out of range is
 * one line naming the flag or field and its range, exit code 2, before
 * anything starts (values like `--speed 1e9` or `historyEndedSecondsAgo:
 * 1e15` used to hang the sandbox or crash it with `Invalid time value`).
 */

async function run(args: readonly string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const code = await runCli([...args], { stdout, stderr, stdin: Readable.from([]) });
  return { code, stderr: err, stdout: out };
}

const dir = mkdtempSync(join(tmpdir(), 'dms-live-bounds-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const base = {
  name: 'bounds',
  endpoints: [
    { id: 'src', type: 'source', rdsInstance: 'db1' },
    { id: 'dst', type: 'target', engine: 's3' },
  ],
  replications: [{ id: 'r1', source: 'src', target: 'dst' }],
};

function scenarioFile(name: string, scenario: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(scenario));
  return path;
}

describe('sandbox flags out of range', () => {
  it.each([
    [['--speed', '1e9'], '--speed must be a number between 0.1 and 1000, got "1e9"'],
    [['--speed', '1e300'], '--speed must be a number between 0.1 and 1000, got "1e300"'],
    [['--speed', '1e-6'], '--speed must be a number between 0.1 and 1000, got "1e-6"'],
    [['--speed', '0'], '--speed must be a number between 0.1 and 1000, got "0"'],
    [['--speed', 'fast'], '--speed must be a number between 0.1 and 1000, got "fast"'],
    [['--rate', '2e6'], '--rate must be a number between 1 and 20000 (events per virtual second), got "2e6"'],
    [['--rate', '1e12'], '--rate must be a number between 1 and 20000 (events per virtual second), got "1e12"'],
    [['--rate', '0'], '--rate must be a number between 1 and 20000 (events per virtual second), got "0"'],
    [['--rate', '-1'], '--rate must be a number between 1 and 20000 (events per virtual second), got "-1"'],
    [['--port', '70000'], '--port must be a whole number between 0 and 65535, got "70000"'],
    [['--port', '1.5'], '--port must be a whole number between 0 and 65535, got "1.5"'],
    [['--host', ''], '--host must not be empty: give an address to listen on, e.g. 127.0.0.1 (the default) or 0.0.0.0 for every interface'],
    [['--host', '  '], '--host must not be empty: give an address to listen on, e.g. 127.0.0.1 (the default) or 0.0.0.0 for every interface'],
    [['--fault', 'delayMs=1e12'], '--fault delayMs=1e12: must be a number between 0 and 3600000 (1 hour), got 1000000000000'],
    [['--fault', 'maxSessionSeconds=1e300'], '--fault maxSessionSeconds=1e300: must be a number between 0 and 315360000 (10 years), got 1e+300'],
  ])('refuses %j in one line with exit code 2', async (args, message) => {
    const r = await run(['sandbox', '--port', '0', ...args]);
    expect(r.stderr).toBe(`dms-live: ${message}\n`);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('accepts the ends of each range', async () => {
    // Parsed and checked only: --help after the flags prints usage instead of starting.
    for (const args of [['--speed', '0.1'], ['--speed', '1000'], ['--rate', '1'], ['--rate', '20000'], ['--port', '65535']]) {
      const r = await run(['sandbox', ...args, '--scenario', 'no-such-scenario']);
      expect(r.stderr).toMatch(/^dms-live: unknown scenario "no-such-scenario"/);
    }
  });
});

describe('scenario fields out of range', () => {
  it('historyEndedSecondsAgo: 1e15 is one line naming the field, exit code 2 (it was "Invalid time value", exit code 1)', async () => {
    const file = scenarioFile('history.json', { ...base, replications: [{ id: 'r1', source: 'src', target: 'dst', history: ['start'], historyEndedSecondsAgo: 1e15 }] });
    const r = await run(['sandbox', '--port', '0', '--scenario', file]);
    expect(r.stderr).toBe('dms-live: history.json: replications[0].historyEndedSecondsAgo: must be a number between 0 and 315360000 (10 years), got 1000000000000000\n');
    expect(r.code).toBe(2);
  });

  it('checkpointEverySeconds: 0.000001 is refused (it pegged the event loop)', async () => {
    const file = scenarioFile('checkpoint.json', { ...base, endpoints: [{ id: 'src', type: 'source', rdsInstance: 'db1', checkpointEverySeconds: 0.000001 }, base.endpoints[1]] });
    const r = await run(['sandbox', '--port', '0', '--scenario', file]);
    expect(r.stderr).toBe('dms-live: checkpoint.json: endpoints[0].checkpointEverySeconds: must be 0 (off) or a number between 1 and 86400 (1 day, PostgreSQL\'s longest checkpoint_timeout), got 0.000001\n');
    expect(r.code).toBe(2);
  });

  type Edit = (s: Record<string, unknown>, v: number) => Record<string, unknown>;
  const replication = (over: Record<string, unknown>): Record<string, unknown> => ({ ...base, replications: [{ id: 'r1', source: 'src', target: 'dst', ...over }] });
  const step = (over: Record<string, unknown>): Record<string, unknown> => replication({ onStart: [{ at: 0, ...over }] });
  const fields: [string, number, number, Edit][] = [
    ['speed', 0.1, 1000, (s, v) => ({ ...s, speed: v })],
    ['flood.rate', 1, 20_000, (s, v) => ({ ...s, flood: { endpoint: 'src', rate: v } })],
    ['endpoints[0].port', 1, 65_535, (s, v) => ({ ...s, endpoints: [{ id: 'src', type: 'source', rdsInstance: 'db1', port: v }, base.endpoints[1]] })],
    ['endpoints[0].checkpointEverySeconds', 1, 86_400, (s, v) => ({ ...s, endpoints: [{ id: 'src', type: 'source', rdsInstance: 'db1', checkpointEverySeconds: v }, base.endpoints[1]] })],
    ['replications[0].tables[0].rows', 0, 1_000_000_000, (_s, v) => replication({ tables: [{ name: 't', rows: v }] })],
    ['replications[0].capacity.min', 1, 384, (_s, v) => replication({ capacity: { min: v } })],
    ['replications[0].capacity.max', 1, 384, (_s, v) => replication({ capacity: { max: v } })],
    ['replications[0].capacity.provisioned', 1, 384, (_s, v) => replication({ capacity: { provisioned: v } })],
    ['replications[0].historyEndedSecondsAgo', 0, 315_360_000, (_s, v) => replication({ historyEndedSecondsAgo: v })],
    ['replications[0].autoStartAfterSeconds', 0, 315_360_000, (_s, v) => replication({ autoStartAfterSeconds: v })],
    ['replications[0].onStart[0].at', 0, 315_360_000, (_s, v) => replication({ onStart: [{ at: v }] })],
    ['replications[0].onStart[0].fullLoad.durationSeconds', 0, 315_360_000, (_s, v) => step({ fullLoad: { durationSeconds: v } })],
    ['replications[0].onStart[0].postgres[0].connect.sessionSeconds', 0, 315_360_000, (_s, v) => step({ postgres: [{ connect: { sessionSeconds: v } }] })],
    ['replications[0].onStart[0].view.capacityUnits', 0, 384, (_s, v) => step({ view: { capacityUnits: v } })],
    ['replications[0].onStart[0].view.fullLoadProgressPercent', 0, 100, (_s, v) => step({ view: { fullLoadProgressPercent: v } })],
    ['replications[0].onStart[0].view.tablesLoaded', 0, 1_000_000_000, (_s, v) => step({ view: { tablesLoaded: v } })],
    ['replications[0].onStart[0].view.tablesLoading', 0, 1_000_000_000, (_s, v) => step({ view: { tablesLoading: v } })],
    ['replications[0].onStart[0].view.tablesQueued', 0, 1_000_000_000, (_s, v) => step({ view: { tablesQueued: v } })],
    ['replications[0].onStart[0].view.tablesErrored', 0, 1_000_000_000, (_s, v) => step({ view: { tablesErrored: v } })],
    ...(['endAfterSeconds', 'cutMidFrameAfterSeconds', 'resetAfterSeconds', 'streamingExceptionAfterSeconds', 'stallAfterSeconds', 'maxSessionSeconds'] as const).map(
      (name): [string, number, number, Edit] => [`faults.${name}`, 0, 315_360_000, (s, v) => ({ ...s, faults: { [name]: v } })],
    ),
    ['faults.liveTailRotation[0].endAfterSeconds', 0, 315_360_000, (s, v) => ({ ...s, faults: { liveTailRotation: [{ endAfterSeconds: v }] } })],
    ['faults.maxLiveTailSessions', 0, 100, (s, v) => ({ ...s, faults: { maxLiveTailSessions: v } })],
    ['faults.throttleEvery', 1, 1_000_000, (s, v) => ({ ...s, faults: { throttleEvery: v } })],
    ['faults.serverErrors.afterSeconds', 0, 315_360_000, (s, v) => ({ ...s, faults: { serverErrors: { afterSeconds: v, forSeconds: 1 } } })],
    ['faults.serverErrors.forSeconds', 0, 315_360_000, (s, v) => ({ ...s, faults: { serverErrors: { afterSeconds: 1, forSeconds: v } } })],
    ['faults.delayMs', 0, 3_600_000, (s, v) => ({ ...s, faults: { delayMs: v } })],
  ];

  it.each(fields)('%s: %d to %d, refused outside with a message naming it', (path, min, max, edit) => {
    expect(() => readScenario(edit(base, min))).not.toThrow();
    expect(() => readScenario(edit(base, max))).not.toThrow();
    for (const bad of [min - 0.5, max + 1, max * 1e6 + 1, Number.NaN]) {
      expect(() => readScenario(edit(base, bad))).toThrow(new RegExp(`^${path.replace(/[[\].]/g, '\\$&')}: must be .*between ${min} and ${max}`));
    }
  });

  it.each(['constructor', 'toString', '__proto__'])('--scenario %s is not mistaken for a built-in', async (name) => {
    const r = await run(['sandbox', '--port', '0', '--scenario', name]);
    expect(r.stderr).toMatch(new RegExp(`^dms-live: unknown scenario "${name}": not a built-in`));
    expect(r.code).toBe(2);
  });

  it('keeps a script named __proto__ as a script', () => {
    const spec = readScenario({ ...base, scripts: JSON.parse('{"__proto__": [{"at": 1, "state": "initializing"}]}') as unknown, replications: [{ id: 'r1', source: 'src', target: 'dst', onStart: '__proto__' }] });
    expect(Object.hasOwn(spec.scripts ?? {}, '__proto__')).toBe(true);
  });

  it('refuses lists longer than 1000 items and histories longer than 10 phases', () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ name: `t${i}`, rows: 1 }));
    expect(() => readScenario({ ...base, replications: [{ id: 'r1', source: 'src', target: 'dst', tables: many }] })).toThrow(
      /^replications\[0\]\.tables: at most 1000 items, got 1001$/,
    );
    const history = Array.from({ length: 11 }, () => 'start');
    expect(() => readScenario({ ...base, replications: [{ id: 'r1', source: 'src', target: 'dst', history }] })).toThrow(
      /^replications\[0\]\.history: at most 10 items, got 11$/,
    );
  });
});

describe('the ranges are documented where users look', () => {
  const spans = DOCUMENTED_RANGES.map(([name, range]) => [name, `${rangeSpan(range)}${range.note === undefined ? '' : ` (${range.note})`}`] as const);

  it('dms-live sandbox --help lists every range', async () => {
    const r = await run(['sandbox', '--help']);
    const help = r.stdout.replace(/\s+/g, ' ');
    for (const [name, span] of spans) expect(help).toContain(`${name} ${span}`);
    expect(help).toContain(SIZE_LIMITS);
    expect(help).toMatch(/--speed <x> virtual seconds per wall second, 0\.1 to 1000/);
    expect(help).toMatch(/--rate <n> events per virtual second for scenarios with a flood, 1 to 20000/);
  });

  it("the scenario README's table lists every range", () => {
    const rows = readFileSync('src/sandbox/scenarios/README.md', 'utf8').replaceAll('`', '').split('\n');
    for (const [name, span] of spans) expect(rows).toContain(`| ${name} | ${span} |`);
    expect(rows).toContain(`And: ${SIZE_LIMITS}.`);
  });
});
