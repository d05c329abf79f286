import type { Replication } from '@aws-sdk/client-database-migration-service';
import { describe, expect, it } from 'vitest';
import type { ReplicationSnapshot } from '../../src/events/types.js';
import { diffSnapshots, toReplicationSnapshot } from '../../src/parse/replication.js';

const ARN = 'arn:aws:dms:eu-central-1:831394476016:replication-config:EAM3JEHXGBGZBPN5PLON7NPDEE';
const NOW = Date.UTC(2024, 7, 3, 15, 0, 0);

const RUNNING: Replication = {
  ReplicationConfigIdentifier: 'testdrive-dms-postgresql-dev-dms-serverless',
  ReplicationConfigArn: ARN,
  ReplicationType: 'full-load-and-cdc',
  StartReplicationType: 'start-replication',
  Status: 'running',
  ProvisionData: { ProvisionState: 'provisioned', ProvisionedCapacityUnits: 4 },
  ReplicationStats: {
    FullLoadProgressPercent: 40,
    ElapsedTimeMillis: 120_000,
    TablesLoaded: 2,
    TablesLoading: 1,
    TablesQueued: 2,
    TablesErrored: 0,
    StartDate: new Date(Date.UTC(2024, 7, 3, 14, 44, 0)),
    FullLoadStartDate: new Date(Date.UTC(2024, 7, 3, 14, 45, 0)),
  },
  ReplicationCreateTime: new Date(Date.UTC(2024, 7, 1)),
  ReplicationUpdateTime: new Date(Date.UTC(2024, 7, 3, 14, 40)),
};

const snapshot = (overrides: Partial<Replication> = {}): ReplicationSnapshot => toReplicationSnapshot({ ...RUNNING, ...overrides });
const withStats = (stats: Replication['ReplicationStats']): ReplicationSnapshot =>
  snapshot({ ReplicationStats: { ...RUNNING.ReplicationStats, ...stats } });

describe('toReplicationSnapshot', () => {
  it('maps a full record, dates to epoch ms', () => {
    expect(snapshot()).toStrictEqual({
      configArn: ARN,
      configId: 'testdrive-dms-postgresql-dev-dms-serverless',
      status: 'running',
      failureMessages: [],
      replicationType: 'full-load-and-cdc',
      startReplicationType: 'start-replication',
      provisionState: 'provisioned',
      provisionedCapacityUnits: 4,
      stats: {
        fullLoadProgressPercent: 40,
        elapsedTimeMillis: 120_000,
        tablesLoaded: 2,
        tablesLoading: 1,
        tablesQueued: 2,
        tablesErrored: 0,
        startDate: Date.UTC(2024, 7, 3, 14, 44, 0),
        fullLoadStartDate: Date.UTC(2024, 7, 3, 14, 45, 0),
      },
      createTime: Date.UTC(2024, 7, 1),
      updateTime: Date.UTC(2024, 7, 3, 14, 40),
      startTime: Date.UTC(2024, 7, 3, 14, 44, 0),
    });
  });

  it.each([
    ['MODIFYING', 'modifying'],
    [' Stopped ', 'stopped'],
    ['', 'unknown'],
    [undefined, 'unknown'],
  ])('lower-cases status %j to %j', (status, expected) => {
    expect(snapshot({ Status: status }).status).toBe(expected);
  });

  it('survives an empty record and invalid dates', () => {
    expect(toReplicationSnapshot({})).toStrictEqual({ configArn: '', status: 'unknown', failureMessages: [] });
    expect(snapshot({ ReplicationCreateTime: new Date(Number.NaN) }).createTime).toBeUndefined();
  });

  it('keeps failure messages, dropping empty ones', () => {
    expect(snapshot({ FailureMessages: ['Test connection failed', ''] }).failureMessages).toEqual(['Test connection failed']);
    expect(snapshot({ FailureMessages: [null as unknown as string, 'x'] }).failureMessages).toEqual(['x']);
  });

  it('leaves out empty texts and numbers that are no numbers', () => {
    const odd = snapshot({
      ReplicationConfigIdentifier: '',
      StopReason: '',
      ProvisionData: { ProvisionState: '', ProvisionedCapacityUnits: Number.POSITIVE_INFINITY },
      ReplicationStats: { FullLoadProgressPercent: Number.NaN, TablesLoaded: 3 },
    });
    expect(odd).not.toHaveProperty('configId');
    expect(odd).not.toHaveProperty('stopReason');
    expect(odd).not.toHaveProperty('provisionState');
    expect(odd).not.toHaveProperty('provisionedCapacityUnits');
    expect(odd.stats).toStrictEqual({ tablesLoaded: 3 });
  });
});

