import { describe, expect, it } from 'vitest';
import type { DmsEvent, SessionEvent, StatusEvent } from '../../src/events/types.js';
import { Backoff } from '../../src/sources/backoff.js';
import { ReplicationPoller } from '../../src/sources/replication-poller.js';
import { toReplicationSnapshot } from '../../src/parse/replication.js';
import { ManualClock, settle } from '../aws/support.js';
import { ARN, FakeDms, awsError, replication } from './fake-dms.js';

function setup(over: { intervalMs?: number; initialStatus?: string; random?: () => number } = {}) {
  const clock = new ManualClock(1_000_000);
  const dms = new FakeDms();
  const events: DmsEvent[] = [];
  const poller = new ReplicationPoller({
    dms: dms.api,
    configArn: ARN,
    clock,
    sink: (batch) => events.push(...batch),
    ...(over.intervalMs === undefined ? {} : { intervalMs: over.intervalMs }),
    ...(over.initialStatus === undefined ? {} : { initial: toReplicationSnapshot(replication(over.initialStatus)) }),
    backoff: new Backoff({ baseMs: 2_000, maxMs: 60_000, random: over.random ?? (() => 0.999) }),
  });
  const session = (): SessionEvent[] => events.filter((e): e is SessionEvent => e.kind === 'session');
  const statuses = (): string[] => events.filter((e): e is StatusEvent => e.kind === 'status').map((e) => e.state);
  return { clock, dms, events, poller, session, statuses };
}

describe('ReplicationPoller cadence', () => {
  it('polls at once, then every 15 s while the replication rests', async () => {
    const { clock, dms, poller, statuses } = setup();
    poller.start();
    await settle();
    expect(dms.calls).toHaveLength(1);
    expect(dms.calls[0]?.input.Filters).toEqual([{ Name: 'replication-config-arn', Values: [ARN] }]);
    dms.answer(replication('stopped'));
    await settle();
    expect(statuses()).toEqual(['stopped']);
    await clock.advance(14_999);
    expect(dms.calls).toHaveLength(1);
    await clock.advance(1);
    expect(dms.calls).toHaveLength(2);
  });

  it('polls every 2 s while a start moves through its steps, and during a full load', async () => {
    const { clock, dms, poller, statuses } = setup();
    dms.auto = () => replication('testing_connection');
    poller.start();
    await clock.advance(10_000);
    expect(dms.calls).toHaveLength(6);
    dms.auto = () => replication('running', { ReplicationStats: { FullLoadProgressPercent: 40 } });
    await clock.advance(2_000);
    const before = dms.calls.length;
    await clock.advance(10_000);
    expect(dms.calls.length - before).toBe(5);
    dms.auto = () => replication('running', { ReplicationStats: { FullLoadProgressPercent: 100, FullLoadFinishDate: new Date(1_000_000) } });
    await clock.advance(2_000);
    const cdc = dms.calls.length;
    await clock.advance(30_000);
    expect(dms.calls.length - cdc).toBe(2);
    // The second `running` is the full load finishing.
    expect(statuses()).toEqual(['testing_connection', 'running', 'running']);
  });

  it('keeps --poll whatever the status', async () => {
    const { clock, dms, poller } = setup({ intervalMs: 5_000 });
    dms.auto = () => replication('stopped');
    poller.start();
    await clock.advance(20_000);
    expect(dms.calls).toHaveLength(5);
  });

  it('reports the initial snapshot at once and polls one interval later', async () => {
    const { clock, dms, poller, statuses } = setup({ initialStatus: 'created' });
    dms.auto = () => replication('created');
    poller.start();
    await settle();
    expect(statuses()).toEqual(['created']);
    expect(dms.calls).toHaveLength(0);
    expect(poller.latest?.status).toBe('created');
    await clock.advance(15_000);
    expect(dms.calls).toHaveLength(1);
    expect(statuses()).toEqual(['created']);
  });
});

