import { describe, expect, it } from 'vitest';
import { sandboxFor } from '../live/support.js';
import { startWatch, type Record } from './watch-harness.js';

const DMS_GROUP = 'dms-serverless-replication-EAM3JEHXGBGZBPN5PLON7NPDEE';
const RDS_GROUP = '/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql';
const START_STATES = [
  'initializing',
  'preparing_metadata_resources',
  'testing_connection',
  'fetching_metadata',
  'calculating_capacity',
  'provisioning_capacity',
  'replication_starting',
  'running',
];

const states = (records: readonly Record[]): string[] => records.filter((r) => r.kind === 'state').map((r) => r.state ?? '');
const sessions = (records: readonly Record[], event: string): Record[] => records.filter((r) => r.kind === 'session' && r.session?.event === event);

describe('watch --json against the sandbox (real SDK clients)', () => {
  it('follows a replication from before its first start to CDC: every state once, in time order, and exits 0 at --until cdc', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path' });
    const watch = await startWatch(sandbox, { until: 'cdc' });
    expect(await watch.finish()).toBe(0);
    const records = watch.records();
    // The DMS group did not exist when the watch began: announced, then joined when the start created it.
    expect(sessions(records, 'warning').map((r) => r.text)).toEqual([expect.stringContaining(`${DMS_GROUP} does not exist yet`)]);
    expect(sessions(records, 'joined').length + sessions(records, 'connected').length).toBeGreaterThan(0);
    expect(states(records)).toEqual(START_STATES);
    const connections = records.filter((r) => r.kind === 'connection').map((r) => r.connection?.event);
    expect(connections).toContain('authenticated');
    expect(records.filter((r) => r.kind === 'status').map((r) => r.state)).toContain('running');
    // In time order, and no event twice.
    const times = records.map((r) => Date.parse(r.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    expect(watch.stderr()).toBe('');
  });

  it('exits 1 when a replication fails instead of reaching --until, printing the failure and what to check', async () => {
    const sandbox = await sandboxFor({ scenario: 'test-connection-failure' });
    const watch = await startWatch(sandbox, { until: 'running' });
    expect(await watch.finish()).toBe(1);
    const records = watch.records();
    expect(states(records).at(-1)).toBe('failed');
    expect(records.find((r) => r.kind === 'state' && r.state === 'failed')?.failureMessage).toMatch(/Test connection failed/);
    expect(records.filter((r) => r.connection?.event === 'auth_failed').length).toBeGreaterThan(0);
    const [failure, hint, ...rest] = watch.stderr().split('\n');
    expect(failure).toMatch(/^dms-live: replication testdrive-dms-postgresql-dev-dms-serverless failed: Test connection failed/);
    expect(hint).toMatch(/^dms-live: → PostgreSQL received the connection but refused the login/);
    expect(rest).toEqual(['']);
  });

  it('exits 124 when --timeout passes first, saying where the replication is', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const watch = await startWatch(sandbox, { until: 'running', timeoutMs: 30_000 });
    expect(await watch.finish()).toBe(124);
    expect(watch.stderr()).toBe('dms-live: --timeout passed before the replication was running (it is created)\n');
  });

  it('counts a goal already reached at start, without opening Live Tail', async () => {
    const sandbox = await sandboxFor({
      scenario: { name: 'already-running', replications: [{ id: 'r1', source: 'src', target: 'dst', history: ['start'] }], endpoints: [{ id: 'src', type: 'source', rdsInstance: 'db1' }, { id: 'dst', type: 'target', engine: 's3' }] },
    });
    const watch = await startWatch(sandbox, { until: 'running', ref: 'r1' });
    expect(await watch.finish(1000)).toBe(0);
    expect(watch.records().map((r) => [r.kind, r.state])).toEqual([['status', 'running']]);
    expect(sandbox.liveTailSessions()).toBe(0);
  });

  it('ends with 0 on Ctrl-C without --until, 130 with it, and leaves no session open', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path' });
    const plain = await startWatch(sandbox);
    await plain.advance(30_000);
    expect(sandbox.liveTailSessions()).toBe(1);
    expect(await plain.interrupt()).toBe(0);
    expect(sandbox.liveTailSessions()).toBe(0);
    const waiting = await startWatch(sandbox, { until: 'stopped' });
    await waiting.advance(5_000);
    expect(await waiting.interrupt()).toBe(130);
  });

  it('ends quietly with 0 once its reader goes away (| head), closing Live Tail', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path' });
    const watch = await startWatch(sandbox);
    await watch.advance(30_000);
    watch.closeStdout();
    expect(await watch.finish(120_000)).toBe(0);
    expect(sandbox.liveTailSessions()).toBe(0);
    expect(watch.stderr()).toBe('');
  });

  it('tells how to export a PostgreSQL log that the instance does not export, and watches DMS meanwhile', async () => {
    const sandbox = await sandboxFor({ scenario: 'no-rds-logs' });
    const watch = await startWatch(sandbox, { until: 'running' });
    expect(await watch.finish()).toBe(0);
    const warnings = sessions(watch.records(), 'warning').map((r) => r.text);
    expect(warnings).toContainEqual(
      expect.stringContaining(`${RDS_GROUP} does not exist: the instance testdrive-dms-postgresql-dev-db does not export its postgresql log to CloudWatch; enable it with: aws rds modify-db-instance --db-instance-identifier testdrive-dms-postgresql-dev-db --cloudwatch-logs-export-configuration '{"EnableLogTypes":["postgresql"]}'`),
    );
    expect(states(watch.records())).toEqual(START_STATES);
  });

  it('closes Live Tail when idle and settled, keeps polling, and reopens with a backfill when the replication changes', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path' });
    const watch = await startWatch(sandbox, { tailIdleMs: 60_000 });
    await watch.advance(30 * 60_000);
    expect(sessions(watch.records(), 'idle')).toHaveLength(1);
    expect(sandbox.liveTailSessions()).toBe(0);
    const [replication] = sandbox.replications();
    await watch.apis.dms.stopReplication({ ReplicationConfigArn: replication?.arn });
    await watch.advance(60_000);
    expect(sessions(watch.records(), 'reopened')).toHaveLength(1);
    expect(sandbox.liveTailSessions()).toBe(1);
    // What DMS logged about the stop while the session reopened is there, via the backfill.
    expect(states(watch.records()).slice(-2)).toEqual(['stopping', 'stopped']);
  });
});
