import { describe, expect, it } from 'vitest';
import {
  T0,
  keepWriting,
  liveTailHarness,
  runFor,
  sandboxApis,
  sandboxFor,
  settle,
  storedEvents,
  writtenEvents,
} from '../live/support.js';

const DMS_GROUP = 'dms-serverless-replication-EAM3JEHXGBGZBPN5PLON7NPDEE';
const RDS_GROUP = '/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql';

describe('LiveTailSource against the sandbox (real SDK clients)', () => {
  it('rolls over to a new session before the session limit, losing and repeating nothing', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, faults: { maxSessionSeconds: 70 } });
    const writer = keepWriting(sandbox, { group: RDS_GROUP, stream: 'busy', everyMs: 173 });
    const { source, got, settled, logs } = liveTailHarness(sandbox, [RDS_GROUP], { rolloverMs: 60_000 });
    source.start();
    await runFor(sandbox, 200_000, settled);
    writer.stop();
    await runFor(sandbox, 3000, settled);
    expect(got.session('reconnecting').map((e) => [e.session.reason, e.session.retryInMs, e.session.attempt])).toEqual([
      ['rollover', 0, 0],
      ['rollover', 0, 0],
      ['rollover', 0, 0],
    ]);
    expect(logs.calls.startLiveTail).toBe(4);
    expect(storedEvents(got)).toEqual(await writtenEvents(logs, [RDS_GROUP]));
    // 60 s sessions: 1 started minute each (the last one is still open), never a 2nd minute.
    expect(source.billedMinutes).toBe(4);
  });

  it('says when a backfill is filling a gap, so outputs can hold events back until it is done', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, faults: { delayMs: 500 } });
    const { source, settled } = liveTailHarness(sandbox, [RDS_GROUP], { backfillFrom: T0 });
    source.start();
    await settle(() => sandbox.delayedRequests() === 1);
    expect([source.state, source.backfilling]).toEqual(['starting', false]);
    await sandbox.advance(500);
    // Open, and its backfill held back by the sandbox.
    await settle(() => source.state === 'live' && sandbox.delayedRequests() === 1);
    expect(source.backfilling).toBe(true);
    await sandbox.advance(500);
    await settle(settled);
    expect(source.backfilling).toBe(false);
  });

  it('joins the DMS log group when it appears after the first start, backfilling what it holds', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const { source, got, settled, logs } = liveTailHarness(sandbox, [RDS_GROUP], { backfillFrom: T0 });
    source.start();
    await runFor(sandbox, 10_000, settled);
    expect(sandbox.logGroups()).not.toContain(DMS_GROUP);
    const [replication] = sandbox.replications();
    await sandboxApis(sandbox).dms.startReplication({ ReplicationConfigArn: replication?.arn, StartReplicationType: 'start-replication' });
    await runFor(sandbox, 10_000, settled);
    expect(sandbox.logGroups()).toContain(DMS_GROUP);
    source.setGroups([...source.groups, { name: DMS_GROUP, arn: `arn:aws:logs:eu-central-1:123456789012:log-group:${DMS_GROUP}` }]);
    await runFor(sandbox, 340_000, settled);

    expect(got.session('joined').map((e) => e.session.groups)).toEqual([[DMS_GROUP]]);
    expect(got.session('connected').map((e) => e.session.groups)).toEqual([[RDS_GROUP], [RDS_GROUP, DMS_GROUP]]);
    expect(got.session('reconnecting')).toEqual([]);
    const written = await writtenEvents(logs, [RDS_GROUP, DMS_GROUP]);
    expect(written.filter((e) => e.group === DMS_GROUP).length).toBeGreaterThan(20);
    expect(storedEvents(got)).toEqual(written);
  });

  it('backfills a late start from the run start, keeping the newest events per group and reporting the cut', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path' });
    // After the full load (332 s), before CDC starts (336 s), whose replication connection would take the RDS group past the limit too.
    await sandbox.advance(333_000);
    const { source, got, settled, logs } = liveTailHarness(sandbox, [RDS_GROUP, DMS_GROUP], { backfillFrom: T0, backfillLimit: 20 });
    source.start();
    await runFor(sandbox, 2000, settled);
    const written = await writtenEvents(logs, [RDS_GROUP, DMS_GROUP]);
    const perGroup = [RDS_GROUP, DMS_GROUP].map((g) => written.filter((e) => e.group === g));
    expect(perGroup.map((events) => events.length > 20)).toEqual([false, true]);
    const newest = perGroup.flatMap((events) => events.slice(-20)).sort((a, b) => a.time - b.time);
    const [backfilled, ...more] = got.session('backfilled');
    expect(more).toEqual([]);
    expect(backfilled?.session).toMatchObject({ count: newest.length, cut: written.length - newest.length, groups: [RDS_GROUP, DMS_GROUP] });
    expect(backfilled?.text).toMatch(/^backfilled \d+ events of .*; \d+ older ones left out \(the newest 20 per group are kept\)$/);
    expect(storedEvents(got)).toEqual(newest);
  });

  it('closes the session while suspended (no minutes billed) and backfills the gap on resume', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const writer = keepWriting(sandbox, { group: RDS_GROUP, stream: 'busy', everyMs: 500 });
    const { source, got, settled, logs } = liveTailHarness(sandbox, [RDS_GROUP]);
    source.start();
    await runFor(sandbox, 30_000, settled);
    source.suspend('nothing for 60 min and the replication is stopped');
    await settle(settled);
    expect([source.state, sandbox.liveTailSessions(), source.billedMinutes]).toEqual(['suspended', 0, 1]);
    await runFor(sandbox, 600_000, settled, 10_000);
    expect([source.billedMinutes, logs.calls.startLiveTail]).toEqual([1, 1]);
    source.resume('the replication is now starting');
    await runFor(sandbox, 5000, settled);
    writer.stop();
    await runFor(sandbox, 2000, settled);

    expect(source.state).toBe('live');
    expect(got.session().map((e) => e.session.event).filter((e) => e !== 'rate')).toEqual(['connected', 'idle', 'reopened', 'connected', 'backfilled']);
    expect(got.session('idle')[0]?.text).toBe('Live Tail closed to save cost: nothing for 60 min and the replication is stopped');
    expect(got.session('backfilled')[0]?.session.count).toBeGreaterThanOrEqual(1200);
    expect(storedEvents(got)).toEqual(await writtenEvents(logs, [RDS_GROUP]));
  });

  it('explains LimitExceededException and retries every minute until a session slot is free', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, faults: { maxLiveTailSessions: 0 } });
    const { source, got, settled, logs } = liveTailHarness(sandbox, [RDS_GROUP]);
    source.start();
    await runFor(sandbox, 150_000, settled);
    expect(source.state).toBe('reconnecting');
    expect(logs.calls.startLiveTail).toBe(3);
    const [error] = got.session('error');
    expect(error?.session.reason).toBe('LimitExceededException');
    expect(error?.text).toMatch(/^Live Tail cannot open: too many Live Tail sessions are open in this account and region .*; dms-live tries again every 1 min$/);
    expect(got.session('reconnecting').map((e) => e.session.retryInMs)).toEqual([60_000, 60_000, 60_000]);
    sandbox.setFaults({ maxLiveTailSessions: 15 });
    await runFor(sandbox, 60_000, settled);
    expect(source.state).toBe('live');
  });

  it('stops for good on AccessDeniedException for logs:StartLiveTail, saying which permission is missing', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, faults: { denyActions: ['StartLiveTail'] } });
    const { source, got, settled, logs } = liveTailHarness(sandbox, [RDS_GROUP]);
    source.start();
    await runFor(sandbox, 300_000, settled, 10_000);
    expect(source.state).toBe('failed');
    expect(logs.calls.startLiveTail).toBe(1);
    expect(got.session('reconnecting')).toEqual([]);
    const [error] = got.session('error');
    expect(error?.session).toMatchObject({ event: 'error', action: 'logs:StartLiveTail', reason: 'AccessDeniedException' });
    expect(error?.text).toContain('logs:StartLiveTail');
    expect(error?.severity).toBe('error');
  });

  it('says logs:FilterLogEvents is denied and goes on live without backfills', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, faults: { denyActions: ['FilterLogEvents'] } });
    sandbox.putLogEvent({ group: RDS_GROUP, stream: 'early', message: 'before the start' });
    const { source, got, settled, logs } = liveTailHarness(sandbox, [RDS_GROUP], { backfillFrom: T0 });
    source.start();
    await runFor(sandbox, 2000, settled);
    sandbox.putLogEvent({ group: RDS_GROUP, stream: 'late', message: 'live' });
    await runFor(sandbox, 2000, settled);
    expect(source.state).toBe('live');
    expect(got.session('error').map((e) => e.session.action)).toEqual(['logs:FilterLogEvents']);
    expect(got.logEvents().map((e) => e.raw)).toEqual(['live']);
    expect(logs.calls.filterLogEvents).toBe(1);
  });

  it('warns about a log group that does not exist and goes on with the others', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const { source, got, settled } = liveTailHarness(sandbox, [RDS_GROUP, '/aws/rds/instance/gone/postgresql']);
    source.start();
    await runFor(sandbox, 3000, settled);
    expect(source.state).toBe('live');
    const [warning] = got.session('warning');
    expect(warning?.session.groups).toEqual(['/aws/rds/instance/gone/postgresql']);
    expect(warning?.text).toMatch(/^log group \/aws\/rds\/instance\/gone\/postgresql does not exist .*; Live Tail goes on with the other 1 group$/);
    expect(got.session('connected').map((e) => e.session.groups)).toEqual([[RDS_GROUP]]);
    expect(source.groups.map((g) => g.name)).toEqual([RDS_GROUP]);
  });

  it('resolves credentials again for every new session', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, faults: { endAfterSeconds: 5 } });
    let resolved = 0;
    const credentials = (): Promise<{ accessKeyId: string; secretAccessKey: string; expiration: Date }> => {
      resolved++;
      // Expiring within the SDK's 5-minute refresh window, as a short-lived SSO role's credentials do near their end.
      return Promise.resolve({ accessKeyId: 'sandbox', secretAccessKey: 'sandbox', expiration: new Date(Date.now() + 60_000) });
    };
    const { source, settled, logs } = liveTailHarness(sandbox, [RDS_GROUP], {}, { credentials });
    source.start();
    await runFor(sandbox, 40_000, settled);
    expect(logs.calls.startLiveTail).toBeGreaterThanOrEqual(4);
    expect(resolved).toBeGreaterThanOrEqual(logs.calls.startLiveTail);
  });

  it('reports sampling only when it turns on or off, one sink call per update', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const { source, got, settled } = liveTailHarness(sandbox, [RDS_GROUP]);
    source.start();
    await runFor(sandbox, 1000, settled);
    for (let i = 0; i < 50; i++) sandbox.putLogEvent({ group: RDS_GROUP, stream: 's', message: `calm ${String(i)}` });
    await runFor(sandbox, 1000, settled);
    expect(got.batches.filter((b) => b.some((e) => e.kind !== 'session')).map((b) => b.length)).toEqual([50]);
    for (let second = 0; second < 2; second++) {
      for (let i = 0; i < 600; i++) sandbox.putLogEvent({ group: RDS_GROUP, stream: 's', message: `flood ${String(second)} ${String(i)}` });
      await runFor(sandbox, 1000, settled);
    }
    await runFor(sandbox, 3000, settled);
    expect(got.session('sampled').map((e) => e.session.sampled)).toEqual([true, false]);
    expect(got.session('sampled')[0]?.severity).toBe('warning');
  });

  it('reports events per second and billed session minutes once a minute', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    keepWriting(sandbox, { group: RDS_GROUP, stream: 'busy', everyMs: 100 });
    const { source, got, settled } = liveTailHarness(sandbox, [RDS_GROUP]);
    source.start();
    await runFor(sandbox, 125_000, settled);
    const rates = got.session('rate').map((e) => e.session);
    expect(rates.map((r) => r.billedMinutes)).toEqual([1, 2]);
    expect(rates[1]?.eventsPerSecond).toBeCloseTo(10, 0);
    expect(source.eventsPerSecond).toBeCloseTo(10, 0);
    expect(got.session('rate')[1]?.text).toMatch(/^Live Tail: \d+(\.\d)? events\/s, 2 session minutes billed so far$/);
  });

  it('stops cleanly: no session, socket, call or timer left, whether live or waiting to reconnect', async () => {
    for (const faults of [{}, { endAfterSeconds: 2 }]) {
      const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, faults });
      const { source, got, settled, logs, clock } = liveTailHarness(sandbox, [RDS_GROUP]);
      source.start();
      await runFor(sandbox, 2000, settled);
      expect(source.state).toBe('endAfterSeconds' in faults ? 'reconnecting' : 'live');
      await source.stop();
      expect([source.state, clock.pending(), logs.inFlight, logs.openStreams]).toEqual(['stopped', 0, 0, 0]);
      await settle(() => sandbox.liveTailSessions() === 0);
      expect(got.session('closed').map((e) => e.session.billedMinutes)).toEqual([1]);
      await runFor(sandbox, 60_000, settled, 10_000);
      expect(logs.calls.startLiveTail).toBe(1);
    }
  });
});
