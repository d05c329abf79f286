import { DescribeLogGroupsCommand, FilterLogEventsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeEndpointsCommand,
  DescribeReplicationConfigsCommand,
  DescribeReplicationsCommand,
  StartReplicationCommand,
  StopReplicationCommand,
} from '@aws-sdk/client-database-migration-service';
import { describe, expect, it } from 'vitest';
import type { SandboxResponseRecord } from '../../src/sandbox/index.js';
import { dmsClient, logsClient, openLiveTail, rejection, sandboxFor } from '../sandbox/support.js';
import { rawJsonCall } from './raw-json-call.js';
import { checkResponse } from './response-conformance.js';
import type { ShapeProblem } from './shape-validator.js';
import { isRecord } from './shape-validator.js';

const ARN = (name: string): string => `arn:aws:logs:eu-central-1:123456789012:log-group:${name}`;
const RDS_GROUP = '/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql';
const RDS_STREAM = 'testdrive-dms-postgresql-dev-db.0';
const WRONG_ARN = 'arn:aws:dms:eu-central-1:123456789012:replication-config:NOSUCHCONFIG0000000000000000';

/**
 * The one deviation from the model the sandbox makes on purpose: DMS sends
 * `EndpointType` upper case (`SOURCE`, `TARGET`), as the real service does,
 * although the model's enum `ReplicationEndpointTypeValue` is lower case
 * (src/sandbox/scenarios/README.md, "Choices the sandbox makes").
 */
function isEndpointTypeCase(p: ShapeProblem): boolean {
  return p.kind === 'enum' && p.shape === 'ReplicationEndpointTypeValue' && /^\$\.Endpoints\[\d+\]\.EndpointType$/.test(p.path) && /^"(SOURCE|TARGET)" /.test(p.message);
}

interface Conformance {
  /** `output DescribeReplications`, `error StopReplication ResourceNotFoundFault`, `event StartLiveTail sessionStart`, ... (sorted, unique). */
  readonly kinds: string[];
  readonly endpointTypeDeviations: number;
}

/** Checks every record and fails with each problem (and the record it came from) listed. */
function expectConformant(records: readonly SandboxResponseRecord[]): Conformance {
  const unexpected: string[] = [];
  let endpointTypeDeviations = 0;
  for (const record of records) {
    for (const p of checkResponse(record)) {
      if (isEndpointTypeCase(p)) endpointTypeDeviations++;
      else unexpected.push(`${kindOf(record)}: ${p.path} (${p.shape}, ${p.kind}): ${p.message}`);
    }
  }
  expect(unexpected).toEqual([]);
  return { kinds: [...new Set(records.map(kindOf))].sort(), endpointTypeDeviations };
}

function kindOf(record: SandboxResponseRecord): string {
  switch (record.kind) {
    case 'output':
      return `output ${record.operation}`;
    case 'error':
      return `error ${record.operation === '' ? '(no X-Amz-Target)' : record.operation} ${record.body.__type}`;
    default:
      return `${record.kind} ${record.operation} ${record.member}`;
  }
}

/** Every member path in a body, arrays as `[]`: shows which optional members the check really walked. */
function memberPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => memberPaths(item, `${prefix}[]`));
  if (!isRecord(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => [`${prefix}.${k}`, ...memberPaths(v, `${prefix}.${k}`)]);
}

