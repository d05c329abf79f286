import { DescribeEndpointsCommand, DescribeReplicationConfigsCommand } from '@aws-sdk/client-database-migration-service';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DEMO_SPEED } from '../../src/sandbox/index.js';
import { LogStore } from '../../src/sandbox/world/log-store.js';
import { sandboxFor, T0 } from '../sandbox/support.js';
import { harness, messages, oneReplication, PG_GROUP } from './support.js';

/**
 * The scenario options src/sandbox/scenarios/README.md documents, each
 * pinned so that changing what it does (or its default) fails a test.
 */

const HOUR = 3_600_000;
const FULL_START_MS = 330_000;

describe('replications[].taskLogging (Logging.EnableLogging)', () => {
  it('writes DMS task lines by default', async () => {
    const h = await harness(oneReplication());
    await h.start();
    await h.sandbox.advance(FULL_START_MS);
    const streams = new Set((await h.events(h.replication.logGroup)).map((e) => e.logStreamName));
    expect([...streams].filter((s) => s?.startsWith('dms-serverless-serv-res-id-'))).toHaveLength(1);
    const config = await h.dms.send(new DescribeReplicationConfigsCommand({}));
    expect(JSON.parse(config.ReplicationConfigs?.[0]?.ReplicationSettings ?? '{}')).toMatchObject({ Logging: { EnableLogging: true } });
  });

  it('false: no task line at all, state reports still written, and the config says logging is off', async () => {
    const h = await harness(oneReplication({ taskLogging: false }));
    await h.start();
    await h.sandbox.advance(FULL_START_MS);
    const events = await h.events(h.replication.logGroup);
    expect(new Set(events.map((e) => e.logStreamName))).toEqual(new Set([`dms-serverless-replication-orchestrator-${h.replication.resourceId}`]));
    expect(await h.states()).toContain('running');
    const config = await h.dms.send(new DescribeReplicationConfigsCommand({}));
    expect(JSON.parse(config.ReplicationConfigs?.[0]?.ReplicationSettings ?? '{}')).toMatchObject({ Logging: { EnableLogging: false } });
  });
});

describe('speed: --speed wins over the scenario, which wins over the default', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Virtual milliseconds that pass in one (faked) wall second. */
  async function virtualPerWallSecond(options: { scenarioSpeed?: number; speed?: number }): Promise<{ reported: number; measured: number }> {
    vi.useFakeTimers({ toFake: ['Date'] });
    const sandbox = await sandboxFor({
      scenario: oneReplication({}, options.scenarioSpeed === undefined ? {} : { speed: options.scenarioSpeed }),
      manualClock: false,
      autoStart: false,
      ...(options.speed === undefined ? {} : { speed: options.speed }),
    });
    const before = sandbox.now();
    vi.advanceTimersByTime(1000);
    return { reported: sandbox.speed, measured: sandbox.now() - before };
  }

  it.each([
    ['--speed over the scenario speed', { scenarioSpeed: 30, speed: 5 }, 5],
    ['the scenario speed without --speed', { scenarioSpeed: 30 }, 30],
    ['--speed without a scenario speed', { speed: 2 }, 2],
    ['the default', {}, DEFAULT_DEMO_SPEED],
  ])('%s', async (_what, options, expected) => {
    expect(await virtualPerWallSecond(options)).toEqual({ reported: expected, measured: expected * 1000 });
  });

  it('the default is 10', () => {
    expect(DEFAULT_DEMO_SPEED).toBe(10);
  });
});

describe('autoStartAfterSeconds and autoStart: false (--no-auto-start)', () => {
  it('starts by itself after that many virtual seconds', async () => {
    const h = await harness(oneReplication({ autoStartAfterSeconds: 30 }), { autoStart: true });
    await h.sandbox.advance(29_999);
    expect((await h.describe()).Status).toBe('created');
    await h.sandbox.advance(1);
    expect(await h.describe()).toMatchObject({ Status: 'initializing', StartReplicationType: 'start-replication' });
  });

  it('autoStart: false never starts it', async () => {
    const h = await harness(oneReplication({ autoStartAfterSeconds: 0 }), { autoStart: false });
    await h.sandbox.advance(HOUR);
    expect((await h.describe()).Status).toBe('created');
    expect(h.sandbox.logGroups()).not.toContain(h.replication.logGroup);
  });
});

