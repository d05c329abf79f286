import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { sandboxFor, T0 } from '../sandbox/support.js';
import { AWS_CLI, probeAwsCli } from './client-probes.js';
import { gateOnClient } from './client-gate.js';
import { clientEnv, endpointArgs, runClient, runClientJson } from './client-process.js';

const cli = probeAwsCli();
gateOnClient('the AWS CLI DMS conformance tests', cli, 'required');

const CONFIG_ID = 'testdrive-dms-postgresql-dev-dms-serverless';
const CONFIG_ARN = 'arn:aws:dms:eu-central-1:123456789012:replication-config:EAM3JEHXGBGZBPN5PLON7NPDEE';

/** What `aws dms ... --output json` prints, as far as these tests read it. Times stay epoch seconds (CLI v1 prints them as sent). */
interface CliReplication {
  readonly ReplicationConfigIdentifier: string;
  readonly ReplicationConfigArn: string;
  readonly Status: string;
  readonly StopReason?: string;
  readonly StartReplicationType?: string;
  readonly ProvisionData?: { readonly ProvisionState?: string; readonly ProvisionedCapacityUnits?: number };
  readonly ReplicationStats?: { readonly FullLoadProgressPercent?: number; readonly TablesLoaded?: number };
  readonly ReplicationLastStopTime?: number;
}

interface CliEndpoint {
  readonly EndpointIdentifier: string;
  readonly EndpointType: string;
  readonly EngineName: string;
  readonly ServerName?: string;
  readonly Port?: number;
  readonly DatabaseName?: string;
  readonly Username?: string;
}

const aws = (sandbox: Sandbox, ...args: string[]): Promise<unknown> =>
  runClientJson(AWS_CLI, ['dms', ...args, ...endpointArgs(sandbox), '--output', 'json'], clientEnv());

async function describeReplications(sandbox: Sandbox, ...args: string[]): Promise<CliReplication[]> {
  const out = (await aws(sandbox, 'describe-replications', ...args)) as { Replications: CliReplication[] };
  return out.Replications;
}

describe.skipIf(!cli.available)(`AWS CLI (${cli.detail}) against the sandbox: aws dms`, () => {
  it('describe-replications lists the replication by ARN and status, also through a filter', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    expect(await describeReplications(sandbox)).toEqual([
      expect.objectContaining({ ReplicationConfigIdentifier: CONFIG_ID, ReplicationConfigArn: CONFIG_ARN, Status: 'created', ReplicationType: 'full-load-and-cdc' }),
    ]);
    const filtered = await describeReplications(sandbox, '--filters', `Name=replication-config-arn,Values=${CONFIG_ARN}`);
    expect(filtered.map((r) => r.ReplicationConfigArn)).toEqual([CONFIG_ARN]);
  });

  it('start-replication and stop-replication drive the replication, as the next describe-replications shows', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const started = (await aws(sandbox, 'start-replication', '--replication-config-arn', CONFIG_ARN, '--start-replication-type', 'start-replication')) as {
      Replication: CliReplication;
    };
    expect(started.Replication).toMatchObject({ ReplicationConfigArn: CONFIG_ARN, Status: 'initializing', StartReplicationType: 'start-replication' });

    // happy-start: running at 220 s, full load 222-312 s.
    await sandbox.advance(330_000);
    const [running] = await describeReplications(sandbox);
    expect(running).toMatchObject({
      Status: 'running',
      ProvisionData: { ProvisionState: 'provisioned', ProvisionedCapacityUnits: 4 },
      ReplicationStats: { FullLoadProgressPercent: 100, TablesLoaded: 6 },
    });

    const stopped = (await aws(sandbox, 'stop-replication', '--replication-config-arn', CONFIG_ARN)) as { Replication: CliReplication };
    expect(stopped.Replication.Status).toBe('stopping');
    await sandbox.advance(30_000);
    const [after] = await describeReplications(sandbox);
    expect(after).toMatchObject({ Status: 'stopped', StopReason: 'Stop Reason NORMAL' });
    // The stop script reports `stopped` 25 s after the stop, at virtual T0 + 355 s; DMS sends epoch seconds.
    expect(after?.ReplicationLastStopTime).toBe((T0 + 330_000 + 25_000) / 1000);
  });

  it('describe-endpoints shows the source endpoint: server name, port, database and user', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const out = (await aws(sandbox, 'describe-endpoints', '--filters', 'Name=endpoint-type,Values=source')) as { Endpoints: CliEndpoint[] };
    expect(out.Endpoints).toHaveLength(1);
    const [source] = out.Endpoints;
    expect(source).toMatchObject({
      EndpointIdentifier: 'testdrive-dms-postgresql-dev-endpoint-source',
      EndpointType: 'SOURCE',
      EngineName: 'postgres',
      Port: 5432,
      DatabaseName: 'postgres',
      Username: 'dynapipe',
    });
    // The RDS instance id is the first label of ServerName (src/FACTS.md).
    expect(source?.ServerName).toMatch(/^testdrive-dms-postgresql-dev-db\.[a-z0-9]+\.eu-central-1\.rds\.amazonaws\.com$/);
  });

  it('errors: a wrong ARN and a start while running exit non-zero with the DMS fault on stderr', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const env = clientEnv();
    const wrong = `${CONFIG_ARN.slice(0, -4)}XXXX`;
    const notFound = await runClient(AWS_CLI, ['dms', 'stop-replication', '--replication-config-arn', wrong, ...endpointArgs(sandbox)], env);
    expect(notFound.code).not.toBe(0);
    expect(notFound.stdout).toBe('');
    expect(notFound.stderr).toMatch(/\(ResourceNotFoundFault\) when calling the StopReplication operation: .*XXXX not found/);

    await aws(sandbox, 'start-replication', '--replication-config-arn', CONFIG_ARN, '--start-replication-type', 'start-replication');
    const again = await runClient(AWS_CLI, ['dms', 'start-replication', '--replication-config-arn', CONFIG_ARN, '--start-replication-type', 'start-replication', ...endpointArgs(sandbox)], env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/\(InvalidResourceStateFault\) when calling the StartReplication operation/);

    const noMatch = await runClient(AWS_CLI, ['dms', 'describe-replications', '--filters', 'Name=replication-config-id,Values=nope', ...endpointArgs(sandbox)], env);
    expect(noMatch.code).not.toBe(0);
    expect(noMatch.stderr).toMatch(/\(ResourceNotFoundFault\) when calling the DescribeReplications operation/);
  });
});
