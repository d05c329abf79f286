import { describe, expect, it } from 'vitest';
import { expandFullLoad } from '../../src/sandbox/player/full-load.js';
import type { StepSpec, TableSpec } from '../../src/sandbox/scenarios/spec.js';
import { rejection, T0 } from '../sandbox/support.js';
import { harness, messages, oneReplication, PG_GROUP } from './support.js';

/**
 * What a run promises beyond its states (src/sandbox/scenarios/README.md):
 * DMS's error messages, histories as they were played, checkpoint and
 * flood lines as PostgreSQL writes them, the full load's order.
 */

const DAY = 24 * 3_600_000;
const HOUR = 3_600_000;

describe('StartReplication and StopReplication refuse with DMS\'s messages', () => {
  it('names the replication, its state and the rule', async () => {
    const h = await harness(oneReplication());
    const arn = h.replication.arn;
    expect((await rejection(h.stop())).message).toBe(`Replication ${arn} is in created state. Only a running or starting replication can be stopped.`);
    expect((await rejection(h.start('resume-processing'))).message).toBe(`The first run of replication ${arn} must use StartReplicationType start-replication.`);
    expect((await rejection(h.start('start-now'))).message).toBe('Invalid StartReplicationType: start-now. Valid values: start-replication, resume-processing, reload-target.');
    await h.start();
    expect((await rejection(h.start())).message).toBe(`Replication ${arn} is in initializing state. It can be started only when it is created, stopped or failed.`);
  });

  it('resume-processing is not for a full-load replication', async () => {
    const h = await harness(oneReplication({ type: 'full-load' }));
    await h.start();
    await h.sandbox.advance(330_000);
    expect((await h.describe()).Status).toBe('stopped');
    expect((await rejection(h.start('resume-processing'))).message).toBe('StartReplicationType resume-processing is not applicable for a full-load replication.');
  });
});

describe('a start whose script has nothing at 0 s', () => {
  it('is initializing at once, as DMS shows it', async () => {
    const h = await harness(oneReplication({ onStart: [{ at: 10, state: 'running' }] }));
    expect((await h.start())?.Status).toBe('initializing');
    expect((await h.describe()).Status).toBe('initializing');
  });
});

describe('histories, as they were played', () => {
  it('[start, stop]: the run\'s StartReplicationType stays start-replication', async () => {
    const h = await harness(oneReplication({ history: ['start', 'stop'] }));
    expect(await h.describe()).toMatchObject({ Status: 'stopped', StartReplicationType: 'start-replication' });
  });

  it('sessions of a history end after their own session time, as live ones do', async () => {
    const h = await harness(oneReplication({ history: ['start'] }));
    const events = await h.events(PG_GROUP);
    const pid = (m: string | undefined) => /:\[(\d+)\]:/.exec(m ?? '')?.[1];
    const first = events.find((e) => e.message?.includes('connection received'));
    const session = events.filter((e) => pid(e.message) === pid(first?.message));
    const end = session.at(-1);
    // happy-start's first connect (44 s into the run) lasts 0.35 s.
    expect(end?.message).toMatch(/LOG: {2}disconnection: session time: 0:00:00\.350 /);
    expect((end?.timestamp ?? 0) - (first?.timestamp ?? 0)).toBe(350);
    expect(end?.timestamp).toBeLessThan(T0 - HOUR);
  });

  it('a history\'s steps play in time order whatever order the script lists them in', async () => {
    const onStart: StepSpec[] = [{ at: 10, state: 'running' }, { at: 0, state: 'initializing' }];
    const h = await harness(oneReplication({ history: ['start'], onStart }));
    expect((await h.describe()).Status).toBe('running');
    expect(await h.states()).toEqual(['initializing', 'running']);
  });

  it('the config is created 3 days before the sandbox started, or a day before a history that began earlier', async () => {
    const recent = await harness(oneReplication({ history: ['start'] }));
    expect((await recent.describe()).ReplicationCreateTime).toEqual(new Date(T0 - 3 * DAY));
    const old = await harness(oneReplication({ history: ['start'], historyEndedSecondsAgo: (3 * DAY) / 1000 }));
    const r = await old.describe();
    const firstRun = r.ReplicationStats?.FreshStartDate?.getTime() ?? 0;
    expect(firstRun).toBeLessThan(T0 - 3 * DAY);
    expect(r.ReplicationCreateTime).toEqual(new Date(firstRun - DAY));
  });
});

