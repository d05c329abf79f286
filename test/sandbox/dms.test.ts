import {
  DescribeEndpointsCommand,
  DescribeReplicationConfigsCommand,
  DescribeReplicationsCommand,
  StartReplicationCommand,
  StopReplicationCommand,
} from '@aws-sdk/client-database-migration-service';
import type { DatabaseMigrationServiceClient, Replication } from '@aws-sdk/client-database-migration-service';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { T0, dmsClient, rejection, sandboxFor } from './support.js';

const HAPPY_ARN = 'arn:aws:dms:eu-central-1:123456789012:replication-config:EAM3JEHXGBGZBPN5PLON7NPDEE';
const DAY = 24 * 60 * 60 * 1000;

async function replication(client: DatabaseMigrationServiceClient, arn = HAPPY_ARN): Promise<Replication> {
  const out = await client.send(new DescribeReplicationsCommand({ Filters: [{ Name: 'replication-config-arn', Values: [arn] }] }));
  const r = out.Replications?.[0];
  if (r === undefined) throw new Error('no replication');
  return r;
}

async function happy(): Promise<{ sandbox: Sandbox; client: DatabaseMigrationServiceClient }> {
  const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
  return { sandbox, client: dmsClient(sandbox) };
}

describe('DMS DescribeReplications through the real SDK client', () => {
  it('shows a never-started replication as created, with dates the SDK parses', async () => {
    const { client } = await happy();
    const r = await replication(client);
    expect(r).toMatchObject({
      ReplicationConfigIdentifier: 'testdrive-dms-postgresql-dev-dms-serverless',
      ReplicationConfigArn: HAPPY_ARN,
      ReplicationType: 'full-load-and-cdc',
      Status: 'created',
    });
    expect(r.SourceEndpointArn).toMatch(/^arn:aws:dms:eu-central-1:123456789012:endpoint:[A-Z0-9]{26}$/);
    expect(r.ReplicationCreateTime).toEqual(new Date(T0 - 3 * DAY));
    expect(r.ProvisionData).toBeUndefined();
    expect(r.ReplicationStats).toBeUndefined();
  });

  it.each([
    ['replication-config-arn', HAPPY_ARN],
    ['replication-config-id', 'testdrive-dms-postgresql-dev-dms-serverless'],
  ])('filters by %s', async (name, value) => {
    const { client } = await happy();
    const out = await client.send(new DescribeReplicationsCommand({ Filters: [{ Name: name, Values: [value] }] }));
    expect(out.Replications?.map((r) => r.ReplicationConfigArn)).toEqual([HAPPY_ARN]);
  });

  it.each([
    [{ Filters: [{ Name: 'replication-config-arn', Values: ['arn:aws:dms:eu-central-1:123456789012:replication-config:NOPE'] }] }, 'ResourceNotFoundFault'],
    [{ Filters: [{ Name: 'status', Values: ['running'] }] }, 'InvalidParameterValueException'],
    [{ MaxRecords: 5 }, 'InvalidParameterValueException'],
    [{ Marker: 'not-a-marker' }, 'InvalidParameterValueException'],
  ])('answers %j with %s', async (input, name) => {
    const { client } = await happy();
    const err = await rejection(client.send(new DescribeReplicationsCommand(input)));
    expect(err.name).toBe(name);
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });

  it('pages with MaxRecords and Marker over the 25 fleet replications', async () => {
    const sandbox = await sandboxFor({ scenario: 'fleet', autoStart: false });
    const client = dmsClient(sandbox);
    const first = await client.send(new DescribeReplicationsCommand({ MaxRecords: 20 }));
    expect(first.Replications).toHaveLength(20);
    expect(first.Marker).toBeTruthy();
    const second = await client.send(new DescribeReplicationsCommand({ MaxRecords: 20, Marker: first.Marker }));
    expect(second.Replications).toHaveLength(5);
    expect(second.Marker).toBeUndefined();
    const ids = new Set([...(first.Replications ?? []), ...(second.Replications ?? [])].map((r) => r.ReplicationConfigIdentifier));
    expect(ids.size).toBe(25);
  });
});