describe('ReplicationPoller never polls twice at once', () => {
  it('coalesces pollNow during a poll into one poll right after it', async () => {
    const { clock, dms, poller } = setup();
    poller.start();
    await settle();
    poller.pollNow();
    poller.pollNow();
    poller.pollNow();
    await clock.advance(60_000);
    expect(dms.calls).toHaveLength(1);
    dms.answer(replication('stopped'));
    await settle();
    expect(dms.calls).toHaveLength(2);
    dms.answer(replication('stopped'));
    await settle();
    expect(dms.calls).toHaveLength(2);
    expect(dms.waiting).toBe(0);
  });

  it('polls at once on pollNow between polls, and keeps its cadence from there', async () => {
    const { clock, dms, poller } = setup();
    dms.auto = () => replication('stopped');
    poller.start();
    await clock.advance(5_000);
    expect(dms.calls).toHaveLength(1);
    poller.pollNow();
    await settle();
    expect(dms.calls).toHaveLength(2);
    await clock.advance(14_999);
    expect(dms.calls).toHaveLength(2);
    await clock.advance(1);
    expect(dms.calls).toHaveLength(3);
  });

  it('reports status changes and hears every answer', async () => {
    const { clock, dms, poller, statuses } = setup();
    const heard: string[] = [];
    poller.onSnapshot((s) => heard.push(s.status));
    let status = 'running';
    dms.auto = () => replication(status, { ReplicationType: 'cdc' });
    poller.start();
    await clock.advance(15_000);
    status = 'stopping';
    poller.pollNow();
    await clock.advance(2_000);
    expect(statuses()).toEqual(['running', 'stopping']);
    expect(heard).toEqual(['running', 'running', 'stopping', 'stopping']);
  });
});

describe('ReplicationPoller backoff, stale and recovery', () => {
  it('backs off on throttling, says so once, and recovers', async () => {
    const { clock, dms, poller, session, statuses } = setup();
    dms.auto = () => replication('stopped');
    poller.start();
    await settle();
    dms.auto = () => awsError('ThrottlingException');
    await clock.advance(15_000);
    // 15 s cadence, then max(15 s, backoff 2/4/8/16/32 s): 15, 15, 15, 16, 32
    const times: number[] = [];
    const start = clock.now();
    for (let i = 0; i < 5; i++) {
      const before = dms.calls.length;
      const wait = clock.nextIn() ?? 0;
      await clock.advance(wait);
      if (dms.calls.length > before) times.push(clock.now() - start);
    }
    expect(times.length).toBeGreaterThanOrEqual(4);
    const gaps = times.map((t, i) => t - (times[i - 1] ?? 0));
    expect(Math.max(...gaps)).toBeGreaterThan(15_000);
    const throttled = session().filter((e) => e.session.reason === 'throttled');
    expect(throttled).toHaveLength(1);
    expect(throttled[0]?.text).toMatch(/^dms:DescribeReplications is throttled by AWS; retrying with backoff; polling again in 15 s$/);
    expect(throttled[0]?.session.event).toBe('poll');
    dms.auto = () => replication('stopped');
    await clock.advance(70_000);
    const reasons = session().map((e) => e.session.reason);
    expect(reasons).toContain('recovered');
    expect(statuses()).toEqual(['stopped']);
  });

  it('marks the status stale when no good answer came for 3 intervals, and says when it answers again', async () => {
    const { clock, dms, poller, session } = setup();
    dms.auto = () => replication('stopped');
    poller.start();
    await settle();
    dms.auto = undefined; // the next polls hang
    await clock.advance(44_999);
    expect(poller.stale).toBe(false);
    await clock.advance(1);
    expect(poller.stale).toBe(true);
    expect(session().at(-1)?.text).toBe('the status shown is 45 s old (DescribeReplications: no answer yet)');
    dms.answer(replication('stopped'));
    await settle();
    expect(poller.stale).toBe(false);
    expect(session().at(-1)).toMatchObject({ severity: 'info', session: { event: 'poll', reason: 'recovered' } });
  });

  it('reports a denial as an error naming the IAM action, and keeps trying slowly', async () => {
    const { clock, dms, poller, session } = setup();
    dms.auto = () => awsError('AccessDeniedException');
    poller.start();
    await clock.advance(120_000);
    const errors = session().filter((e) => e.session.event === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.session.action).toBe('dms:DescribeReplications');
    expect(errors[0]?.severity).toBe('error');
    expect(dms.calls.length).toBeLessThan(10);
  });

  it('treats an empty answer as a deleted replication', async () => {
    const { dms, poller, session } = setup();
    dms.auto = () => [];
    poller.start();
    await settle();
    expect(session()[0]?.session.reason).toBe('not-found');
  });

  it('reports nothing after stop, and aborts the poll in flight', async () => {
    const { clock, dms, poller, events } = setup();
    poller.start();
    await settle();
    const signal = dms.calls[0]?.signal;
    poller.stop();
    expect(signal?.aborted).toBe(true);
    await clock.advance(600_000);
    expect(events).toEqual([]);
    expect(dms.calls).toHaveLength(1);
    expect(clock.pending()).toBe(0);
  });
});
