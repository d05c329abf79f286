import { describe, expect, it } from 'vitest';
import type { StepSpec } from '../../src/sandbox/scenarios/spec.js';
import { rejection } from '../sandbox/support.js';
import { harness, messages, oneReplication, PG_GROUP } from './support.js';

/**
 * The DMS state rules the sandbox promises (src/sandbox/scenarios/README.md,
 * "State machine" and "Steps"), each pinned so breaking it fails a test.
 */

const RUNNING_AT_MS = 330_000;
const STOPPED_AFTER_MS = 30_000;

describe('a resume keeps ReplicationStats; a start and a reload reset them', () => {
  it('resume-processing keeps the full load\'s numbers and FreshStartDate, and moves StartDate', async () => {
    const h = await harness(oneReplication());
    await h.start();
    await h.sandbox.advance(RUNNING_AT_MS);
    const ran = (await h.describe()).ReplicationStats;
    expect(ran).toMatchObject({ FullLoadProgressPercent: 100, TablesLoaded: 6, TablesQueued: 0 });
    await h.stop();
    await h.sandbox.advance(STOPPED_AFTER_MS);
    const resumedAt = h.sandbox.now();
    await h.start('resume-processing');
    const resumed = (await h.describe()).ReplicationStats;
    expect(resumed).toMatchObject({
      FullLoadProgressPercent: 100,
      TablesLoaded: 6,
      TablesQueued: 0,
      FreshStartDate: ran?.FreshStartDate,
      FullLoadStartDate: ran?.FullLoadStartDate,
      FullLoadFinishDate: ran?.FullLoadFinishDate,
      StartDate: new Date(resumedAt),
    });
    expect(resumed?.StopDate).toBeUndefined();
  });

  it.each(['start-replication', 'reload-target'])('%s starts the numbers over', async (type) => {
    const h = await harness(oneReplication());
    await h.start();
    await h.sandbox.advance(RUNNING_AT_MS);
    await h.stop();
    await h.sandbox.advance(STOPPED_AFTER_MS);
    const at = h.sandbox.now();
    await h.start(type);
    expect((await h.describe()).ReplicationStats).toMatchObject({
      FullLoadProgressPercent: 0,
      TablesLoaded: 0,
      TablesQueued: 6,
      FreshStartDate: new Date(at),
      StartDate: new Date(at),
    });
  });
});

describe('failed sets FailureMessages and a StopReason only when none is set', () => {
  const failing = (steps: StepSpec[]): StepSpec[] => [{ at: 0, state: 'initializing' }, ...steps, { at: 10, state: 'failed', failureMessage: 'boom for ${configId}' }];

  it('keeps a StopReason a step set earlier', async () => {
    const h = await harness(oneReplication({ onStart: failing([{ at: 5, view: { stopReason: 'Stop Reason RECOVERABLE_ERROR' } }]) }));
    await h.start();
    await h.sandbox.advance(10_000);
    const r = await h.describe();
    expect(r).toMatchObject({ Status: 'failed', StopReason: 'Stop Reason RECOVERABLE_ERROR', FailureMessages: ['boom for r1'] });
    expect(r.ReplicationLastStopTime).toEqual(new Date(h.sandbox.now()));
    expect(r.ReplicationStats?.StopDate).toEqual(new Date(h.sandbox.now()));
  });

  it('sets Stop Reason FATAL_ERROR when none is set', async () => {
    const h = await harness(oneReplication({ onStart: failing([]) }));
    await h.start();
    await h.sandbox.advance(10_000);
    expect(await h.describe()).toMatchObject({ Status: 'failed', StopReason: 'Stop Reason FATAL_ERROR', FailureMessages: ['boom for r1'] });
  });

  it('a new start clears StopReason and FailureMessages', async () => {
    const h = await harness(oneReplication({ onStart: failing([]) }));
    await h.start();
    await h.sandbox.advance(10_000);
    const again = await h.start();
    expect(again?.Status).toBe('initializing');
    expect(again?.StopReason).toBeUndefined();
    expect(again?.FailureMessages).toBeUndefined();
  });
});

