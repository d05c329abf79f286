import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeEndpointsCommand, DescribeReplicationConfigsCommand } from '@aws-sdk/client-database-migration-service';
import { describe, expect, it } from 'vitest';
import { FLOOD_TICK_MS, FloodWriter } from '../../src/sandbox/player/flood.js';
import { expandFullLoad } from '../../src/sandbox/player/full-load.js';
import { PostgresInstance } from '../../src/sandbox/player/postgres-instance.js';
import type { Later } from '../../src/sandbox/player/postgres-instance.js';
import { SeededRandom } from '../../src/sandbox/random.js';
import type { StepSpec, TableSpec } from '../../src/sandbox/scenarios/spec.js';
import { LogStore } from '../../src/sandbox/world/log-store.js';
import { T0 } from '../sandbox/support.js';
import { harness, messages, oneReplication, PG_GROUP } from './support.js';

/**
 * What the scenario player writes, as src/sandbox/scenarios/README.md
 * documents it: the full load's lines and numbers, the PostgreSQL
 * connection outcomes, the flood's rate, and each kind of step.
 */

describe('fullLoad: tables in up to 8 parallel subtasks, numbers by rows', () => {
  const tables = (rows: readonly number[]): TableSpec[] => rows.map((r, i) => ({ schema: 'public', name: `t${String(i)}`, rows: r }));
  const views = (steps: readonly StepSpec[]) => steps.map((s) => s.view);

  it('no table: the load is finished at once', () => {
    expect(expandFullLoad([], 10, 60)).toEqual([{ at: 10, view: { fullLoadProgressPercent: 100, fullLoadFinished: true } }]);
  });

  it('two tables: each starts, finishes in time proportional to its rows, and the percent counts rows', () => {
    const steps = expandFullLoad(tables([100, 300]), 10, 30);
    expect(steps.map((s) => s.at)).toEqual([10, 10, 20, 40, 40]);
    expect(views(steps)).toEqual([
      { tablesQueued: 1, tablesLoading: 1, tablesLoaded: 0, fullLoadProgressPercent: 0 },
      { tablesQueued: 0, tablesLoading: 2, tablesLoaded: 0, fullLoadProgressPercent: 0 },
      { tablesQueued: 0, tablesLoading: 1, tablesLoaded: 1, fullLoadProgressPercent: 25 },
      { tablesQueued: 0, tablesLoading: 0, tablesLoaded: 2, fullLoadProgressPercent: 100 },
      { fullLoadProgressPercent: 100, fullLoadFinished: true },
    ]);
    const task = steps.flatMap((s) => s.task ?? []).map((t) => (typeof t === 'string' ? t : `${t.component} ${t.text} (${t.source ?? ''})`));
    expect(task).toEqual([
      "TASK_MANAGER Start loading table 'public'.'t0' (Id = 1) by subtask 1. Start load timestamp 00061CD06F9B0001 (replicationtask_util.c:755)",
      "TASK_MANAGER Start loading table 'public'.'t1' (Id = 2) by subtask 2. Start load timestamp 00061CD06F9B0002 (replicationtask_util.c:755)",
      "SOURCE_UNLOAD Unload finished for table 'public'.'t0' (Id = 1). 100 rows sent. (streamcomponent.c:3543)",
      "TARGET_LOAD Load finished for table 'public'.'t0' (Id = 1). 100 rows received. 0 rows skipped. Volume transfered 41200. (streamcomponent.c:3833)",
      "TASK_MANAGER Loading finished for table 'public'.'t0' (Id = 1) by subtask 1. 100 records transferred. (replicationtask.c:3012)",
      "SOURCE_UNLOAD Unload finished for table 'public'.'t1' (Id = 2). 300 rows sent. (streamcomponent.c:3543)",
      "TARGET_LOAD Load finished for table 'public'.'t1' (Id = 2). 300 rows received. 0 rows skipped. Volume transfered 123600. (streamcomponent.c:3833)",
      "TASK_MANAGER Loading finished for table 'public'.'t1' (Id = 2) by subtask 2. 300 records transferred. (replicationtask.c:3012)",
      'TASK_MANAGER All 2 tables are loaded. Full load completed. (replicationtask.c:3102)',
    ]);
  });

  it('ten tables share 8 subtasks: the ninth waits for the first free one', () => {
    const steps = expandFullLoad(tables([10, 10, 10, 10, 10, 10, 10, 10, 5, 5]), 0, 20);
    const starts = steps.flatMap((s) => (s.task ?? []).flatMap((t) => (typeof t !== 'string' && t.text.startsWith('Start loading') ? [[s.at, /subtask (\d+)/.exec(t.text)?.[1]]] : [])));
    expect(starts.slice(0, 8).every(([at]) => at === 0)).toBe(true);
    // The longest lanes hold 15 rows in 20 s: the first ten rows end at 13.333 s.
    expect(starts.slice(8)).toEqual([[13.333, '1'], [13.333, '2']]);
    expect(steps.at(-2)?.view).toMatchObject({ tablesLoaded: 10, tablesLoading: 0, tablesQueued: 0, fullLoadProgressPercent: 100 });
  });

  it('tables without rows still load, and count by number', () => {
    const steps = expandFullLoad(tables([0, 0]), 0, 10);
    expect(views(steps).map((v) => v?.fullLoadProgressPercent)).toEqual([0, 0, 50, 100, 100]);
  });
});