describe('diffSnapshots', () => {
  it('reports the first snapshot', () => {
    const event = diffSnapshots(undefined, snapshot(), NOW);
    expect(event).toMatchObject({
      kind: 'status',
      source: 'api',
      time: NOW,
      state: 'running',
      severity: 'info',
      changes: ['status', 'provisionState', 'provisionedCapacityUnits'],
      text: 'status running; provisioning none → provisioned; capacity none → 4 DCU',
    });
    expect(JSON.parse(event?.raw ?? '')).toEqual(snapshot());
  });

  it('stays silent when only progress moved', () => {
    const before = snapshot();
    const after = withStats({ FullLoadProgressPercent: 80, ElapsedTimeMillis: 240_000, TablesLoaded: 4, TablesLoading: 1, TablesQueued: 0 });
    expect(diffSnapshots(before, after, NOW)).toBeUndefined();
    expect(diffSnapshots(before, snapshot({ ReplicationUpdateTime: new Date(NOW) }), NOW)).toBeUndefined();
  });

  it.each<[string, Partial<Replication>, { changes: string[]; severity: string; text: string }]>([
    [
      'a stop',
      { Status: 'stopped', StopReason: 'Stop Reason NORMAL' },
      { changes: ['status', 'stopReason'], severity: 'info', text: 'status running → stopped (Stop Reason NORMAL)' },
    ],
    [
      'a failure',
      { Status: 'failed', StopReason: 'Stop Reason FATAL_ERROR', FailureMessages: ['Test connection failed for endpoint x'] },
      {
        changes: ['status', 'stopReason', 'failureMessages'],
        severity: 'error',
        text: 'status running → failed (Stop Reason FATAL_ERROR); failure: Test connection failed for endpoint x',
      },
    ],
    [
      'a new failure message without a status change',
      { FailureMessages: ['Lost connection to source'] },
      { changes: ['failureMessages'], severity: 'error', text: 'failure: Lost connection to source' },
    ],
    [
      'a capacity change',
      { ProvisionData: { ProvisionState: 'provisioned', ProvisionedCapacityUnits: 8 } },
      { changes: ['provisionedCapacityUnits'], severity: 'info', text: 'capacity 4 → 8 DCU' },
    ],
    [
      'a provisioning change',
      { ProvisionData: { ProvisionState: 'deprovisioning', ProvisionedCapacityUnits: 4 } },
      { changes: ['provisionState'], severity: 'info', text: 'provisioning provisioned → deprovisioning' },
    ],
    [
      'a stop reason alone',
      { StopReason: 'Stop Reason RECOVERABLE_ERROR' },
      { changes: ['stopReason'], severity: 'info', text: 'stop reason none → Stop Reason RECOVERABLE_ERROR' },
    ],
  ])('reports %s', (_name, overrides, expected) => {
    expect(diffSnapshots(snapshot(), snapshot(overrides), NOW)).toMatchObject(expected);
  });

  it('warns when tables start erroring', () => {
    expect(diffSnapshots(snapshot(), withStats({ TablesErrored: 2 }), NOW)).toMatchObject({
      changes: ['tablesErrored'],
      severity: 'warning',
      text: 'tables errored 0 → 2',
    });
  });

  it('reports the full load finishing once', () => {
    const finished = withStats({ FullLoadProgressPercent: 100, FullLoadFinishDate: new Date(NOW) });
    expect(diffSnapshots(snapshot(), finished, NOW)).toMatchObject({ changes: ['fullLoadFinished'], text: 'full load finished' });
    expect(diffSnapshots(finished, finished, NOW + 5000)).toBeUndefined();
  });

  it('reports failure messages going away', () => {
    const failed = snapshot({ Status: 'failed', FailureMessages: ['boom'] });
    const event = diffSnapshots(failed, snapshot({ Status: 'starting' }), NOW);
    expect(event?.changes).toEqual(['status', 'failureMessages']);
    expect(event?.severity).toBe('info');
    expect(event?.text).toBe('status failed → starting; failure messages 1 → 0');
    expect(event).not.toHaveProperty('failureMessage');
  });

  it('lists several new failure messages on one line, and all of them in failureMessage', () => {
    const event = diffSnapshots(snapshot(), snapshot({ FailureMessages: ['first', 'second'] }), NOW);
    expect(event?.text).toBe('failure: first; second');
    expect(event?.failureMessage).toBe('first; second');
  });

  it('reports a stop reason going away with a new status (a restart)', () => {
    const stopped = snapshot({ Status: 'stopped', StopReason: 'Stop Reason NORMAL' });
    expect(diffSnapshots(stopped, snapshot({ Status: 'starting' }), NOW)).toMatchObject({
      changes: ['status', 'stopReason'],
      text: 'status stopped → starting; stop reason Stop Reason NORMAL → none',
    });
  });

  it('reports provisioning data going away', () => {
    expect(diffSnapshots(snapshot(), snapshot({ ProvisionData: undefined }), NOW)).toMatchObject({
      changes: ['provisionState', 'provisionedCapacityUnits'],
      text: 'provisioning provisioned → none; capacity 4 → none DCU',
    });
  });

  it('compares snapshots with and without stats', () => {
    const bare = snapshot({ ReplicationStats: undefined });
    expect(diffSnapshots(bare, withStats({ TablesErrored: 1 }), NOW)).toMatchObject({ changes: ['tablesErrored'], severity: 'warning' });
    expect(diffSnapshots(withStats({ TablesErrored: 1, FullLoadFinishDate: new Date(NOW) }), bare, NOW)).toMatchObject({ changes: ['tablesErrored'], severity: 'info' });
  });

  it('reports fewer errored tables as information, and a new run without a finished load as no finish', () => {
    expect(diffSnapshots(withStats({ TablesErrored: 2 }), withStats({ TablesErrored: 1 }), NOW)).toMatchObject({ changes: ['tablesErrored'], severity: 'info' });
    const finished = withStats({ FullLoadProgressPercent: 100, FullLoadFinishDate: new Date(NOW) });
    expect(diffSnapshots(finished, withStats({ FullLoadProgressPercent: 0 }), NOW)).toBeUndefined();
  });

  it('keeps a failure message that stays, without calling it new', () => {
    const failed = snapshot({ Status: 'failed', FailureMessages: ['boom'] });
    const event = diffSnapshots(failed, snapshot({ Status: 'failed', FailureMessages: ['boom'], StopReason: 'Stop Reason FATAL_ERROR' }), NOW);
    expect(event?.changes).toEqual(['stopReason']);
    expect(event?.failureMessage).toBe('boom');
    expect(event?.severity).toBe('error');
  });

  it('gives the same change the same id, and another time another id', () => {
    const next = snapshot({ Status: 'stopped' });
    expect(diffSnapshots(snapshot(), next, NOW)?.id).toBe(diffSnapshots(snapshot(), next, NOW)?.id);
    expect(diffSnapshots(snapshot(), next, NOW)?.id).not.toBe(diffSnapshots(snapshot(), next, NOW + 1)?.id);
  });

  it('makes the text safe when DMS messages carry control characters, and keeps the failure message and stop reason exact', () => {
    const nasty = 'bad\x1b]52;c;AAAA\x07\nnext';
    const event = diffSnapshots(snapshot(), snapshot({ FailureMessages: [nasty], StopReason: 'why\tnot\u202e' }), NOW);
    expect(event?.text).toBe('stop reason none → why not\\u202e; failure: bad\\x1b]52;c;AAAA\\x07\\nnext');
    expect(event?.failureMessage).toBe(nasty);
    expect(event?.message).toBe('why\tnot\u202e');
  });
});
