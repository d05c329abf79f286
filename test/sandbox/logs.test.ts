import { DescribeLogGroupsCommand, FilterLogEventsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { CloudWatchLogsClient, FilterLogEventsCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { T0, logsClient, rejection, sandboxFor } from './support.js';

const GROUP = 'test-group';
const GROUP_ARN = `arn:aws:logs:eu-central-1:123456789012:log-group:${GROUP}`;

/** Six events a second apart: stream a gets even seconds, stream b odd ones. */
async function seeded(): Promise<{ sandbox: Sandbox; client: CloudWatchLogsClient }> {
  const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
  const lines = ['alpha error 404', 'beta ok', 'gamma error 500', 'delta "quoted phrase" ok', 'epsilon warning', 'zeta error 404 retry'];
  for (const [i, message] of lines.entries()) {
    sandbox.putLogEvent({ group: GROUP, stream: i % 2 === 0 ? 'stream-a' : 'stream-b', message, createGroup: true });
    await sandbox.advance(1000);
  }
  return { sandbox, client: logsClient(sandbox) };
}

async function filtered(client: CloudWatchLogsClient, input: Omit<FilterLogEventsCommandInput, 'logGroupName'>): Promise<string[]> {
  const out = await client.send(new FilterLogEventsCommand({ logGroupName: GROUP, ...input }));
  return (out.events ?? []).map((e) => e.message ?? '');
}

describe('FilterLogEvents through the real SDK client', () => {
  it('gives every event an eventId, timestamp and ingestionTime (aws logs tail needs them)', async () => {
    const { client } = await seeded();
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- `aws logs tail` still sends it (src/FACTS.md), so it must be accepted.
    const out = await client.send(new FilterLogEventsCommand({ logGroupIdentifier: GROUP_ARN, interleaved: true }));
    expect(out.events).toHaveLength(6);
    for (const [i, e] of (out.events ?? []).entries()) {
      expect(e.eventId).toMatch(/^\d{56}$/);
      expect(e.timestamp).toBe(T0 + i * 1000);
      expect(e.ingestionTime).toBe(T0 + i * 1000);
    }
  });

  it.each<[string, Omit<FilterLogEventsCommandInput, 'logGroupName'>, string[]]>([
    ['inclusive startTime and endTime', { startTime: T0 + 1000, endTime: T0 + 3000 }, ['beta ok', 'gamma error 500', 'delta "quoted phrase" ok']],
    ['logStreamNames', { logStreamNames: ['stream-b'] }, ['beta ok', 'delta "quoted phrase" ok', 'zeta error 404 retry']],
    ['logStreamNamePrefix', { logStreamNamePrefix: 'stream-a' }, ['alpha error 404', 'gamma error 500', 'epsilon warning']],
    ['terms that must all appear', { filterPattern: 'error 404' }, ['alpha error 404', 'zeta error 404 retry']],
    ['a quoted phrase', { filterPattern: '"quoted phrase"' }, ['delta "quoted phrase" ok']],
    ['?any-of terms', { filterPattern: '?warning ?500' }, ['gamma error 500', 'epsilon warning']],
    ['-excluded terms', { filterPattern: 'error -retry' }, ['alpha error 404', 'gamma error 500']],
    ['a %regex%', { filterPattern: '%^(beta|zeta)%' }, ['beta ok', 'zeta error 404 retry']],
  ])('filters by %s', async (_what, input, expected) => {
    const { client } = await seeded();
    expect(await filtered(client, input)).toEqual(expected);
  });

  it('pages with limit and nextToken without losing or repeating events', async () => {
    const { client } = await seeded();
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await client.send(new FilterLogEventsCommand({ logGroupName: GROUP, limit: 4, nextToken: token }));
      seen.push(...(out.events ?? []).map((e) => e.message ?? ''));
      token = out.nextToken;
      pages++;
    } while (token !== undefined);
    expect(pages).toBe(2);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it.each<[string, string, FilterLogEventsCommandInput]>([
    ['an unknown group', 'ResourceNotFoundException', { logGroupName: 'nope' }],
    ['both stream filters', 'InvalidParameterException', { logGroupName: GROUP, logStreamNames: ['stream-a'], logStreamNamePrefix: 'stream' }],
    ['both group name and identifier', 'InvalidParameterException', { logGroupName: GROUP, logGroupIdentifier: GROUP_ARN }],
    ['a bad nextToken', 'InvalidParameterException', { logGroupName: GROUP, nextToken: 'garbage' }],
    ['a limit out of range', 'InvalidParameterException', { logGroupName: GROUP, limit: 10_001 }],
  ])('answers %s with %s', async (_what, name, input) => {
    const { client } = await seeded();
    const err = await rejection(client.send(new FilterLogEventsCommand(input)));
    expect(err.name).toBe(name);
  });
});

describe('GetLogEvents through the real SDK client', () => {
  it('reads from the head with forward tokens, repeating the token at the end', async () => {
    const { client } = await seeded();
    const first = await client.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'stream-a', startFromHead: true, limit: 2 }));
    expect(first.events?.map((e) => e.message)).toEqual(['alpha error 404', 'gamma error 500']);
    const second = await client.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'stream-a', startFromHead: true, nextToken: first.nextForwardToken }));
    expect(second.events?.map((e) => e.message)).toEqual(['epsilon warning']);
    const end = await client.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'stream-a', startFromHead: true, nextToken: second.nextForwardToken }));
    expect(end.events).toEqual([]);
    expect(end.nextForwardToken).toBe(second.nextForwardToken);
  });

  it('returns the latest events by default, oldest first', async () => {
    const { client } = await seeded();
    const out = await client.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'stream-b', limit: 2 }));
    expect(out.events?.map((e) => e.message)).toEqual(['delta "quoted phrase" ok', 'zeta error 404 retry']);
    const back = await client.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'stream-b', nextToken: out.nextBackwardToken }));
    expect(back.events?.map((e) => e.message)).toEqual(['beta ok']);
  });

  it('says which of group and stream does not exist', async () => {
    const { client } = await seeded();
    const noStream = await rejection(client.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'nope' })));
    expect([noStream.name, noStream.message]).toEqual(['ResourceNotFoundException', 'The specified log stream does not exist.']);
    const noGroup = await rejection(client.send(new GetLogEventsCommand({ logGroupName: 'nope', logStreamName: 'nope' })));
    expect([noGroup.name, noGroup.message]).toEqual(['ResourceNotFoundException', 'The specified log group does not exist.']);
  });
});