describe('the flood: exactly --rate lines a second, in the shape of a busy instance\'s log', () => {
  const flood = (rate: number, seconds: number): { counts: number[]; lines: string[] } => {
    const logs = new LogStore('eu-central-1', '123456789012');
    const instance = new PostgresInstance('db1', logs, new SeededRandom('x'));
    logs.createGroup(instance.logGroup, 0);
    const writer = new FloodWriter(instance, new SeededRandom('y'));
    const counts: number[] = [];
    for (let t = 0; t < (seconds * 1000) / FLOOD_TICK_MS; t++) counts.push(writer.tick(T0 + t * FLOOD_TICK_MS, rate));
    return { counts, lines: logs.group(instance.logGroup)?.events.map((e) => e.message) ?? [] };
  };

  it.each([
    [15, 1, 15],
    [5, 2, 10],
    [1000, 1, 1000],
    [0.5, 4, 2],
  ])('%s a second for %s s is %s lines, spread over the ticks', (rate, seconds, total) => {
    const { counts, lines } = flood(rate, seconds);
    expect(lines).toHaveLength(total);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('cycles sessions: received, authenticated, authorized, statements, a duplicate key ERROR with its DETAIL, disconnection', () => {
    const { lines } = flood(100, 0.2);
    const kinds = lines.map((l) => /\]:([A-Z]+): {2}(connection \w+|duration|duplicate key|Key|disconnection)/.exec(l)?.slice(1).join(' '));
    expect(kinds.slice(0, 10)).toEqual([
      'LOG connection received',
      'LOG connection authenticated',
      'LOG connection authorized',
      'LOG duration',
      'LOG duration',
      'LOG duration',
      'LOG duration',
      'ERROR duplicate key',
      'DETAIL Key',
      'LOG disconnection',
    ]);
    expect(lines[10]).toMatch(/connection received/);
    const pid = (l: string | undefined) => /:\[(\d+)\]:/.exec(l ?? '')?.[1];
    expect(new Set(lines.slice(0, 10).map(pid)).size).toBe(1);
    expect(pid(lines[10])).not.toBe(pid(lines[0]));
    expect(lines[1]).toMatch(/UTC:10\.1\.\d+\.\d+\(\d+\):app@orders:\[\d+\]:LOG: {2}connection authenticated/);
  });
});

describe('PostgreSQL connection outcomes, as RDS logs them', () => {
  const connect = (outcome: 'success' | 'password' | 'no-role' | 'no-hba' | 'no-database', more: { ssl?: boolean; replication?: boolean; keepOpen?: boolean } = {}) => {
    const logs = new LogStore('eu-central-1', '123456789012');
    const instance = new PostgresInstance('db1', logs, new SeededRandom('pg'));
    logs.createGroup(instance.logGroup, 0);
    const later: Later = (delay, fn) => {
      fn(T0 + delay);
    };
    const open = instance.connect(T0, { host: '10.0.0.5', user: 'dms', database: 'orders', outcome, ssl: more.ssl ?? true, replication: more.replication ?? false, sessionMs: 1500, keepOpen: more.keepOpen ?? false }, later);
    const lines = logs.group(instance.logGroup)?.events.map((e) => e.message.replace(/^.*?:\[\d+\]:/, '')) ?? [];
    return { lines, open, instance, logs };
  };

  it.each([
    ['success', {}, ['LOG:  connection received', 'LOG:  connection authenticated: identity="dms" method=md5', 'LOG:  connection authorized: user=dms database=orders SSL enabled', 'LOG:  disconnection: session time: 0:00:01.500 user=dms database=orders host=10.0.0.5']],
    ['success', { ssl: false }, ['LOG:  connection received', 'LOG:  connection authenticated', 'LOG:  connection authorized: user=dms database=orders', 'LOG:  disconnection']],
    ['success', { replication: true }, ['LOG:  connection received', 'LOG:  connection authenticated', 'LOG:  replication connection authorized: user=dms SSL enabled', 'LOG:  disconnection: session time: 0:00:01.500 user=dms database= host=']],
    ['password', {}, ['LOG:  connection received', 'FATAL:  password authentication failed for user "dms"', 'DETAIL:  Password does not match for user "dms".\n\tConnection matched pg_hba.conf line 13']],
    ['no-role', {}, ['LOG:  connection received', 'FATAL:  password authentication failed for user "dms"', 'DETAIL:  Role "dms" does not exist.']],
    ['no-hba', {}, ['LOG:  connection received', 'FATAL:  no pg_hba.conf entry for host "10.0.0.5", user "dms", database "orders", SSL encryption']],
    ['no-hba', { ssl: false }, ['LOG:  connection received', 'FATAL:  no pg_hba.conf entry for host "10.0.0.5", user "dms", database "orders", no encryption']],
    ['no-database', {}, ['LOG:  connection received', 'LOG:  connection authenticated', 'LOG:  connection authorized', 'FATAL:  database "orders" does not exist']],
  ] as const)('%s %j', (outcome, more, starts) => {
    const { lines, open } = connect(outcome, more);
    expect(lines).toHaveLength(starts.length);
    lines.forEach((line, i) => {
      expect(line.startsWith(starts[i] ?? '?'), `${line} starts with ${starts[i] ?? '?'}`).toBe(true);
    });
    expect(open).toBeUndefined();
  });

  it('keepOpen leaves the session open until it is disconnected, with its session time', () => {
    const { lines, open, instance, logs } = connect('success', { keepOpen: true });
    expect(lines.map((l) => l.slice(0, 30))).toHaveLength(3);
    expect(open).toBeDefined();
    if (open !== undefined) instance.disconnect(open, T0 + 65_000);
    expect(logs.group(instance.logGroup)?.events.at(-1)?.message).toMatch(/:dms@orders:\[\d+\]:LOG: {2}disconnection: session time: 0:01:05\.000 user=dms database=orders host=10\.0\.0\.5 port=\d+$/);
  });
});

describe('script steps, as a scenario file writes them', () => {
  it('task lines: a plain string after a timestamp, a structured one with its component padded; none without task logging', async () => {
    const onStart: StepSpec[] = [{ at: 0, task: ['plain text for ${configId}', { component: 'SORTER', level: 'W', text: 'careful', source: 'sorter.c:1' }, { component: 'COMMON', text: 'no source' }] }];
    const h = await harness(oneReplication({ onStart }));
    await h.start();
    const task = messages(await h.events(h.replication.logGroup));
    expect(task).toEqual(['2024-05-01T07:16:00 plain text for r1', '2024-05-01T07:16:00 [SORTER          ]W:  careful  (sorter.c:1)', '2024-05-01T07:16:00 [COMMON          ]I:  no source']);
  });

  it('view changes: the numbers, the dates and the CDC position DescribeReplications shows', async () => {
    const onStart: StepSpec[] = [
      { at: 0, state: 'running', view: { fullLoadStarted: true, tablesQueued: 3, tablesLoading: 2, tablesLoaded: 1, fullLoadProgressPercent: 42, failureMessages: ['a', 'b'], cdcPosition: '0/ABC' } },
      { at: 5, view: { fullLoadFinished: true, capacityUnits: 8 } },
    ];
    const h = await harness(oneReplication({ onStart }));
    await h.start();
    const first = await h.describe();
    expect(first).toMatchObject({ FailureMessages: ['a', 'b'], RecoveryCheckpoint: '0/ABC', ReplicationStats: { TablesQueued: 3, TablesLoading: 2, TablesLoaded: 1, FullLoadProgressPercent: 42, FullLoadStartDate: new Date(T0) } });
    await h.sandbox.advance(5_000);
    const second = await h.describe();
    expect(second.ReplicationStats).toMatchObject({ FullLoadProgressPercent: 100, FullLoadFinishDate: new Date(T0 + 5_000) });
    expect(second.ProvisionData).toMatchObject({ ProvisionState: 'provisioning', ProvisionedCapacityUnits: 8 });
    expect(second.ProvisionData?.DateProvisioned).toBeUndefined();
  });

  it('a stopped or failed view sets the stop dates and ends the loading; its own status too', async () => {
    const onStart: StepSpec[] = [{ at: 0, state: 'running', view: { tablesLoading: 3 } }, { at: 7, view: { status: 'stopped' } }];
    const h = await harness(oneReplication({ onStart }));
    await h.start();
    await h.sandbox.advance(7_000);
    const r = await h.describe();
    expect(r).toMatchObject({ Status: 'stopped', ReplicationLastStopTime: new Date(T0 + 7_000), ReplicationStats: { TablesLoading: 0, StopDate: new Date(T0 + 7_000) } });
  });

  it('PostgreSQL lines: from the newest open DMS session, or a background process; disconnectAll closes every open session', async () => {
    const onStart: StepSpec[] = [
      { at: 0, postgres: [{ connect: { keepOpen: true, user: '${username}x' } }, { connect: { keepOpen: true } }] },
      { at: 1, postgres: [{ line: 'from the session', level: 'WARNING' }, { line: 'from the background', background: true }] },
      { at: 2, postgres: { disconnectAll: true } as unknown as StepSpec['postgres'] },
    ];
    const h = await harness(oneReplication({ onStart }, {}, { username: 'dms' }));
    await h.start();
    await h.sandbox.advance(3_000);
    const pg = messages(await h.events(PG_GROUP));
    const pid = (l: string | undefined) => /:\[(\d+)\]:/.exec(l ?? '')?.[1];
    const authorized = pg.filter((l) => l.includes('connection authorized'));
    expect(authorized.map((l) => /user=(\w+)/.exec(l)?.[1])).toEqual(['dmsx', 'dms']);
    const session = pg.find((l) => l.endsWith('from the session'));
    expect(session).toMatch(/:dms@postgres:\[\d+\]:WARNING: {2}from the session$/);
    expect(pid(session)).toBe(pid(authorized[1]));
    expect(pg.find((l) => l.endsWith('from the background'))).toMatch(/ UTC::@:\[\d+\]:LOG: {2}from the background$/);
    const closed = pg.filter((l) => l.includes('disconnection: session time'));
    expect(closed.map(pid)).toEqual(authorized.map(pid));
    expect(closed[0]).toMatch(/session time: 0:00:02\.000 /);
  });

  it('placeholders fill in every text field: orchestrator lines, messages, failure messages, PostgreSQL and task lines', async () => {
    const onStart: StepSpec[] = [
      { at: 0, state: 'failed', message: 'msg ${configId}', failureMessage: 'fm ${sourceEndpoint}', orchestrator: 'raw ${targetEndpoint} ${capacity}', postgres: [{ line: '${database}@${instance}', background: true }], task: ['${resourceId}'] },
    ];
    const h = await harness(oneReplication({ onStart }));
    await h.start();
    const dms = messages(await h.events(h.replication.logGroup));
    expect(dms).toContain("{'replication_state':'failed', 'message': 'msg r1', 'failure_message': 'fm src'}");
    expect(dms).toContain('raw dst 4');
    expect(dms.some((m) => m.endsWith(` ${h.replication.resourceId}`))).toBe(true);
    expect(messages(await h.events(PG_GROUP)).some((m) => m.endsWith(':LOG:  postgres@db1'))).toBe(true);
  });
});

describe('histories', () => {
  it('[start, stop, resume] ends running in CDC, an hour between phases, the config older than the first run', async () => {
    const h = await harness(oneReplication({ history: ['start', 'stop', 'resume'], historyEndedSecondsAgo: 60 }));
    const r = await h.describe();
    expect(r).toMatchObject({ Status: 'running', StartReplicationType: 'resume-processing', RecoveryCheckpoint: '0/1D69018' });
    expect(r.StopReason).toBeUndefined();
    const states = await h.states();
    expect(states.filter((s) => s === 'running')).toHaveLength(2);
    expect(states.at(-1)).toBe('running');
    const created = r.ReplicationCreateTime?.getTime() ?? 0;
    expect(created).toBeLessThan(r.ReplicationStats?.FreshStartDate?.getTime() ?? 0);
    expect(r.ReplicationStats?.StartDate).toEqual(new Date(T0 - 60_000 - 20_000));
    const times = (await h.events(h.replication.logGroup)).map((e) => e.timestamp ?? 0);
    expect(Math.max(...times)).toBe(T0 - 60_000);
  });

  it('a reload in a history starts the numbers over, as a live one does', async () => {
    const h = await harness(oneReplication({ history: ['start', 'stop', 'reload'] }));
    const r = await h.describe();
    expect(r).toMatchObject({ Status: 'running', StartReplicationType: 'reload-target', ReplicationStats: { TablesLoaded: 6, FullLoadProgressPercent: 100 } });
  });
});

describe('what the scenario\'s endpoints and replications become', () => {
  it('endpoints: PostgreSQL defaults, an RDS host name, SSL required; a target without them; a server name without RDS', async () => {
    const h = await harness({
      name: 'endpoints',
      endpoints: [
        { id: 'src', type: 'source', rdsInstance: 'db1' },
        { id: 'plain', type: 'source', serverName: 'pg.example.com', port: 6432, database: 'orders', username: 'dms' },
        { id: 'dst', type: 'target', engine: 's3' },
      ],
      replications: [{ id: 'r1', source: 'src', target: 'dst' }],
    });
    const out = await h.dms.send(new DescribeEndpointsCommand({}));
    const byId = new Map((out.Endpoints ?? []).map((e) => [e.EndpointIdentifier, e]));
    expect(byId.get('src')).toMatchObject({ EndpointType: 'SOURCE', EngineName: 'postgres', Port: 5432, DatabaseName: 'postgres', Username: 'postgres', SslMode: 'require' });
    expect(byId.get('src')?.ServerName).toMatch(/^db1\.[a-z0-9]{12}\.eu-central-1\.rds\.amazonaws\.com$/);
    expect(byId.get('plain')).toMatchObject({ ServerName: 'pg.example.com', Port: 6432, DatabaseName: 'orders', Username: 'dms', SslMode: 'require' });
    const target = byId.get('dst');
    expect(target).toMatchObject({ EndpointType: 'TARGET', EngineName: 's3', SslMode: 'none' });
    expect([target?.Port, target?.DatabaseName, target?.Username, target?.ServerName]).toEqual([undefined, undefined, undefined, undefined]);
    expect(h.sandbox.logGroups()).toEqual([PG_GROUP]);
    const groups = await h.logs.send(new DescribeLogGroupsCommand({}));
    expect(groups.logGroups?.[0]?.creationTime).toBe(T0 - 90 * 24 * 3_600_000);
  });

  it('log groups: an Aurora PostgreSQL instance exports one, a MySQL one does not; two endpoints on one instance share its log and checkpoints', async () => {
    const h = await harness({
      name: 'instances',
      endpoints: [
        { id: 'a', type: 'source', rdsInstance: 'db1' },
        { id: 'b', type: 'source', rdsInstance: 'db1', database: 'other' },
        { id: 'c', type: 'source', rdsInstance: 'aurora1', engine: 'aurora-postgresql' },
        { id: 'd', type: 'source', rdsInstance: 'mysql1', engine: 'mysql' },
        { id: 'dst', type: 'target', engine: 's3' },
      ],
      replications: [{ id: 'r1', source: 'a', target: 'dst' }],
    });
    expect(h.sandbox.logGroups()).toEqual(['/aws/rds/instance/aurora1/postgresql', PG_GROUP]);
    await h.sandbox.advance(300_000);
    expect(messages(await h.events(PG_GROUP)).filter((m) => m.endsWith('checkpoint starting: time'))).toHaveLength(1);
  });

  it('replication configs: capacity defaults 1 to 16 DCU, 4 provisioned; single-AZ; every public table selected', async () => {
    const h = await harness(oneReplication());
    const config = (await h.dms.send(new DescribeReplicationConfigsCommand({}))).ReplicationConfigs?.[0];
    expect(config?.ComputeConfig).toMatchObject({ MinCapacityUnits: 1, MaxCapacityUnits: 16, MultiAZ: false });
    expect(JSON.parse(config?.TableMappings ?? '{}')).toEqual({
      rules: [{ 'rule-type': 'selection', 'rule-id': '1', 'rule-name': '1', 'object-locator': { 'schema-name': 'public', 'table-name': '%' }, 'rule-action': 'include' }],
    });
    await h.start();
    await h.sandbox.advance(100_000);
    expect((await h.describe()).ProvisionData?.ProvisionedCapacityUnits).toBe(4);
    const capped = await harness(oneReplication({ capacity: { min: 2, max: 3 } }));
    await capped.start();
    await capped.sandbox.advance(100_000);
    expect((await capped.describe()).ProvisionData?.ProvisionedCapacityUnits).toBe(3);
  });

  it('the task stream is named after a lower-case id; the slot placeholder is a PostgreSQL slot name', async () => {
    const h = await harness(oneReplication({ onStart: [{ at: 0, task: ['${slot}'] }] }));
    await h.start();
    const [event] = await h.events(h.replication.logGroup);
    expect(event?.logStreamName).toMatch(/^dms-serverless-serv-res-id-[a-z0-9]{26}$/);
    expect(event?.message).toMatch(/ [a-z]{16}_000\d{5}_[0-9a-f]{8}$/);
  });

  it('an auto-start that finds the replication started already does nothing, without an error', async () => {
    const h = await harness(oneReplication({ autoStartAfterSeconds: 10 }), { autoStart: true });
    await h.start();
    await h.sandbox.advance(20_000);
    expect(await h.states()).toEqual(['initializing', 'preparing_metadata_resources']);
  });
});
