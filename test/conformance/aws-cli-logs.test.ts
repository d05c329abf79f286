import { describe, expect, it } from 'vitest';
import type { Sandbox, SandboxResponseRecord } from '../../src/sandbox/index.js';
import { sandboxFor, T0 } from '../sandbox/support.js';
import { AWS_CLI, probeAwsCli } from './client-probes.js';
import { gateOnClient } from './client-gate.js';
import { clientEnv, endpointArgs, runClient, runClientJson } from './client-process.js';

const cli = probeAwsCli();
gateOnClient('the AWS CLI CloudWatch Logs conformance tests', cli, 'required');

const RDS_GROUP = '/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql';
const DMS_GROUP = 'dms-serverless-replication-EAM3JEHXGBGZBPN5PLON7NPDEE';
const ORCHESTRATOR_STREAM = 'dms-serverless-replication-orchestrator-EAM3JEHXGBGZBPN5PLON7NPDEE';
const GROUP_ARN = (name: string): string => `arn:aws:logs:eu-central-1:123456789012:log-group:${name}`;

interface CliLogGroup {
  readonly logGroupName: string;
  readonly arn: string;
  readonly logGroupArn: string;
  readonly creationTime: number;
}

interface CliFilteredEvent {
  readonly logStreamName: string;
  readonly timestamp: number;
  readonly ingestionTime: number;
  readonly message: string;
  readonly eventId: string;
}

const logs = (sandbox: Sandbox, ...args: string[]): Promise<unknown> =>
  runClientJson(AWS_CLI, ['logs', ...args, ...endpointArgs(sandbox), '--output', 'json'], clientEnv());

async function filterLogEvents(sandbox: Sandbox, ...args: string[]): Promise<CliFilteredEvent[]> {
  const out = (await logs(sandbox, 'filter-log-events', ...args)) as { events: CliFilteredEvent[] };
  return out.events;
}

describe.skipIf(!cli.available)(`AWS CLI (${cli.detail}) against the sandbox: aws logs`, () => {
  it('describe-log-groups: the DMS group appears once the replication first runs; arn ends in :*, logGroupArn does not', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path' });
    const before = (await logs(sandbox, 'describe-log-groups')) as { logGroups: CliLogGroup[] };
    expect(before.logGroups.map((g) => g.logGroupName)).toEqual([RDS_GROUP]);

    await sandbox.advance(21_000);
    const after = (await logs(sandbox, 'describe-log-groups', '--log-group-name-prefix', 'dms-serverless-replication-')) as { logGroups: CliLogGroup[] };
    expect(after.logGroups).toEqual([
      expect.objectContaining({ logGroupName: DMS_GROUP, arn: `${GROUP_ARN(DMS_GROUP)}:*`, logGroupArn: GROUP_ARN(DMS_GROUP), creationTime: T0 + 20_000 }),
    ]);
  });

  it('filter-log-events: events carry eventId, timestamp, ingestionTime and the orchestrator text; pages of 2 add up to the same list', async () => {
    const pages: SandboxResponseRecord[] = [];
    const sandbox = await sandboxFor({ scenario: 'happy-path', onResponse: (r) => pages.push(r) });
    // Auto-start at 20 s; initializing, preparing_metadata_resources, testing_connection, fetching_metadata by 75 s.
    await sandbox.advance(80_000);
    const events = await filterLogEvents(sandbox, '--log-group-name', DMS_GROUP, '--log-stream-names', ORCHESTRATOR_STREAM);
    const states = events.map((e) => /^\{'replication_state':'([a-z_]+)'/.exec(e.message)?.[1]);
    expect(states).toEqual(['initializing', 'preparing_metadata_resources', 'testing_connection', 'fetching_metadata']);
    expect(events[0]?.message).toBe("{'replication_state':'initializing', 'message': 'Initializing the replication workflow.'}");
    for (const e of events) {
      expect(e.eventId).toMatch(/^\d{56}$/);
      expect(e.logStreamName).toBe(ORCHESTRATOR_STREAM);
      expect(e.timestamp).toBeGreaterThanOrEqual(T0 + 20_000);
      expect(e.ingestionTime).toBeGreaterThanOrEqual(e.timestamp);
    }
    expect(events[0]?.timestamp).toBe(T0 + 20_000);

    // --page-size makes the CLI send `limit` and follow `nextToken` to the end.
    const paged = await filterLogEvents(sandbox, '--log-group-name', DMS_GROUP, '--log-stream-names', ORCHESTRATOR_STREAM, '--page-size', '2');
    expect(paged).toEqual(events);
    const tokens = pages.flatMap((r) => (r.kind === 'output' && typeof r.body.nextToken === 'string' ? [r.body.nextToken] : []));
    expect(tokens).toHaveLength(1);
  });

  it('filter-log-events with a filter pattern returns only the matching PostgreSQL lines', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path' });
    // happy-start connects to PostgreSQL at 44 s and 55 s (virtual), i.e. 64 s and 75 s after T0.
    await sandbox.advance(80_000);
    const events = await filterLogEvents(sandbox, '--log-group-name', RDS_GROUP, '--filter-pattern', '"connection authorized"', '--start-time', String(T0));
    expect(events).toHaveLength(2);
    for (const e of events) {
      expect(e.message).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC:10\.\d+\.\d+\.\d+\(\d+\):dynapipe@postgres:\[\d+\]:LOG: {2}connection authorized: user=dynapipe database=postgres/);
    }
  });

  it('errors: an unknown log group exits non-zero with ResourceNotFoundException on stderr', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const run = await runClient(AWS_CLI, ['logs', 'filter-log-events', '--log-group-name', DMS_GROUP, ...endpointArgs(sandbox)], clientEnv());
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/\(ResourceNotFoundException\) when calling the FilterLogEvents operation: The specified log group does not exist/);
  });
});
