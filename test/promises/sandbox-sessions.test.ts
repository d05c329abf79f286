import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import type { StepSpec } from '../../src/sandbox/scenarios/spec.js';
import { T0 } from '../sandbox/support.js';
import { harness, messages, oneReplication, PG_GROUP } from './support.js';

/**
 * The PostgreSQL sessions the scenario player writes for DMS
 * (src/sandbox/scenarios/README.md, "Steps"): each connection's lines and
 * their times, the slot and the CDC stream, and which states end them.
 */

const SSL = 'SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)';
const pidOf = (message: string | undefined): string | undefined => /:\[(\d+)\]:/.exec(message ?? '')?.[1];
/** The text after `LEVEL:  ` of an RDS PostgreSQL entry. */
const textOf = (message: string | undefined): string => /:\[\d+\]:[A-Z]+: {2}(.*)$/s.exec(message ?? '')?.[1] ?? '';

/** The events of one server process (one session), oldest first. */
function sessionEvents(events: readonly FilteredLogEvent[], pid: string | undefined): FilteredLogEvent[] {
  return events.filter((e) => pidOf(e.message) === pid);
}

describe('DMS\'s slot and CDC stream in the happy path', () => {
  it('the slot is created on DMS\'s newest session; CDC streams it over a replication connection that stays open while running', async () => {
    const h = await harness(oneReplication({}, {}, { database: 'orders', username: 'dms' }));
    await h.start();
    await h.sandbox.advance(330_000);
    expect((await h.describe()).Status).toBe('running');
    const events = await h.events(PG_GROUP);
    expect(new Set(events.map((e) => e.logStreamName))).toEqual(new Set(['db1.0']));
    const pg = messages(events);

    // The two sessions DMS opens at 205 s; the newest is the one received last.
    const opened = events.filter((e) => e.timestamp === T0 + 205_000 && textOf(e.message).startsWith('connection received'));
    expect(opened).toHaveLength(2);
    const newest = pidOf(opened[1]?.message);
    expect(newest).not.toBe(pidOf(opened[0]?.message));
    const slotLines = events.filter((e) => e.timestamp === T0 + 207_000);
    expect(slotLines.map((e) => textOf(e.message))).toEqual([
      'logical decoding found consistent point at 0/1D69018',
      'There are no running transactions.',
      expect.stringMatching(/^SELECT \* FROM pg_create_logical_replication_slot\('[a-z]{16}_000\d{5}_[0-9a-f]{8}', 'test_decoding'\);$/),
    ]);
    expect(slotLines.map((e) => pidOf(e.message))).toEqual([newest, newest, newest]);
    expect(slotLines[0]?.message).toMatch(/:dms@orders:\[\d+\]:LOG: {2}/);
    const slot = /slot\('([^']+)'/.exec(slotLines[2]?.message ?? '')?.[1];

    const cdcAuthorized = events.find((e) => textOf(e.message).startsWith('replication connection authorized'));
    expect(textOf(cdcAuthorized?.message)).toBe(`replication connection authorized: user=dms ${SSL}`);
    expect(cdcAuthorized?.message).toMatch(/:dms@\[unknown\]:\[\d+\]:LOG/);
    const cdc = sessionEvents(events, pidOf(cdcAuthorized?.message));
    expect(cdc.map((e) => textOf(e.message).replace(/ (host|port)=.*$/, ''))).toEqual([
      'connection received:',
      expect.stringMatching(/^connection authenticated: identity="dms"/),
      `replication connection authorized: user=dms ${SSL}`,
      `starting logical decoding for slot "${slot ?? '?'}"`,
      'Streaming transactions committing after 0/1D69050, reading WAL from 0/1D69018.',
    ]);
    // Decoding starts once the connection is authorized, both at the CDC step (316 s).
    expect(cdc[0]?.timestamp).toBe(T0 + 316_000);
    expect(cdc[3]?.timestamp).toBe(T0 + 316_008);
    expect(cdc[3]?.timestamp).toBeGreaterThan(cdc[2]?.timestamp ?? Infinity);
    expect(messages(await h.events(h.replication.logGroup)).some((m) => m.includes(`on slot '${slot ?? '?'}'`))).toBe(true);
    expect(pg.filter((m) => m.includes('disconnection'))).toHaveLength(2);
  });
});