describe('DMS DescribeReplicationConfigs and DescribeEndpoints', () => {
  it('describes the config with its compute settings and logging switch', async () => {
    const { client } = await happy();
    const out = await client.send(new DescribeReplicationConfigsCommand({ Filters: [{ Name: 'replication-config-id', Values: ['testdrive-dms-postgresql-dev-dms-serverless'] }] }));
    const config = out.ReplicationConfigs?.[0];
    expect(config?.ReplicationConfigArn).toBe(HAPPY_ARN);
    expect(config?.ComputeConfig?.MaxCapacityUnits).toBe(16);
    expect(JSON.parse(config?.ReplicationSettings ?? '{}')).toMatchObject({ Logging: { EnableLogging: true } });
    expect(config?.ReplicationConfigCreateTime).toEqual(new Date(T0 - 3 * DAY));
  });

  it('gives the RDS source endpoint whose ServerName names the instance', async () => {
    const { client } = await happy();
    const r = await replication(client);
    const out = await client.send(new DescribeEndpointsCommand({ Filters: [{ Name: 'endpoint-arn', Values: [r.SourceEndpointArn ?? ''] }] }));
    const endpoint = out.Endpoints?.[0];
    expect(endpoint).toMatchObject({
      EndpointIdentifier: 'testdrive-dms-postgresql-dev-endpoint-source',
      EngineName: 'postgres',
      Port: 5432,
      DatabaseName: 'postgres',
      Username: 'dynapipe',
    });
    expect(endpoint?.ServerName).toMatch(/^testdrive-dms-postgresql-dev-db\.[a-z0-9]{12}\.eu-central-1\.rds\.amazonaws\.com$/);
  });

  it('filters endpoints by type', async () => {
    const { client } = await happy();
    const out = await client.send(new DescribeEndpointsCommand({ Filters: [{ Name: 'endpoint-type', Values: ['source'] }] }));
    expect(out.Endpoints?.map((e) => e.EndpointIdentifier)).toEqual(['testdrive-dms-postgresql-dev-endpoint-source']);
  });
});