describe('checkpoint lines, as PostgreSQL 15 writes them', () => {
  it('complete comes write + 20 ms after starting; its numbers agree (8 kB buffers of 16,384, total = write + 0.012 s)', async () => {
    const h = await harness(oneReplication({}, {}, { checkpointEverySeconds: 60 }));
    await h.sandbox.advance(10 * 60_000);
    const events = (await h.events(PG_GROUP)).filter((e) => e.message?.includes('checkpoint'));
    expect(events.length).toBeGreaterThanOrEqual(18);
    const starts = events.filter((e) => e.message?.endsWith('checkpoint starting: time'));
    const completes = events.filter((e) => e.message?.includes('checkpoint complete'));
    for (const [i, done] of completes.entries()) {
      const m = /wrote (\d+) buffers \((\d+\.\d)%\);.* write=(\d+\.\d{3}) s, sync=0\.00\d s, total=(\d+\.\d{3}) s;.* distance=(\d+) kB, estimate=(\d+) kB$/.exec(done.message ?? '');
      expect(m, done.message).not.toBeNull();
      const [buffers, percent, write, total, distance, estimate] = (m ?? []).slice(1).map(Number) as [number, number, number, number, number, number];
      expect(percent).toBe(Number((buffers / 163.84).toFixed(1)));
      expect(total).toBeCloseTo(write + 0.012, 3);
      expect(distance).toBe(buffers * 8);
      expect(estimate).toBe(distance + 512);
      expect((done.timestamp ?? 0) - (starts[i]?.timestamp ?? 0)).toBe(Math.round(write * 1000) + 20);
    }
  });
});

describe('the flood (scenario `flood`)', () => {
  const flooded = (endpoint: string) => oneReplication({}, { flood: { endpoint, rate: 100 } }, { checkpointEverySeconds: 0 });

  it('each tick\'s lines are spread over it, never ahead of the clock; sessions keep their host and port to the disconnection', async () => {
    const h = await harness(flooded('src'));
    await h.sandbox.advance(1_000);
    const events = await h.events(PG_GROUP);
    expect(events.map((e) => e.timestamp)).toEqual(Array.from({ length: 100 }, (_, i) => T0 + i * 10));
    const lines = messages(events);
    expect(lines.some((l) => l.includes('\n'))).toBe(false);
    for (const l of lines.filter((x) => x.includes('disconnection'))) {
      const [, host, port] = /UTC:([\d.]+)\((\d+)\):/.exec(l) ?? [];
      expect(l).toMatch(new RegExp(` host=${host ?? '?'} port=${port ?? '?'}$`));
    }
    for (const l of lines.filter((x) => x.includes('connection received'))) {
      const [, host, port] = /UTC:([\d.]+)\((\d+)\):/.exec(l) ?? [];
      expect(l).toMatch(new RegExp(`connection received: host=${host ?? '?'} port=${port ?? '?'}$`));
    }
    const durations = lines.flatMap((l) => /duration: (\d+\.\d{3}) ms/.exec(l)?.[1] ?? []).map(Number);
    expect(durations.length).toBeGreaterThan(30);
    for (const d of durations) expect(d).toBeLessThanOrEqual(90);
  });

  it('on an endpoint that is no PostgreSQL instance it writes nothing', async () => {
    const h = await harness(flooded('dst'));
    await h.sandbox.advance(1_000);
    expect(await h.events(PG_GROUP)).toEqual([]);
  });
});

describe('the full load\'s order', () => {
  const tables = (rows: readonly number[]): TableSpec[] => rows.map((r, i) => ({ schema: 'public', name: `t${String(i + 1)}`, rows: r }));

  it('tables that start or finish together are logged in table order', () => {
    const steps = expandFullLoad(tables([10, 10, 10]), 0, 10);
    const ids = steps.flatMap((s) => (s.task ?? []).flatMap((t) => (typeof t === 'string' ? [] : (/^(Start loading|Loading finished) .*\(Id = (\d+)\)/.exec(t.text)?.slice(1) ?? []).join(' ') || [])));
    expect(ids).toEqual(['Start loading 1', 'Start loading 2', 'Start loading 3', 'Loading finished 1', 'Loading finished 2', 'Loading finished 3']);
  });

  it('a table that finishes frees its subtask before the next one starts: never more than 8 loading', () => {
    const steps = expandFullLoad(tables([10, 10, 10, 10, 10, 10, 10, 10, 5, 5]), 0, 20);
    const loading = steps.flatMap((s) => s.view?.tablesLoading ?? []);
    expect(Math.max(...loading)).toBe(8);
    expect(loading).toContain(7);
  });
});
