import { describe, expect, it } from 'vitest';
import type { DmsEvent, SessionEvent, StatusEvent } from '../../src/events/types.js';
import { Backoff } from '../../src/sources/backoff.js';
import { FleetPoller } from '../../src/sources/fleet-poller.js';
import { ManualClock, driveUntil, sandboxApis } from '../aws/support.js';
import { T0, sandboxFor } from '../sandbox/support.js';

async function fleet(faults: Parameters<typeof sandboxFor>[0] = {}) {
  let pages = 0;
  const sandbox = await sandboxFor({
    scenario: 'fleet',
    autoStart: false,
    onResponse: (r) => {
      if (r.kind === 'output' && r.operation === 'DescribeReplications') pages++;
    },
    ...faults,
  });
  const apis = sandboxApis(sandbox);
  const clock = new ManualClock(T0);
  const events: DmsEvent[] = [];
  let answers = 0;
  const poller = new FleetPoller({
    dms: apis.dms,
    clock,
    sink: (batch) => events.push(...batch),
    pageSize: 20,
    backoff: new Backoff({ baseMs: 2_000, maxMs: 60_000, random: () => 0.5 }),
  });
  poller.onFleet(() => answers++);
  const session = (): SessionEvent[] => events.filter((e): e is SessionEvent => e.kind === 'session');
  const drive = { clock, busy: () => poller.busy, sandbox };
  return { sandbox, poller, clock, events, session, drive, answers: () => answers, pages: () => pages };
}

describe('FleetPoller against the sandbox (real SDK clients)', () => {
  it('lists all 25 replications over two pages, then polls every 15 s while all rest', async () => {
    const { poller, drive, answers, clock, sandbox, pages } = await fleet();
    poller.start();
    await driveUntil(() => poller.latest !== undefined, drive);
    expect(poller.latest).toHaveLength(25);
    expect(pages()).toBe(2);
    expect(new Set(poller.latest?.map((r) => r.configArn)).size).toBe(25);
    expect(poller.callCount).toBe(1);
    expect(poller.intervalMs()).toBe(15_000);
    const statuses = new Set(poller.latest?.map((r) => r.status));
    expect(statuses).toEqual(new Set(['running', 'stopped', 'failed', 'created']));
    await sandbox.advance(15_000);
    await clock.advance(15_000);
    await driveUntil(() => answers() === 2, drive);
    poller.stop();
  });

  it('polls every 2 s while one starts, and reports its changes as status events', async () => {
    const { poller, drive, events, sandbox } = await fleet();
    poller.start();
    await driveUntil(() => poller.latest !== undefined, drive);
    const created = poller.latest?.find((r) => r.status === 'created');
    if (created === undefined) throw new Error('no created replication');
    const apis = sandboxApis(sandbox);
    await apis.dms.startReplication({ ReplicationConfigArn: created.configArn, StartReplicationType: 'start-replication' });
    poller.pollNow();
    await driveUntil(() => poller.latest?.find((r) => r.configArn === created.configArn)?.status !== 'created', drive);
    expect(poller.intervalMs()).toBe(2_000);
    const changes = events.filter((e): e is StatusEvent => e.kind === 'status');
    expect(changes.map((e) => e.snapshot.configArn)).toEqual([created.configArn]);
    poller.stop();
  });

  it('rides out throttling (every 3rd DMS call) with backoff and says so', async () => {
    const { poller, drive, session, answers } = await fleet({ faults: { throttleEvery: 3 } });
    poller.start();
    await driveUntil(() => answers() >= 4, { ...drive, maxSteps: 2000 });
    expect(poller.latest).toHaveLength(25);
    const reasons = session().map((e) => e.session.reason);
    expect(reasons).toContain('throttled');
    expect(reasons).toContain('recovered');
    poller.stop();
  });

  it('rides out 500s for a while, marks the list stale, and recovers', async () => {
    const { poller, drive, session } = await fleet({ faults: { serverErrors: { afterSeconds: 0, forSeconds: 60 } } });
    poller.start();
    await driveUntil(() => poller.latest !== undefined, { ...drive, maxSteps: 2000 });
    const reasons = session().map((e) => e.session.reason);
    expect(reasons[0]).toBe('server-error');
    expect(session()[0]?.text).toMatch(/failed \(InternalFailure, HTTP 500\) on dms:DescribeReplications; retrying; polling again in/);
    expect(reasons).toContain('stale');
    expect(reasons.at(-1)).toBe('recovered');
    expect(poller.stale).toBe(false);
    poller.stop();
  });
});