describe('DescribeLogGroups through the real SDK client', () => {
  it('lists the RDS group, and the DMS group only once the replication first ran', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: true });
    const client = logsClient(sandbox);
    const names = async (): Promise<string[]> =>
      ((await client.send(new DescribeLogGroupsCommand({}))).logGroups ?? []).map((g) => g.logGroupName ?? '');
    expect(await names()).toEqual(['/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql']);
    await sandbox.advance(20_000);
    expect(await names()).toContain('dms-serverless-replication-EAM3JEHXGBGZBPN5PLON7NPDEE');
  });

  it('gives arn with :* and logGroupArn without', async () => {
    const { client } = await seeded();
    const out = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'test-' }));
    expect(out.logGroups).toHaveLength(1);
    expect(out.logGroups?.[0]).toMatchObject({ logGroupName: GROUP, arn: `${GROUP_ARN}:*`, logGroupArn: GROUP_ARN, creationTime: T0 });
  });

  it('matches a name pattern, pages with limit, and refuses prefix with pattern', async () => {
    const { client } = await seeded();
    const byPattern = await client.send(new DescribeLogGroupsCommand({ logGroupNamePattern: 'postgresql' }));
    expect(byPattern.logGroups?.map((g) => g.logGroupName)).toEqual(['/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql']);
    const page = await client.send(new DescribeLogGroupsCommand({ limit: 1 }));
    expect(page.logGroups).toHaveLength(1);
    const rest = await client.send(new DescribeLogGroupsCommand({ limit: 1, nextToken: page.nextToken }));
    expect(rest.logGroups?.[0]?.logGroupName).toBe(GROUP);
    expect(rest.nextToken).toBeUndefined();
    const err = await rejection(client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'a', logGroupNamePattern: 'b' })));
    expect(err.name).toBe('InvalidParameterException');
  });

  it('has no RDS group when the instance exports no logs', async () => {
    const sandbox = await sandboxFor({ scenario: 'no-rds-logs' });
    const client = logsClient(sandbox);
    const out = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/rds/' }));
    expect(out.logGroups).toEqual([]);
  });
});