describe('StopReplication cancels what is left of the playing script', () => {
  it('a stop during the start: nothing of the start script happens after it, the stop script plays', async () => {
    const h = await harness(oneReplication());
    await h.start();
    await h.sandbox.advance(80_000);
    expect((await h.describe()).Status).toBe('calculating_capacity');
    expect((await h.stop())?.Status).toBe('stopping');
    await h.sandbox.advance(RUNNING_AT_MS);
    expect(await h.states()).toEqual([
      'initializing',
      'preparing_metadata_resources',
      'testing_connection',
      'fetching_metadata',
      'calculating_capacity',
      'stopping',
      'stopped',
    ]);
    const r = await h.describe();
    expect(r).toMatchObject({ Status: 'stopped', StopReason: 'Stop Reason NORMAL' });
    expect(r.ProvisionData).toBeUndefined();
    expect(r.ReplicationStats?.FullLoadStartDate).toBeUndefined();
    const task = messages(await h.events(h.replication.logGroup)).filter((m) => !m.startsWith('{'));
    expect(task.some((m) => m.includes('Unload finished'))).toBe(false);
  });

  it('a stop while running keeps the capacity provisioned (as in AWS) and closes DMS\'s sessions', async () => {
    const h = await harness(oneReplication());
    await h.start();
    await h.sandbox.advance(RUNNING_AT_MS);
    await h.stop();
    await h.sandbox.advance(STOPPED_AFTER_MS);
    expect((await h.describe()).ProvisionData?.ProvisionState).toBe('provisioned');
    const pg = messages(await h.events(PG_GROUP));
    // DMS's CDC stream is a replication connection (`replication connection authorized`): it is closed too.
    const opened = pg.filter((m) => /:LOG: {2}(replication )?connection authorized/.test(m)).length;
    const closed = pg.filter((m) => m.includes(':LOG:  disconnection: session time')).length;
    expect(opened).toBeGreaterThan(2);
    expect(closed).toBe(opened);
  });
});

describe('which calls each status accepts', () => {
  it.each([
    ['initializing', 1_000],
    ['testing_connection', 42_000],
    ['running', RUNNING_AT_MS],
  ])('StartReplication is refused while %s', async (status, after) => {
    const h = await harness(oneReplication());
    await h.start();
    await h.sandbox.advance(after);
    expect((await h.describe()).Status).toBe(status);
    const err = await rejection(h.start());
    expect(err.name).toBe('InvalidResourceStateFault');
    expect((await h.describe()).Status).toBe(status);
  });

  it('StartReplication and StopReplication are refused while stopping; stop is refused once stopped', async () => {
    const h = await harness(oneReplication());
    await h.start();
    await h.sandbox.advance(RUNNING_AT_MS);
    await h.stop();
    expect((await rejection(h.start('resume-processing'))).name).toBe('InvalidResourceStateFault');
    expect((await rejection(h.stop())).name).toBe('InvalidResourceStateFault');
    await h.sandbox.advance(STOPPED_AFTER_MS);
    expect((await rejection(h.stop())).name).toBe('InvalidResourceStateFault');
  });

  it('a failed replication cannot be stopped but can be started again', async () => {
    const h = await harness(oneReplication({ onStart: 'password-failure' }));
    await h.start();
    await h.sandbox.advance(70_000);
    expect((await h.describe()).Status).toBe('failed');
    expect((await rejection(h.stop())).name).toBe('InvalidResourceStateFault');
    expect((await h.start())?.Status).toBe('initializing');
  });
});