describe('connect steps: defaults, timing and the disconnection line', () => {
  it('user and database default to the endpoint\'s, SSL on, not a replication connection, a session of 0.1 s; each may be given', async () => {
    const onStart: StepSpec[] = [
      { at: 0, postgres: [{ connect: {} }] },
      { at: 1, postgres: [{ connect: { sessionSeconds: 3, replication: true } }] },
      { at: 2, postgres: [{ connect: { outcome: 'no-database', ssl: false } }] },
    ];
    const h = await harness(oneReplication({ onStart }, {}, { database: 'orders', username: 'dms' }));
    await h.start();
    const ended = async () => messages(await h.events(PG_GROUP)).filter((m) => m.includes('disconnection')).length;
    await h.sandbox.advance(99);
    expect(await ended()).toBe(0);
    await h.sandbox.advance(1);
    expect(await ended()).toBe(1);
    await h.sandbox.advance(4_900);
    const events = await h.events(PG_GROUP);
    const received = events.filter((e) => textOf(e.message).startsWith('connection received'));
    expect(received.map((e) => e.timestamp)).toEqual([T0, T0 + 1_000, T0 + 2_000]);
    const [first, second, third] = received.map((e) => sessionEvents(events, pidOf(e.message)));
    const port = (e: FilteredLogEvent | undefined) => /port=(\d+)/.exec(e?.message ?? '')?.[1];
    const host = (e: FilteredLogEvent | undefined) => / host=(\S+)/.exec(e?.message ?? '')?.[1];

    expect(first?.map((e) => textOf(e.message))).toEqual([
      expect.stringMatching(/^connection received: host=10\.0\.\d+\.\d+ port=\d+$/),
      'connection authenticated: identity="dms" method=md5 (/rdsdbdata/config/pg_hba.conf:13)',
      `connection authorized: user=dms database=orders ${SSL}`,
      `disconnection: session time: 0:00:00.100 user=dms database=orders host=${host(first?.[0]) ?? '?'} port=${port(first?.[0]) ?? '?'}`,
    ]);
    expect(first?.[3]?.timestamp).toBe(T0 + 100);

    expect(textOf(second?.[2]?.message)).toBe(`replication connection authorized: user=dms ${SSL}`);
    expect(textOf(second?.[3]?.message)).toMatch(/^disconnection: session time: 0:00:03\.000 user=dms database= host=/);
    expect(second?.[3]?.timestamp).toBe(T0 + 4_000);

    expect(third?.map((e) => textOf(e.message))).toEqual([
      expect.stringMatching(/^connection received/),
      expect.stringMatching(/^connection authenticated/),
      'connection authorized: user=dms database=orders',
      'database "orders" does not exist',
    ]);
    // PostgreSQL's order: authenticated, authorized, then the FATAL, each a moment later.
    const times = third?.map((e) => e.timestamp ?? 0) ?? [];
    expect(times.slice(1)).toEqual([times[1], (times[1] ?? 0) + 1, (times[1] ?? 0) + 2]);
    expect(times[1]).toBeGreaterThan(times[0] ?? Infinity);
  });
});

describe('which states end DMS\'s open sessions', () => {
  const holding = (end: string): StepSpec[] => [
    { at: 0, postgres: [{ connect: { keepOpen: true } }, { connect: { keepOpen: true } }] },
    { at: 2, state: 'running' },
    { at: 5, state: end },
  ];

  it.each(['stopped', 'failed'])('%s ends every open session, one disconnection each; running does not', async (end) => {
    const h = await harness(oneReplication({ onStart: holding(end) }));
    await h.start();
    const closed = async () => (await h.events(PG_GROUP)).filter((e) => textOf(e.message).startsWith('disconnection'));
    await h.sandbox.advance(4_999);
    expect(await closed()).toEqual([]);
    await h.sandbox.advance(1);
    const lines = await closed();
    expect(lines.map((e) => e.timestamp)).toEqual([T0 + 5_000, T0 + 5_001]);
    expect(lines.map((e) => /session time: (\S+)/.exec(e.message ?? '')?.[1])).toEqual(['0:00:05.000', '0:00:05.001']);
  });
});