describe('DMS StartReplication and StopReplication rules', () => {
  it.each([
    ['an unknown ARN', 'arn:aws:dms:eu-central-1:123456789012:replication-config:UNKNOWN', 'start-replication', 'ResourceNotFoundFault'],
    ['resume-processing before the first run', HAPPY_ARN, 'resume-processing', 'InvalidResourceStateFault'],
    ['reload-target before the first run', HAPPY_ARN, 'reload-target', 'InvalidResourceStateFault'],
    ['an unknown start type', HAPPY_ARN, 'start-now', 'InvalidParameterValueException'],
  ])('refuses %s', async (_what, arn, type, name) => {
    const { client } = await happy();
    const err = await rejection(client.send(new StartReplicationCommand({ ReplicationConfigArn: arn, StartReplicationType: type })));
    expect(err.name).toBe(name);
    expect((await replication(client)).Status).toBe('created');
  });

  it('refuses to stop a replication that is not running', async () => {
    const { client } = await happy();
    const err = await rejection(client.send(new StopReplicationCommand({ ReplicationConfigArn: HAPPY_ARN })));
    expect(err.name).toBe('InvalidResourceStateFault');
  });

  it('starts, refuses a second start while starting, and plays the states to running', async () => {
    const { sandbox, client } = await happy();
    const started = await client.send(new StartReplicationCommand({ ReplicationConfigArn: HAPPY_ARN, StartReplicationType: 'start-replication' }));
    expect(started.Replication).toMatchObject({ Status: 'initializing', StartReplicationType: 'start-replication' });
    const again = await rejection(client.send(new StartReplicationCommand({ ReplicationConfigArn: HAPPY_ARN, StartReplicationType: 'start-replication' })));
    expect(again.name).toBe('InvalidResourceStateFault');

    const seen: string[] = [];
    const progress: number[] = [];
    let provisioned: Replication['ProvisionData'];
    for (let s = 0; s < 330; s += 5) {
      const r = await replication(client);
      if (seen[seen.length - 1] !== r.Status) seen.push(r.Status ?? '');
      progress.push(r.ReplicationStats?.FullLoadProgressPercent ?? 0);
      if (r.ProvisionData?.ProvisionState === 'provisioned') provisioned ??= r.ProvisionData;
      await sandbox.advance(5000);
    }
    expect(seen).toEqual([
      'initializing',
      'preparing_metadata_resources',
      'testing_connection',
      'fetching_metadata',
      'calculating_capacity',
      'provisioning_capacity',
      'replication_starting',
      'running',
    ]);
    expect(provisioned).toMatchObject({ ProvisionedCapacityUnits: 4, IsNewProvisioningAvailable: false });
    expect(provisioned?.DateProvisioned).toBeInstanceOf(Date);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const running = await replication(client);
    expect(running.ReplicationStats).toMatchObject({ FullLoadProgressPercent: 100, TablesLoaded: 6, TablesLoading: 0, TablesQueued: 0 });
    expect(running.ReplicationStats?.FullLoadFinishDate).toBeInstanceOf(Date);
    expect(running.ReplicationStats?.ElapsedTimeMillis).toBe(sandbox.now() - (running.ReplicationStats?.StartDate?.getTime() ?? 0));
  });

  it('stops with a stop reason, then resumes and reloads', async () => {
    const { sandbox, client } = await happy();
    await client.send(new StartReplicationCommand({ ReplicationConfigArn: HAPPY_ARN, StartReplicationType: 'start-replication' }));
    await sandbox.advance(400_000);
    const stopping = await client.send(new StopReplicationCommand({ ReplicationConfigArn: HAPPY_ARN }));
    expect(stopping.Replication?.Status).toBe('stopping');
    await sandbox.advance(60_000);
    const stopped = await replication(client);
    expect(stopped).toMatchObject({ Status: 'stopped', StopReason: 'Stop Reason NORMAL' });
    expect(stopped.ReplicationLastStopTime).toBeInstanceOf(Date);
    expect(stopped.ProvisionData?.ProvisionState).toBe('provisioned');

    const resumed = await client.send(new StartReplicationCommand({ ReplicationConfigArn: HAPPY_ARN, StartReplicationType: 'resume-processing' }));
    expect(resumed.Replication).toMatchObject({ Status: 'initializing', StartReplicationType: 'resume-processing' });
    expect(resumed.Replication?.StopReason).toBeUndefined();
    await sandbox.advance(30_000);
    expect((await replication(client)).Status).toBe('running');

    await client.send(new StopReplicationCommand({ ReplicationConfigArn: HAPPY_ARN }));
    await sandbox.advance(60_000);
    const reloaded = await client.send(new StartReplicationCommand({ ReplicationConfigArn: HAPPY_ARN, StartReplicationType: 'reload-target' }));
    expect(reloaded.Replication?.ReplicationStats).toMatchObject({ FullLoadProgressPercent: 0, TablesQueued: 6 });
  });

  it('refuses resume-processing for a full-load replication', async () => {
    const sandbox = await sandboxFor({
      scenario: {
        name: 'full-load-only',
        endpoints: [
          { id: 'src', type: 'source', rdsInstance: 'db1' },
          { id: 'dst', type: 'target', engine: 's3' },
        ],
        replications: [{ id: 'load-once', type: 'full-load', source: 'src', target: 'dst', history: ['start'] }],
      },
    });
    const client = dmsClient(sandbox);
    const [r] = sandbox.replications();
    expect(r?.status).toBe('stopped');
    const err = await rejection(client.send(new StartReplicationCommand({ ReplicationConfigArn: r?.arn, StartReplicationType: 'resume-processing' })));
    expect(err.name).toBe('InvalidParameterValueException');
    expect((await replication(client, r?.arn)).StopReason).toBe('Stop Reason FULL_LOAD_ONLY_FINISHED');
  });
});
