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
import { dmsClient, logsClient, openLiveTail, rejection, sandboxFor } from './support.js';

describe('onResponse: every body and frame the sandbox sends, for shape checks', () => {
  it('reports each operation output, each error and each Live Tail frame with what the client received', async () => {
    const records: SandboxResponseRecord[] = [];
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, faults: { maxSessionSeconds: 2 }, onResponse: (r) => records.push(r) });
    const dms = dmsClient(sandbox);
    const logs = logsClient(sandbox);
    const [r] = sandbox.replications();
    const arn = r?.arn ?? '';
    const described = await dms.send(new DescribeReplicationsCommand({}));
    await dms.send(new DescribeReplicationConfigsCommand({}));
    await dms.send(new DescribeEndpointsCommand({}));
    await dms.send(new StartReplicationCommand({ ReplicationConfigArn: arn, StartReplicationType: 'start-replication' }));
    await sandbox.advance(10_000);
    await dms.send(new StopReplicationCommand({ ReplicationConfigArn: arn }));
    await logs.send(new DescribeLogGroupsCommand({}));
    await logs.send(new FilterLogEventsCommand({ logGroupName: r?.logGroup }));
    await logs.send(new GetLogEventsCommand({ logGroupName: r?.logGroup, logStreamName: `dms-serverless-replication-orchestrator-${r?.resourceId ?? ''}` }));
    await rejection(dms.send(new StopReplicationCommand({ ReplicationConfigArn: 'nope' })));
    const tail = await openLiveTail(logs, { logGroupIdentifiers: [`arn:aws:logs:eu-central-1:123456789012:log-group:${r?.logGroup ?? ''}`] });
    await sandbox.advance(2000);
    await tail.ended;

    const seen = records.map((x) => `${x.kind} ${x.operation} ${'member' in x ? x.member : x.status}`);
    expect(seen).toEqual([
      'output DescribeReplications 200',
      'output DescribeReplicationConfigs 200',
      'output DescribeEndpoints 200',
      'output StartReplication 200',
      'output StopReplication 200',
      'output DescribeLogGroups 200',
      'output FilterLogEvents 200',
      'output GetLogEvents 200',
      'error StopReplication 400',
      'event StartLiveTail initial-response',
      'event StartLiveTail sessionStart',
      'event StartLiveTail sessionUpdate',
      'exception StartLiveTail SessionTimeoutException',
    ]);
    const first = records[0];
    expect(first?.kind === 'output' ? (first.body.Replications as unknown[]).length : 0).toBe(described.Replications?.length);
  });
});
