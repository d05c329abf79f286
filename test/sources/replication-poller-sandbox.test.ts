import { describe, expect, it } from 'vitest';
import type { DmsEvent, SessionEvent, StatusEvent } from '../../src/events/types.js';
import { Backoff } from '../../src/sources/backoff.js';
import { ReplicationPoller } from '../../src/sources/replication-poller.js';
import { ManualClock, driveUntil, sandboxApis } from '../aws/support.js';
import { T0, sandboxFor } from '../sandbox/support.js';

async function watchHappyPath(faults: NonNullable<Parameters<typeof sandboxFor>[0]>['faults'] = {}) {
  const sandbox = await sandboxFor({ scenario: 'happy-path', faults });
  const apis = sandboxApis(sandbox);
  const clock = new ManualClock(T0);
  const events: DmsEvent[] = [];
  const arn = sandbox.replications()[0]?.arn ?? '';
  const poller = new ReplicationPoller({
    dms: apis.dms,
    configArn: arn,
    clock,
    sink: (b) => events.push(...b),
    backoff: new Backoff({ baseMs: 2_000, maxMs: 60_000, random: () => 0.5 }),
  });
  const statuses = (): string[] => events.filter((e): e is StatusEvent => e.kind === 'status').map((e) => e.state);
  const reasons = (): (string | undefined)[] => events.filter((e): e is SessionEvent => e.kind === 'session').map((e) => e.session.reason);
  return { sandbox, poller, clock, statuses, reasons, drive: { clock, sandbox, busy: () => poller.busy } };
}

describe('ReplicationPoller against the sandbox (real SDK clients)', () => {
  it('follows an auto-started replication through its start steps to running', async () => {
    const { poller, statuses, drive } = await watchHappyPath();
    poller.start();
    await driveUntil(() => poller.latest?.status === 'running' && poller.intervalMs() === 15_000, drive);
    // Created is at rest (15 s polls): the auto-start at 20 s and its 6 s of
    // initializing fall between the polls at 15 and 30 s; from there, 2 s polls see every step.
    expect(statuses()).toEqual([
      'created',
      'preparing_metadata_resources',
      'testing_connection',
      'fetching_metadata',
      'calculating_capacity',
      'provisioning_capacity',
      // provisioned capacity
      'provisioning_capacity',
      'replication_starting',
      'running',
      // full load finished
      'running',
    ]);
    poller.stop();
  });

  it('rides out throttling of every 2nd DMS call and sees the same steps', async () => {
    const { poller, statuses, reasons, drive } = await watchHappyPath({ throttleEvery: 2 });
    poller.start();
    await driveUntil(() => poller.latest?.status === 'running' && poller.intervalMs() === 15_000, { ...drive, maxSteps: 2000 });
    expect(statuses()[0]).toBe('created');
    expect(statuses().at(-1)).toBe('running');
    expect(reasons()).toContain('throttled');
    expect(reasons()).toContain('recovered');
    poller.stop();
  });

  it('rides out 500s in the middle of a start and catches up', async () => {
    const { poller, statuses, reasons, drive } = await watchHappyPath({ serverErrors: { afterSeconds: 30, forSeconds: 60 } });
    poller.start();
    await driveUntil(() => poller.latest?.status === 'running' && poller.intervalMs() === 15_000, { ...drive, maxSteps: 2000 });
    expect(reasons()).toEqual(expect.arrayContaining(['server-error', 'stale', 'recovered']));
    expect(statuses().at(-1)).toBe('running');
    expect(poller.stale).toBe(false);
    poller.stop();
  });
});