describe('what a run and its script do', () => {
  it('the DMS log group appears with the first run', async () => {
    const h = await harness(oneReplication());
    expect(h.sandbox.logGroups()).toEqual([PG_GROUP]);
    await h.start();
    expect(h.sandbox.logGroups()).toContain(h.replication.logGroup);
  });

  it('a cdc replication skips the full load; a full-load one stops after it with FULL_LOAD_ONLY_FINISHED', async () => {
    const cdc = await harness(oneReplication({ type: 'cdc' }));
    await cdc.start();
    await cdc.sandbox.advance(RUNNING_AT_MS);
    const cdcView = await cdc.describe();
    expect(cdcView).toMatchObject({ Status: 'running', RecoveryCheckpoint: '0/1D69018' });
    expect(cdcView.ReplicationStats?.FullLoadStartDate).toBeUndefined();

    const load = await harness(oneReplication({ type: 'full-load' }));
    await load.start();
    await load.sandbox.advance(RUNNING_AT_MS);
    expect(await load.describe()).toMatchObject({ Status: 'stopped', StopReason: 'Stop Reason FULL_LOAD_ONLY_FINISHED', ReplicationStats: { FullLoadProgressPercent: 100 } });
  });

  it('onReload defaults to onStart, onResume to resume, onStop to stop; each may be a script of its own', async () => {
    const h = await harness(oneReplication({
      onStart: [{ at: 0, state: 'running', message: 'custom start' }],
      onResume: [{ at: 0, state: 'running', message: 'custom resume' }],
      onStop: [{ at: 0, state: 'stopped', message: 'custom stop' }],
    }));
    const said = async (): Promise<string | undefined> => messages(await h.events(h.replication.logGroup)).at(-1);
    await h.start();
    expect(await said()).toContain("'message': 'custom start'");
    await h.stop();
    expect(await said()).toContain("'message': 'custom stop'");
    await h.start('reload-target');
    expect(await said()).toContain("'message': 'custom start'");
    await h.stop();
    await h.start('resume-processing');
    expect(await said()).toContain("'message': 'custom resume'");
  });

  it('steps of one time run in file order; placeholders fill, unknown ones stay as written', async () => {
    const h = await harness(oneReplication({
      onStart: [
        { at: 3, orchestrator: 'second ${configId}' },
        { at: 1, orchestrator: 'first ${resourceId} ${nope}' },
        { at: 3, orchestrator: 'third ${sourceEndpoint}/${targetEndpoint}' },
      ],
    }));
    await h.start();
    await h.sandbox.advance(5_000);
    expect(messages(await h.events(h.replication.logGroup))).toEqual([`first ${h.replication.resourceId} \${nope}`, 'second r1', 'third src/dst']);
  });

  it('view changes: provisionState null clears ProvisionData, stopReason null clears StopReason', async () => {
    const h = await harness(oneReplication({
      onStart: [
        { at: 0, view: { status: 'running', provisionState: 'provisioned', capacityUnits: 8, stopReason: 'x' } },
        { at: 1, view: { provisionState: null, stopReason: null, tablesErrored: 2 } },
      ],
    }));
    await h.start();
    const set = await h.describe();
    expect(set.ProvisionData).toMatchObject({ ProvisionState: 'provisioned', ProvisionedCapacityUnits: 8 });
    expect(set.ProvisionData?.DateProvisioned).toEqual(new Date(h.sandbox.now()));
    expect(set.StopReason).toBe('x');
    await h.sandbox.advance(1_000);
    const cleared = await h.describe();
    expect(cleared.ProvisionData).toBeUndefined();
    expect(cleared.StopReason).toBeUndefined();
    expect(cleared.ReplicationStats?.TablesErrored).toBe(2);
  });

  it('an endpoint whose instance exports no logs has no log group, and its lines go nowhere', async () => {
    const h = await harness(oneReplication({}, {}, { exportsLogs: false }));
    await h.start();
    await h.sandbox.advance(RUNNING_AT_MS);
    expect(h.sandbox.logGroups()).toEqual([h.replication.logGroup]);
    expect((await h.describe()).Status).toBe('running');
  });
});
