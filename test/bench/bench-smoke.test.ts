import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * A few seconds of `npm run bench` (scripts/bench.mjs): proves the suite
 * still runs end to end and writes what other tools read. Benchmarks are
 * not tests: nothing here looks at how fast anything was.
 */
const dir = mkdtempSync(join(tmpdir(), 'dms-live-bench-smoke-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
const only = hasTmux ? 'live,memory,replay' : 'memory,replay';

type Spread = { min: number; median: number; max: number } | null;

function expectSpread(value: unknown, nullable: boolean): void {
  if (value === null && nullable) return;
  const s = value as Spread;
  expect(s).not.toBeNull();
  if (s === null) return;
  expect(s.min).toBeLessThanOrEqual(s.median);
  expect(s.median).toBeLessThanOrEqual(s.max);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm run bench, a smoke run', () => {
  it(`runs ${only} briefly, prints the table with goals, writes the results with every key, and leaves nothing running`, { timeout: 90_000 }, () => {
    const out = join(dir, 'results.json');
    const run = spawnSync(process.execPath, ['scripts/bench.mjs', '--only', only, '--seconds', '1', '--runs', '1', '--events', '20000', '--no-install', '--out', out], {
      encoding: 'utf8',
      timeout: 80_000,
    });
    expect(run.stderr).not.toMatch(/failed/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/dms-live replay --json, events\/s\s+[\d,]+\s+>= 100,000\s+(PASS|MISS)/);
    expect(run.stdout).toMatch(/RSS at the last point, MB\s+\d+\s+< 250\s+(PASS|MISS)/);

    const results = JSON.parse(readFileSync(out, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(Object.keys(results).sort()).toEqual(['date', 'idle', 'keys', 'live', 'machine', 'memory', 'replay', 'startup']);
    const live = results.live as { dashboard: Record<string, unknown>; watchJson: Record<string, unknown>; awsCli: Record<string, unknown>; cpuRatioToAwsCli: unknown };
    expect(Object.keys(live.dashboard).sort()).toEqual(['cpuPct', 'eventToFrameP50Ms', 'eventToFrameP99Ms', 'fps', 'rssMb']);
    expect(Object.keys(live.awsCli).sort()).toEqual(['cpuPct', 'rssMb']);
    expect(live).toHaveProperty('cpuRatioToAwsCli');
    if (hasTmux) expectSpread(live.watchJson.cpuPct, false);
    expect(Object.keys(results.startup ?? {}).sort()).toEqual(['awsVersionMs', 'demoFirstFrameMs', 'helpMs']);
    expect(results.idle).toHaveProperty('cpuPct');
    expect(results.keys).toHaveProperty('p99Ms');
    const points = results.memory?.rssMbAfter as [number, number][];
    expect(points.map(([n]) => n)).toEqual([2000, 4000, 6000, 8000, 10000, 12000, 14000, 16000, 18000, 20000]);
    for (const [, mb] of points) expect(mb).toBeGreaterThan(0);
    const replay = results.replay ?? {};
    expectSpread(replay.eventsPerSec, false);
    expectSpread(replay.rssMb, false);
    // jq may be missing (and is not installed with --no-install).
    expectSpread(replay.jqEventsPerSec, true);
    expectSpread(replay.ratioToJq, true);
    expect(results.machine).toEqual({ cores: expect.any(Number) as number, node: process.version });
    expect(results.date).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));

    const details = JSON.parse(readFileSync(join(dir, 'results-details.json'), 'utf8')) as { pids: number[] };
    expect(details.pids.length).toBeGreaterThan(0);
    expect(details.pids.filter(alive)).toEqual([]);
  });
});
