import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeReplicationsCommand, StartReplicationCommand } from '@aws-sdk/client-database-migration-service';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_IN_SCENARIO_NAMES } from '../../src/sandbox/index.js';
import { builtInScenario } from '../../src/sandbox/scenarios/builtins.js';
import { loadScenario } from '../../src/sandbox/scenarios/load-scenario.js';
import { readScenario } from '../../src/sandbox/scenarios/read-scenario.js';
import { dmsClient, logsClient, sandboxFor } from './support.js';

const RDS_GROUP = '/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql';

async function messages(client: CloudWatchLogsClient, group: string, stream?: string): Promise<string[]> {
  const out = await client.send(new FilterLogEventsCommand({ logGroupName: group, ...(stream === undefined ? {} : { logStreamNames: [stream] }) }));
  return (out.events ?? []).map((e) => e.message ?? '');
}

describe('the built-in scenarios', () => {
  it.each(BUILT_IN_SCENARIO_NAMES)('%s is a valid scenario', (name) => {
    const spec = builtInScenario(name);
    expect(readScenario(spec)).toEqual(spec);
  });

  it('test-connection-failure: PostgreSQL refuses the password, the orchestrator fails with the nested-quote message', async () => {
    const sandbox = await sandboxFor({ scenario: 'test-connection-failure' });
    const logs = logsClient(sandbox);
    const [r] = sandbox.replications();
    await sandbox.advance(20_000 + 70_000);
    const orchestrator = await messages(logs, r?.logGroup ?? '', `dms-serverless-replication-orchestrator-${r?.resourceId ?? ''}`);
    // Verbatim from a real replication's log (test/fixtures/replay/seed-walkthrough.txt).
    expect(orchestrator[orchestrator.length - 1]).toBe(
      "{'replication_state':'failed', 'message': 'Test connection failed for endpoint testdrive-dms-postgresql-dev-endpoint-source.', 'failure_message': 'Test connection failed for endpoint 'testdrive-dms-postgresql-dev-endpoint-source' and replication config 'testdrive-dms-postgresql-dev-dms-serverless'. Failure Message: 'Error Details: [message=Unknown exception while calling 'Test endpoint' API, errType=, status=0, errMessage=, errDetails=]''}",
    );
    const pg = (await messages(logs, RDS_GROUP)).filter((m) => /UTC:10\./.test(m));
    expect(pg[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC:(10\.[\d.]+)\((\d+)\):\[unknown\]@\[unknown\]:\[\d+\]:LOG: {2}connection received: host=\1 port=\2$/);
    expect(pg[1]).toMatch(/:dynapipe@postgres:\[\d+\]:FATAL: {2}password authentication failed for user "dynapipe"$/);
    expect(pg[2]).toMatch(/:DETAIL: {2}Password does not match for user "dynapipe"\.\n\tConnection matched pg_hba\.conf line 13: /);
    const described = (await dmsClient(sandbox).send(new DescribeReplicationsCommand({}))).Replications?.[0];
    expect(described).toMatchObject({ Status: 'failed', StopReason: 'Stop Reason FATAL_ERROR' });
    expect(described?.FailureMessages?.[0]).toMatch(/^Test connection failed for endpoint 'testdrive-dms-postgresql-dev-endpoint-source'/);
  });

  it('network-unreachable: PostgreSQL sees nothing; the test connection times out after 3 minutes', async () => {
    const sandbox = await sandboxFor({ scenario: 'network-unreachable' });
    const dms = dmsClient(sandbox);
    const status = async (): Promise<string | undefined> => (await dms.send(new DescribeReplicationsCommand({}))).Replications?.[0]?.Status;
    await sandbox.advance(20_000 + 200_000);
    expect(await status()).toBe('testing_connection');
    await sandbox.advance(30_000);
    expect(await status()).toBe('failed');
    const pg = await messages(logsClient(sandbox), RDS_GROUP);
    expect(pg.filter((m) => /UTC:10\./.test(m))).toEqual([]);
  });

  it('no-rds-logs: the replication runs while the source log group never exists', async () => {
    const sandbox = await sandboxFor({ scenario: 'no-rds-logs' });
    await sandbox.advance(400_000);
    expect(sandbox.replications()[0]?.status).toBe('running');
    expect(sandbox.logGroups()).toEqual(['dms-serverless-replication-KD4PW7XQ2NMZ8B5RTYHC6LVJ3E']);
  });

  it('fleet: 25 replications in mixed states over two source databases, some starting while you watch', async () => {
    const sandbox = await sandboxFor({ scenario: 'fleet' });
    const count = (): Record<string, number> => {
      const byStatus: Record<string, number> = {};
      for (const r of sandbox.replications()) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      return byStatus;
    };
    expect(sandbox.replications()).toHaveLength(25);
    expect(new Set(sandbox.replications().map((r) => r.sourceLogGroup)).size).toBe(2);
    expect(count()).toEqual({ running: 13, stopped: 3, failed: 3, created: 6 });
    await sandbox.advance(60_000);
    expect(count().created).toBe(4);
  });

  it.each([
    [undefined, 100],
    [500, 500],
    [2000, 2000],
  ])('flood writes PostgreSQL lines at --rate %s (%i per virtual second)', async (rate, perSecond) => {
    const sandbox = await sandboxFor({ scenario: 'flood', ...(rate === undefined ? {} : { rate }) });
    const logs = logsClient(sandbox);
    const before = (await messages(logs, RDS_GROUP)).length;
    await sandbox.advance(3000);
    const lines = await messages(logs, RDS_GROUP);
    expect(lines.length - before).toBe(3 * perSecond);
    expect(lines[lines.length - 1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC:10\.1\.[\d.]+\(\d+\):(\[unknown\]|app)@(\[unknown\]|orders):\[\d+\]:[A-Z]+: {2}/);
  });

  it('happy-path writes RDS-prefixed PostgreSQL lines, DMS task lines and Python-dict state reports', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path' });
    await sandbox.advance(400_000);
    const logs = logsClient(sandbox);
    const [r] = sandbox.replications();
    const dms = await messages(logs, r?.logGroup ?? '');
    const states = dms.filter((m) => m.startsWith('{'));
    // Every state from initializing to running, so the loops below check something.
    expect(states).toHaveLength(8);
    for (const m of states) expect(m).toMatch(/^\{'replication_state':'[a-z_]+', 'message': '[^]*'\}$/);
    const task = dms.filter((m) => !m.startsWith('{'));
    expect(task.length).toBeGreaterThan(20);
    for (const m of task) expect(m).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d \[[A-Z_ ]{16}\][EWIDT]: {2}\S/);
    expect(task.some((m) => m.includes("Unload finished for table 'public'.'order_items' (Id = 4). 151377 rows sent.  (streamcomponent.c:3543)"))).toBe(true);
    const pg = await messages(logs, RDS_GROUP);
    expect(pg.length).toBeGreaterThan(10);
    for (const m of pg) expect(m).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC:(10\.[\d.]+\(\d+\))?:([\w[\]]+@[\w[\]]+|@):\[\d+\]:[A-Z]+: {2}/);
  });
});

