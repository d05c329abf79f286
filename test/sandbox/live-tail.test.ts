import { StartLiveTailCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { StartLiveTailCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it, vi } from 'vitest';
import { logsClient, openLiveTail, rejection, sandboxFor } from './support.js';
import { IO_WAIT } from '../support/waits.js';

const ARN = (name: string): string => `arn:aws:logs:eu-central-1:123456789012:log-group:${name}`;
const RDS_GROUP = '/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql';
const DMS_GROUP = 'dms-serverless-replication-EAM3JEHXGBGZBPN5PLON7NPDEE';

describe('StartLiveTail through the real SDK client', () => {
  it('plays a whole happy-path start: states, PostgreSQL connections and task lines, one update per second', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path' });
    const client = logsClient(sandbox);
    // The DMS group does not exist before the first start (src/FACTS.md).
    const early = await rejection(client.send(new StartLiveTailCommand({ logGroupIdentifiers: [ARN(RDS_GROUP), ARN(DMS_GROUP)] })));
    expect(early.name).toBe('ResourceNotFoundException');

    await sandbox.advance(20_000);
    const tail = await openLiveTail(client, { logGroupIdentifiers: [ARN(RDS_GROUP), ARN(DMS_GROUP)] });
    await sandbox.advance(330_000);
    await vi.waitFor(() => {
      expect(tail.updates()).toHaveLength(330);
    }, IO_WAIT);
    expect(tail.events[0]?.sessionStart).toMatchObject({ logGroupIdentifiers: [ARN(RDS_GROUP), ARN(DMS_GROUP)] });
    const messages = tail.messages();
    const states = messages.flatMap((m) => /^\{'replication_state':'([a-z_]+)'/.exec(m)?.[1] ?? []);
    expect(states).toEqual([
      'preparing_metadata_resources',
      'testing_connection',
      'fetching_metadata',
      'calculating_capacity',
      'provisioning_capacity',
      'replication_starting',
      'running',
    ]);
    const pg = messages.filter((m) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC:10\.\d+\.\d+\.\d+\(\d+\):/.test(m));
    expect(pg.slice(0, 4).map((m) => /\]:LOG: {2}(connection \w+|disconnection)/.exec(m)?.[1])).toEqual([
      'connection received',
      'connection authenticated',
      'connection authorized',
      'disconnection',
    ]);
    expect(messages.some((m) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d \[SOURCE_UNLOAD {3}\]I: {2}Unload finished for table 'public'\.'orders'/.test(m))).toBe(true);
    const result = tail.updates().flatMap((u) => u.sessionResults ?? [])[0];
    expect(result?.logGroupIdentifier).toMatch(/^arn:aws:logs:/);
    expect(typeof result?.timestamp).toBe('number');
    expect(typeof result?.ingestionTime).toBe('number');
  });

  it('delivers only events ingested after the session began, and an empty update each quiet second', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    sandbox.putLogEvent({ group: 'g', stream: 's', message: 'before', createGroup: true });
    const tail = await openLiveTail(logsClient(sandbox), { logGroupIdentifiers: [ARN('g')] });
    await sandbox.advance(2000);
    sandbox.putLogEvent({ group: 'g', stream: 's', message: 'after' });
    await sandbox.advance(1000);
    await vi.waitFor(() => {
      expect(tail.updates()).toHaveLength(3);
    }, IO_WAIT);
    expect(tail.updates().map((u) => [u.sessionResults?.length, u.sessionMetadata?.sampled])).toEqual([[0, false], [0, false], [1, false]]);
    expect(tail.messages()).toEqual(['after']);
  });

  it('samples down to 500 results and says so when more arrive in a second', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    sandbox.putLogEvent({ group: 'g', stream: 's', message: 'seed', createGroup: true });
    const tail = await openLiveTail(logsClient(sandbox), { logGroupIdentifiers: [ARN('g')] });
    for (let i = 0; i < 1200; i++) sandbox.putLogEvent({ group: 'g', stream: 's', message: `line ${i}` });
    await sandbox.advance(1000);
    for (let i = 0; i < 10; i++) sandbox.putLogEvent({ group: 'g', stream: 's', message: `calm ${i}` });
    await sandbox.advance(1000);
    await vi.waitFor(() => {
      expect(tail.updates()).toHaveLength(2);
    }, IO_WAIT);
    const [flood, calm] = tail.updates();
    expect([flood?.sessionResults?.length, flood?.sessionMetadata?.sampled]).toEqual([500, true]);
    expect([calm?.sessionResults?.length, calm?.sessionMetadata?.sampled]).toEqual([10, false]);
  });

  it.each<[string, Partial<StartLiveTailCommandInput>, string[]]>([
    ['logStreamNames', { logStreamNames: ['b'] }, ['b1']],
    ['logStreamNamePrefixes', { logStreamNamePrefixes: ['a'] }, ['a1', 'a2']],
    ['a text logEventFilterPattern', { logEventFilterPattern: '2' }, ['a2']],
  ])('filters by %s', async (_what, filter, expected) => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    sandbox.putLogEvent({ group: 'g', stream: 'a', message: 'seed', createGroup: true });
    const tail = await openLiveTail(logsClient(sandbox), { logGroupIdentifiers: [ARN('g')], ...filter });
    for (const [stream, message] of [['a', 'a1'], ['b', 'b1'], ['a', 'a2']] as const) sandbox.putLogEvent({ group: 'g', stream, message });
    await sandbox.advance(1000);
    await vi.waitFor(() => {
      expect(tail.updates()).toHaveLength(1);
    }, IO_WAIT);
    expect(tail.messages()).toEqual(expected);
  });

  it.each<[string, string, StartLiveTailCommandInput]>([
    ['more than 10 groups', 'InvalidParameterException', { logGroupIdentifiers: Array.from({ length: 11 }, () => ARN(RDS_GROUP)) }],
    ['an ARN ending in :*', 'InvalidParameterException', { logGroupIdentifiers: [`${ARN(RDS_GROUP)}:*`] }],
    ['a group name instead of an ARN', 'InvalidParameterException', { logGroupIdentifiers: [RDS_GROUP] }],
    ['an unknown group', 'ResourceNotFoundException', { logGroupIdentifiers: [ARN('nope')] }],
    ['stream names with two groups', 'InvalidParameterException', { logGroupIdentifiers: [ARN(RDS_GROUP), ARN('g')], logStreamNames: ['x'] }],
    ['stream names and prefixes together', 'InvalidParameterException', { logGroupIdentifiers: [ARN(RDS_GROUP)], logStreamNames: ['x'], logStreamNamePrefixes: ['y'] }],
  ])('refuses %s with %s', async (_what, name, input) => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    sandbox.putLogEvent({ group: 'g', stream: 's', message: 'x', createGroup: true });
    const err = await rejection(logsClient(sandbox).send(new StartLiveTailCommand(input)));
    expect(err.name).toBe(name);
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });

  it('closes the session and its timers when the client aborts', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const client = logsClient(sandbox);
    const controller = new AbortController();
    const response = await client.send(new StartLiveTailCommand({ logGroupIdentifiers: [ARN(RDS_GROUP)] }), { abortSignal: controller.signal });
    expect(sandbox.liveTailSessions()).toBe(1);
    controller.abort();
    await expect(async () => {
      for await (const _ of response.responseStream ?? []) {
        // Drains until the abort ends the loop.
      }
    }).rejects.toThrow();
    await vi.waitFor(() => {
      expect(sandbox.liveTailSessions()).toBe(0);
    }, IO_WAIT);
  });

  it('refuses a session beyond the concurrent limit with LimitExceededException', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, faults: { maxLiveTailSessions: 1 } });
    const client = logsClient(sandbox);
    await openLiveTail(client, { logGroupIdentifiers: [ARN(RDS_GROUP)] });
    const err = await rejection(client.send(new StartLiveTailCommand({ logGroupIdentifiers: [ARN(RDS_GROUP)] })));
    expect(err.name).toBe('LimitExceededException');
  });
});
