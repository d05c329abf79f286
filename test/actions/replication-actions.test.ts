import type { StartReplicationCommandOutput } from '@aws-sdk/client-database-migration-service';
import { describe, expect, it, vi } from 'vitest';
import { ReplicationActions } from '../../src/actions/replication-actions.js';
import type { DmsApi } from '../../src/aws/apis.js';
import type { ActionEvent, DmsEvent, StatusEvent } from '../../src/events/types.js';
import { ManualClock, driveUntil, sandboxApis, settle } from '../aws/support.js';
import { sandboxFor, T0 } from '../sandbox/support.js';
import { ReplicationPoller } from '../../src/sources/replication-poller.js';
import { ARN, replication } from '../sources/fake-dms.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function fakeDms() {
  const starts: ReturnType<typeof deferred<StartReplicationCommandOutput>>[] = [];
  const dms: DmsApi = {
    describeReplications: () => Promise.reject(new Error('unused')),
    describeReplicationConfigs: () => Promise.reject(new Error('unused')),
    describeEndpoints: () => Promise.reject(new Error('unused')),
    startReplication: () => {
      const d = deferred<StartReplicationCommandOutput>();
      starts.push(d);
      return d.promise;
    },
    stopReplication: () => Promise.reject(new Error('unused')),
  };
  return { dms, starts };
}

const actionsOf = (events: DmsEvent[]): ActionEvent[] => events.filter((e): e is ActionEvent => e.kind === 'action');

describe('ReplicationActions (fake DMS)', () => {
  it('makes one call however often a start is asked while it is out, and polls once after', async () => {
    const { dms, starts } = fakeDms();
    const events: DmsEvent[] = [];
    let polls = 0;
    const actions = new ReplicationActions({ dms, configArn: ARN, label: 'orders', clock: new ManualClock(T0), sink: (b) => events.push(...b), poller: { pollNow: () => polls++ } });
    const asked = [actions.start('resume-processing'), actions.start('resume-processing'), actions.start('resume-processing')];
    expect(starts).toHaveLength(1);
    expect(actions.busy).toBe(true);
    starts[0]?.resolve({ Replication: replication('initializing'), $metadata: {} });
    const results = await Promise.all(asked);
    expect(results.every((r) => r === results[0])).toBe(true);
    expect(results[0]).toMatchObject({ outcome: 'succeeded', startType: 'resume-processing', snapshot: { status: 'initializing' } });
    expect(polls).toBe(1);
    expect(actionsOf(events).map((e) => [e.action.outcome, e.text])).toEqual([
      ['requested', 'start (resume-processing) of orders requested'],
      ['succeeded', 'start (resume-processing) of orders accepted: status initializing'],
    ]);
  });

  it('refuses a different action while one is out, without a call', async () => {
    const { dms, starts } = fakeDms();
    const events: DmsEvent[] = [];
    const actions = new ReplicationActions({ dms, configArn: ARN, clock: new ManualClock(T0), sink: (b) => events.push(...b) });
    const first = actions.start('start-replication');
    const second = await actions.start('reload-target');
    expect(second).toMatchObject({ outcome: 'failed', error: { message: 'start refused: another action (start start-replication) is still in progress' } });
    expect(starts).toHaveLength(1);
    starts[0]?.reject(Object.assign(new Error('Replication is in running state.'), { name: 'InvalidResourceStateFault' }));
    expect(await first).toMatchObject({ outcome: 'failed', error: { kind: 'invalid-state', message: 'start refused: refused in its current state: Replication is in running state.' } });
    expect(actionsOf(events).at(-1)?.severity).toBe('error');
  });
});

describe('ReplicationActions against the sandbox (real SDK clients)', () => {
  async function setup(faults = {}, maxAttempts = 1) {
    let startCalls = 0;
    let stopCalls = 0;
    const sandbox = await sandboxFor({
      scenario: 'happy-path',
      autoStart: false,
      faults,
      onResponse: (r) => {
        if (r.operation === 'StartReplication') startCalls++;
        if (r.operation === 'StopReplication') stopCalls++;
      },
    });
    const apis = sandboxApis(sandbox, { maxAttempts });
    const [r] = sandbox.replications();
    if (r === undefined) throw new Error('no replication');
    const clock = new ManualClock(T0);
    const events: DmsEvent[] = [];
    const sink = (b: readonly DmsEvent[]): void => {
      events.push(...b);
    };
    const poller = new ReplicationPoller({ dms: apis.dms, configArn: r.arn, clock, sink });
    const actions = new ReplicationActions({ dms: apis.dms, configArn: r.arn, label: r.id, clock, sink, poller });
    return { sandbox, poller, actions, events, clock, calls: () => ({ start: startCalls, stop: stopCalls }) };
  }

  it('starts with one StartReplication for ten requests, and the poll right after shows it', async () => {
    const { actions, calls, poller, events } = await setup();
    const results = await Promise.all(Array.from({ length: 10 }, () => actions.start('start-replication')));
    expect(calls().start).toBe(1);
    expect(results[0]).toMatchObject({ outcome: 'succeeded', snapshot: { status: 'initializing' } });
    await vi.waitFor(() => {
      expect(poller.latest?.status).toBe('initializing');
    });
    expect(events.filter((e): e is StatusEvent => e.kind === 'status').map((e) => e.state)).toEqual(['initializing']);
  });

  it('stops a running replication once; a second stop is refused by DMS with a one-line error', async () => {
    const { actions, calls, sandbox, poller, clock } = await setup();
    await actions.start('start-replication');
    await sandbox.advance(400_000);
    expect(sandbox.replications()[0]?.status).toBe('running');
    const stopped = await actions.stop();
    expect(stopped).toMatchObject({ outcome: 'succeeded', snapshot: { status: 'stopping' } });
    await sandbox.advance(30_000);
    await driveUntil(() => poller.latest?.status === 'stopped', { clock, busy: () => poller.busy });
    const again = await actions.stop();
    expect(again.outcome).toBe('failed');
    expect(again.outcome === 'failed' && again.error.message).toMatch(/^stop refused: refused in its current state: Replication arn:aws:dms:.* is in stopped state\. Only a running or starting replication can be stopped\.$/);
    expect(calls().stop).toBe(2);
  });

  it('names the IAM action when StartReplication is denied', async () => {
    const { actions, events } = await setup({ denyActions: ['StartReplication'] });
    const result = await actions.start('start-replication');
    expect(result.outcome === 'failed' && result.error).toMatchObject({ kind: 'access-denied', action: 'dms:StartReplication' });
    expect(actionsOf(events).at(-1)?.text).toBe('start refused: access denied: your IAM identity may not call dms:StartReplication; ask for that permission (profile default)');
  });

  it('does not resend a start the server failed, though reads are retried (one attempt for actions)', async () => {
    const { actions, calls } = await setup({ serverErrors: { afterSeconds: 0, forSeconds: 10 } }, 3);
    const result = await actions.start('start-replication');
    expect(result).toMatchObject({ outcome: 'failed', error: { kind: 'server-error' } });
    expect(calls().start).toBe(1);
    await settle();
  });
});