describe('scenario files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dms-live-scenarios-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const minimal = {
    name: 'minimal',
    endpoints: [
      { id: 'src', type: 'source', rdsInstance: 'db1' },
      { id: 'dst', type: 'target', engine: 's3' },
    ],
    replications: [{ id: 'r1', source: 'src', target: 'dst' }],
  };

  it('loads the documented YAML example and plays its own script with placeholders filled', async () => {
    const sandbox = await sandboxFor({ scenario: 'src/sandbox/scenarios/examples/orders-example.yaml' });
    const failing = sandbox.replications().find((r) => r.id === 'orders-wrong-db');
    await dmsClient(sandbox).send(new StartReplicationCommand({ ReplicationConfigArn: failing?.arn, StartReplicationType: 'start-replication' }));
    await sandbox.advance(45_000);
    expect(sandbox.replications().map((r) => r.status)).toEqual(['preparing_metadata_resources', 'failed']);
    const pg = await messages(logsClient(sandbox), '/aws/rds/instance/orders-prod-db/postgresql');
    expect(pg.some((m) => m.endsWith(':dms_user@orderz:' + (/\[\d+\]/.exec(m)?.[0] ?? '') + ':FATAL:  database "orderz" does not exist'))).toBe(true);
    const orchestrator = await messages(logsClient(sandbox), failing?.logGroup ?? '');
    expect(orchestrator[orchestrator.length - 1]).toContain("'failure_message': 'Test connection failed for endpoint 'orders-source' and replication config 'orders-wrong-db'.");
  });

  it('loads JSON by extension', () => {
    expect(loadScenario(file('minimal.json', JSON.stringify(minimal))).name).toBe('minimal');
  });

  it.each<[string, string, string]>([
    ['unknown name', 'no-such-scenario', 'unknown scenario "no-such-scenario": not a built-in (happy-path, test-connection-failure, network-unreachable, no-rds-logs, fleet, flood) and no such file'],
    ['broken YAML', file('broken.yaml', 'name: [unclosed'), 'broken.yaml: not valid YAML:'],
    ['broken JSON', file('broken.json', '{"name":'), 'broken.json: not valid JSON:'],
    ['an unknown YAML tag (a warning, not printed as one)', file('tag.yaml', 'name: x\nreplications: !foo []\n'), 'tag.yaml: not valid YAML: Unresolved tag: !foo at line 2, column 15'],
    ['not a mapping', file('list.yaml', '- a\n- b\n'), 'list.yaml: scenario: must be a mapping (an object)'],
    ['unknown field', file('f1.json', JSON.stringify({ ...minimal, colour: 'red' })), 'f1.json: colour: unknown field'],
    ['dangling source', file('f2.json', JSON.stringify({ ...minimal, replications: [{ id: 'r1', source: 'nope', target: 'dst' }] })), 'f2.json: replications[0].source: no source endpoint "nope"'],
    ['bad resource id', file('f3.json', JSON.stringify({ ...minimal, replications: [{ id: 'r1', source: 'src', target: 'dst', resourceId: 'abc' }] })), 'f3.json: replications[0].resourceId: must be 26 upper-case letters or digits'],
    ['unknown script', file('f4.json', JSON.stringify({ ...minimal, replications: [{ id: 'r1', source: 'src', target: 'dst', onStart: 'boom' }] })), 'f4.json: replications[0].onStart: no script "boom"'],
    ['bad step time', file('f5.json', JSON.stringify({ ...minimal, replications: [{ id: 'r1', source: 'src', target: 'dst', onStart: [{ at: -1 }] }] })), 'f5.json: replications[0].onStart[0].at: must be a number between 0 and 315360000 (10 years), got -1'],
    ['bad connect outcome', file('f6.json', JSON.stringify({ ...minimal, scripts: { s: [{ at: 1, postgres: [{ connect: { outcome: 'maybe' } }] }] } })), 'f6.json: scripts.s[0].postgres[0].connect.outcome: must be one of success, password'],
    ['bad fault', file('f7.json', JSON.stringify({ ...minimal, faults: { throttleEvery: 0 } })), 'f7.json: faults.throttleEvery: must be a whole number between 1 and 1000000, got 0'],
    ['no replications', file('f8.json', JSON.stringify({ ...minimal, replications: [] })), 'f8.json: replications: a scenario needs at least one replication'],
    ['duplicate ids', file('f9.json', JSON.stringify({ ...minimal, replications: [{ id: 'r1', source: 'src', target: 'dst' }, { id: 'r1', source: 'src', target: 'dst' }] })), 'f9.json: replications[1].id: "r1" is used twice'],
  ])('refuses %s with a one-line message naming the field', (_what, ref, message) => {
    let thrown: unknown;
    try {
      loadScenario(ref);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(Error);
    const text = (thrown as Error).message;
    expect(text.startsWith(message)).toBe(true);
    expect(text).not.toContain('\n');
  });
});