describe('every response the sandbox sends fits the official AWS models (test/fixtures/aws-models)', () => {
  it('DMS: each operation output and each error body', async () => {
    const records: SandboxResponseRecord[] = [];
    const sandbox = await sandboxFor({ scenario: 'fleet', onResponse: (r) => records.push(r) });
    // The fleet's auto-starts at 30, 54 and 78 s: provisioning data, stats mid-load, a fresh failure.
    await sandbox.advance(100_000);
    const dms = dmsClient(sandbox);
    const all = sandbox.replications();
    const created = all.find((r) => r.status === 'created');
    const running = all.find((r) => r.status === 'running');
    if (created === undefined || running === undefined) throw new Error('the fleet has no created or no running replication');

    await dms.send(new DescribeReplicationsCommand({}));
    const page = await dms.send(new DescribeReplicationsCommand({ MaxRecords: 20 }));
    await dms.send(new DescribeReplicationsCommand({ MaxRecords: 20, Marker: page.Marker }));
    await dms.send(new DescribeReplicationsCommand({ Filters: [{ Name: 'replication-config-arn', Values: [running.arn] }] }));
    await dms.send(new DescribeReplicationConfigsCommand({ MaxRecords: 20 }));
    await dms.send(new DescribeEndpointsCommand({}));
    await dms.send(new StartReplicationCommand({ ReplicationConfigArn: created.arn, StartReplicationType: 'start-replication' }));
    await dms.send(new StopReplicationCommand({ ReplicationConfigArn: running.arn }));

    await rejection(dms.send(new StopReplicationCommand({ ReplicationConfigArn: WRONG_ARN })));
    await rejection(dms.send(new StartReplicationCommand({ ReplicationConfigArn: created.arn, StartReplicationType: 'start-replication' })));
    await rejection(dms.send(new DescribeReplicationsCommand({ Filters: [{ Name: 'replication-config-id', Values: ['nope'] }] })));
    await rejection(dms.send(new DescribeReplicationConfigsCommand({ Filters: [{ Name: 'replication-config-id', Values: ['nope'] }] })));
    await rejection(dms.send(new DescribeEndpointsCommand({ Filters: [{ Name: 'endpoint-id', Values: ['nope'] }] })));
    await rejection(dms.send(new DescribeEndpointsCommand({ MaxRecords: 5 })));
    await rejection(dms.send(new StartReplicationCommand({ ReplicationConfigArn: running.arn, StartReplicationType: 'sideways' })));
    // Faults cannot be lifted again, so each is set after the ones it would hide.
    sandbox.setFaults({ denyActions: ['StopReplication'] });
    await rejection(dms.send(new StopReplicationCommand({ ReplicationConfigArn: running.arn })));
    sandbox.setFaults({ throttleEvery: 1 });
    await rejection(dms.send(new DescribeReplicationsCommand({})));
    sandbox.setFaults({ serverErrors: { afterSeconds: 0, forSeconds: 1e9 } });
    await rejection(dms.send(new DescribeEndpointsCommand({})));

    const result = expectConformant(records);
    expect(result.kinds).toEqual([
      'error DescribeEndpoints InternalFailure',
      'error DescribeEndpoints InvalidParameterValueException',
      'error DescribeEndpoints ResourceNotFoundFault',
      'error DescribeReplicationConfigs ResourceNotFoundFault',
      'error DescribeReplications ResourceNotFoundFault',
      'error DescribeReplications ThrottlingException',
      'error StartReplication InvalidParameterValueException',
      'error StartReplication InvalidResourceStateFault',
      'error StopReplication AccessDeniedException',
      'error StopReplication ResourceNotFoundFault',
      'output DescribeEndpoints',
      'output DescribeReplicationConfigs',
      'output DescribeReplications',
      'output StartReplication',
      'output StopReplication',
    ]);
    // Three endpoints, each `SOURCE`/`TARGET`: the explicit exception above, and nothing else.
    expect(result.endpointTypeDeviations).toBe(3);
    // The optional members a replication's life fills in were all walked.
    const walked = new Set(records.flatMap((r) => (r.kind === 'output' ? memberPaths(r.body) : [])));
    expect([...walked]).toEqual(
      expect.arrayContaining([
        '.Marker',
        '.Replications[].ProvisionData.DateProvisioned',
        '.Replications[].ReplicationStats.FullLoadFinishDate',
        '.Replications[].ReplicationStats.ElapsedTimeMillis',
        '.Replications[].StopReason',
        '.Replications[].FailureMessages[]',
        '.Replications[].ReplicationLastStopTime',
        '.Replications[].RecoveryCheckpoint',
        '.ReplicationConfigs[].ComputeConfig.VpcSecurityGroupIds[]',
        '.Endpoints[].PostgreSQLSettings.ServerName',
        '.Replication.Status',
      ]),
    );
  });

  it('CloudWatch Logs: each read operation output and each error body', async () => {
    const records: SandboxResponseRecord[] = [];
    const sandbox = await sandboxFor({ scenario: 'happy-path', onResponse: (r) => records.push(r) });
    await sandbox.advance(120_000);
    const logs = logsClient(sandbox);
    const [replication] = sandbox.replications();
    const dmsGroup = replication?.logGroup ?? '';
    const orchestrator = `dms-serverless-replication-orchestrator-${replication?.resourceId ?? ''}`;

    await logs.send(new DescribeLogGroupsCommand({}));
    await logs.send(new DescribeLogGroupsCommand({ limit: 1 }));
    await logs.send(new FilterLogEventsCommand({ logGroupName: dmsGroup, limit: 2 }));
    await logs.send(new FilterLogEventsCommand({ logGroupIdentifier: ARN(RDS_GROUP), filterPattern: 'connection', startTime: sandbox.now() - 120_000 }));
    await logs.send(new GetLogEventsCommand({ logGroupName: dmsGroup, logStreamName: orchestrator, startFromHead: true, limit: 3 }));

    await rejection(logs.send(new FilterLogEventsCommand({ logGroupName: 'no-such-group' })));
    await rejection(logs.send(new GetLogEventsCommand({ logGroupName: dmsGroup, logStreamName: 'no-such-stream' })));
    await rejection(logs.send(new GetLogEventsCommand({ logGroupName: dmsGroup, logStreamName: orchestrator, nextToken: 'garbage' })));
    await rejection(logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'a', logGroupNamePattern: 'b' })));
    sandbox.setFaults({ denyActions: ['FilterLogEvents'] });
    await rejection(logs.send(new FilterLogEventsCommand({ logGroupName: dmsGroup })));
    sandbox.setFaults({ serverErrors: { afterSeconds: 0, forSeconds: 1e9 } });
    await rejection(logs.send(new GetLogEventsCommand({ logGroupName: dmsGroup, logStreamName: orchestrator })));

    const result = expectConformant(records);
    expect(result.kinds).toEqual([
      'error DescribeLogGroups InvalidParameterException',
      'error FilterLogEvents AccessDeniedException',
      'error FilterLogEvents ResourceNotFoundException',
      'error GetLogEvents InternalFailure',
      'error GetLogEvents InvalidParameterException',
      'error GetLogEvents ResourceNotFoundException',
      'output DescribeLogGroups',
      'output FilterLogEvents',
      'output GetLogEvents',
    ]);
    const walked = new Set(records.flatMap((r) => (r.kind === 'output' ? memberPaths(r.body) : [])));
    expect([...walked]).toEqual(
      expect.arrayContaining(['.nextToken', '.events[].eventId', '.events[].ingestionTime', '.nextForwardToken', '.logGroups[].logGroupArn', '.logGroups[].arn']),
    );
  });

  it('Live Tail: every frame kind (initial-response, sessionStart, sessionUpdate, both exceptions) and StartLiveTail errors', async () => {
    const records: SandboxResponseRecord[] = [];
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, faults: { maxSessionSeconds: 3, maxLiveTailSessions: 1 }, onResponse: (r) => records.push(r) });
    const logs = logsClient(sandbox);
    await rejection(openLiveTail(logs, { logGroupIdentifiers: [RDS_GROUP] }));
    await rejection(openLiveTail(logs, { logGroupIdentifiers: [ARN('no-such-group')] }));

    const filtered = await openLiveTail(logs, { logGroupIdentifiers: [ARN(RDS_GROUP)], logStreamNamePrefixes: ['testdrive'], logEventFilterPattern: 'connection' });
    await rejection(openLiveTail(logs, { logGroupIdentifiers: [ARN(RDS_GROUP)] }));
    sandbox.putLogEvent({ group: RDS_GROUP, stream: RDS_STREAM, message: 'LOG:  connection received: host=10.0.0.75 port=48820' });
    await sandbox.advance(3000);
    expect(await filtered.ended).toMatchObject({ how: 'error', error: { name: 'SessionTimeoutException' } });

    sandbox.setFaults({ streamingExceptionAfterSeconds: 1 });
    const byName = await openLiveTail(logs, { logGroupIdentifiers: [ARN(RDS_GROUP)], logStreamNames: [RDS_STREAM] });
    await sandbox.advance(1000);
    expect(await byName.ended).toMatchObject({ how: 'error', error: { name: 'SessionStreamingException' } });

    sandbox.setFaults({ denyActions: ['StartLiveTail'] });
    await rejection(openLiveTail(logs, { logGroupIdentifiers: [ARN(RDS_GROUP)] }));

    const result = expectConformant(records);
    expect(result.kinds).toEqual([
      'error StartLiveTail AccessDeniedException',
      'error StartLiveTail InvalidParameterException',
      'error StartLiveTail LimitExceededException',
      'error StartLiveTail ResourceNotFoundException',
      'event StartLiveTail initial-response',
      'event StartLiveTail sessionStart',
      'event StartLiveTail sessionUpdate',
      'exception StartLiveTail SessionStreamingException',
      'exception StartLiveTail SessionTimeoutException',
    ]);
    const walked = new Set(records.flatMap((r) => (r.kind === 'event' ? memberPaths(r.body) : [])));
    expect([...walked]).toEqual(
      expect.arrayContaining(['.logStreamNamePrefixes[]', '.logStreamNames[]', '.logEventFilterPattern', '.sessionResults[].ingestionTime', '.sessionMetadata.sampled']),
    );
  });

  it('protocol errors no SDK provokes: unsigned, unknown target, bodies of the wrong type', async () => {
    const records: SandboxResponseRecord[] = [];
    const sandbox = await sandboxFor({ scenario: 'happy-path', onResponse: (r) => records.push(r) });
    const answers = [
      await rawJsonCall(sandbox.url, { target: 'AmazonDMSv20160101.DescribeReplications', body: {}, signed: false }),
      await rawJsonCall(sandbox.url, { target: 'AmazonDMSv20160101.DescribeNothing', body: {} }),
      await rawJsonCall(sandbox.url, { target: '', body: {} }),
      await rawJsonCall(sandbox.url, { target: 'AmazonDMSv20160101.DescribeReplications', body: { MaxRecords: '20' } }),
      await rawJsonCall(sandbox.url, { target: 'Logs_20140328.FilterLogEvents', body: '{not json' }),
      await rawJsonCall(sandbox.url, { target: 'Logs_20140328.DescribeLogGroups', body: [] }),
    ];
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400, 400]);

    const result = expectConformant(records);
    expect(result.kinds).toEqual([
      'error (no X-Amz-Target) UnknownOperationException',
      'error AmazonDMSv20160101.DescribeNothing UnknownOperationException',
      'error DescribeLogGroups SerializationException',
      'error DescribeReplications MissingAuthenticationTokenException',
      'error DescribeReplications SerializationException',
      'error FilterLogEvents SerializationException',
    ]);
  });
});