describe('PostgreSQL steps without a DMS session, or without an RDS source', () => {
  it('a line and a slot with no open session come from a background process', async () => {
    const h = await harness(oneReplication({ onStart: [{ at: 0, postgres: [{ line: 'alone' }, { createSlot: true }] }] }));
    await h.start();
    const pg = messages(await h.events(PG_GROUP)).filter((m) => !m.includes('checkpoint'));
    expect(pg).toHaveLength(4);
    for (const m of pg) expect(m).toMatch(/^2024-05-01 07:16:00 UTC::@:\[\d+\]:(LOG|DETAIL|STATEMENT): {2}/);
    expect(textOf(pg[0])).toBe('alone');
  });

  it('a source that is no RDS PostgreSQL instance plays its script and ignores its PostgreSQL steps; its placeholders fill with what it has', async () => {
    const onStart: StepSpec[] = [
      { at: 0, state: 'running', postgres: [{ connect: { keepOpen: true } }, { line: 'x' }, { createSlot: true }, { replicate: true }], task: ['[${database}|${username}|${instance}|${serverName}]'] },
      { at: 1, postgres: [{ disconnectAll: true }] },
      { at: 2, state: 'stopped' },
    ];
    const h = await harness(oneReplication({ onStart }, {}, { rdsInstance: undefined, engine: 'mysql', serverName: 'my.example.com' }));
    await h.start();
    await h.sandbox.advance(2_000);
    expect((await h.describe()).Status).toBe('stopped');
    expect(h.sandbox.logGroups()).toEqual([h.replication.logGroup]);
    expect(messages(await h.events(h.replication.logGroup))).toContain('2024-05-01T07:16:00 [|||my.example.com]');
  });

  it('${serverName} is the source endpoint\'s host name', async () => {
    const h = await harness(oneReplication({ onStart: [{ at: 0, task: ['${serverName}'] }] }));
    await h.start();
    const [line] = messages(await h.events(h.replication.logGroup));
    expect(line).toMatch(/ db1\.[a-z0-9]{12}\.eu-central-1\.rds\.amazonaws\.com$/);
  });
});

describe('view changes stay until a step changes them', () => {
  it('TablesErrored, the CDC position and a StopReason outlive later view changes; failed without a message keeps FailureMessages, and its report has no failure_message', async () => {
    const onStart: StepSpec[] = [
      { at: 0, state: 'running', view: { tablesErrored: 2, cdcPosition: '0/ABC', stopReason: 'Stop Reason RECOVERABLE_ERROR', failureMessages: ['earlier'] } },
      { at: 1, view: { tablesLoaded: 1 } },
      { at: 2, state: 'failed' },
    ];
    const h = await harness(oneReplication({ onStart }));
    const created = await h.describe();
    expect(created.FailureMessages).toBeUndefined();
    await h.start();
    await h.sandbox.advance(1_000);
    expect(await h.describe()).toMatchObject({ RecoveryCheckpoint: '0/ABC', StopReason: 'Stop Reason RECOVERABLE_ERROR', ReplicationStats: { TablesErrored: 2, TablesLoaded: 1 } });
    await h.sandbox.advance(1_000);
    const failed = await h.describe();
    expect(failed).toMatchObject({ Status: 'failed', StopReason: 'Stop Reason RECOVERABLE_ERROR', RecoveryCheckpoint: '0/ABC' });
    expect(failed.FailureMessages).toEqual(['earlier']);
    const report = messages(await h.events(h.replication.logGroup)).find((m) => m.startsWith("{'replication_state':'failed'"));
    expect(report).toMatch(/^\{'replication_state':'failed', 'message': '[^']+'\}$/);
  });
});