describe('endpoints[].checkpointEverySeconds', () => {
  const checkpoints = async (h: Awaited<ReturnType<typeof harness>>): Promise<string[]> =>
    messages(await h.events(PG_GROUP)).filter((m) => /:LOG: {2}checkpoint (starting|complete)/.test(m));

  it('defaults to 300 s, PostgreSQL\'s checkpoint_timeout: a starting line every 300 s, its complete line after it', async () => {
    const h = await harness(oneReplication());
    await h.sandbox.advance(299_999);
    expect(await checkpoints(h)).toEqual([]);
    await h.sandbox.advance(1);
    expect(await checkpoints(h)).toEqual([expect.stringMatching(/^2024-05-01 07:21:00 UTC::@:\[\d+\]:LOG: {2}checkpoint starting: time$/)]);
    await h.sandbox.advance(300_000);
    const lines = await checkpoints(h);
    expect(lines.map((m) => /checkpoint (\w+)/.exec(m)?.[1])).toEqual(['starting', 'complete', 'starting']);
    expect(lines[1]).toMatch(/checkpoint complete: wrote \d+ buffers/);
  });

  it('0 turns them off', async () => {
    const h = await harness(oneReplication({}, {}, { checkpointEverySeconds: 0 }));
    await h.sandbox.advance(HOUR);
    expect(await checkpoints(h)).toEqual([]);
  });

  it('60 writes one every minute', async () => {
    const h = await harness(oneReplication({}, {}, { checkpointEverySeconds: 60 }));
    await h.sandbox.advance(300_000);
    expect((await checkpoints(h)).filter((m) => m.endsWith('checkpoint starting: time'))).toHaveLength(5);
  });
});

describe('replications[].history and historyEndedSecondsAgo', () => {
  const newest = async (h: Awaited<ReturnType<typeof harness>>): Promise<number> =>
    Math.max(...(await h.events(h.replication.logGroup)).map((e) => e.timestamp ?? 0));

  it('a played history ends 3600 s before the sandbox started by default', async () => {
    const h = await harness(oneReplication({ history: ['start'] }));
    expect(await newest(h)).toBe(T0 - HOUR);
    expect((await h.describe()).Status).toBe('running');
  });

  it('ends historyEndedSecondsAgo before the start when given', async () => {
    const h = await harness(oneReplication({ history: ['start'], historyEndedSecondsAgo: 120 }));
    expect(await newest(h)).toBe(T0 - 120_000);
  });

  it('[start, stop] leaves it stopped with a user stop reason, the config older than its first run', async () => {
    const h = await harness(oneReplication({ history: ['start', 'stop'] }));
    const r = await h.describe();
    expect(r).toMatchObject({ Status: 'stopped', StopReason: 'Stop Reason NORMAL' });
    expect(r.ReplicationLastStopTime).toEqual(new Date(T0 - HOUR));
    expect(r.ReplicationCreateTime?.getTime()).toBeLessThan(r.ReplicationStats?.FreshStartDate?.getTime() ?? 0);
  });
});

describe('seed: the same seed plays the same way', () => {
  /** What a seed decides: generated ids and host names, and the pids and ports in the PostgreSQL log. */
  async function play(seed?: string): Promise<{ arn: string; serverName: string | undefined; pg: string[] }> {
    const h = await harness(oneReplication({}, seed === undefined ? {} : { seed }));
    await h.start();
    await h.sandbox.advance(FULL_START_MS);
    const endpoints = await h.dms.send(new DescribeEndpointsCommand({ Filters: [{ Name: 'endpoint-type', Values: ['source'] }] }));
    return { arn: h.replication.arn, serverName: endpoints.Endpoints?.[0]?.ServerName, pg: messages(await h.events(PG_GROUP)) };
  }

  it('plays identically twice with one seed, differently with another, and the name is the default seed', async () => {
    const first = await play('s1');
    expect(first.pg.length).toBeGreaterThan(5);
    expect(await play('s1')).toEqual(first);
    const other = await play('s2');
    expect(other.arn).not.toBe(first.arn);
    expect(other.serverName).not.toBe(first.serverName);
    expect(other.pg).not.toEqual(first.pg);
    expect(await play()).toEqual(await play('promises'));
  });
});

describe('each log group keeps its latest 100,000 events', () => {
  it('holds 100,000 and drops the oldest beyond that', () => {
    const store = new LogStore('eu-central-1', '123456789012');
    store.createGroup('g', 0);
    for (let i = 0; i < 100_000; i++) store.put('g', 's', 'm', i);
    const group = store.group('g');
    expect(group?.events).toHaveLength(100_000);
    expect(group?.events[0]?.timestamp).toBe(0);
    store.put('g', 's', 'newest', 100_000);
    expect(group?.events.length).toBeLessThanOrEqual(100_000);
    expect(group?.events.length).toBeGreaterThanOrEqual(90_000);
    expect(group?.events[0]?.timestamp).toBeGreaterThan(0);
    expect(group?.events[group.events.length - 1]?.message).toBe('newest');
  });
});
