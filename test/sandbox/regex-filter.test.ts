import { FilterLogEventsCommand, StartLiveTailCommand } from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it, vi } from 'vitest';
import { logsClient, openLiveTail, rejection, sandboxFor } from './support.js';

const GROUP = 'regex-group';
const ARN = `arn:aws:logs:eu-central-1:123456789012:log-group:${GROUP}`;

/**
 * `%(.|.)*#%` takes a backtracking engine 2^n steps on a line of n characters
 * without a `#`: seconds for 25 characters in V8. Linear-time matching
 * (RE2) answers at once.
 */
const CATASTROPHIC = '%(.|.)*#%';
const HARMLESS_LOOKING = ['x'.repeat(25), 'y'.repeat(25), 'z'.repeat(25)];

describe('%regex% filter patterns run in linear time', () => {
  it('FilterLogEvents answers a catastrophic pattern at once', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    for (const message of [...HARMLESS_LOOKING, 'one # here']) sandbox.putLogEvent({ group: GROUP, stream: 's', message, createGroup: true });
    const started = performance.now();
    const out = await logsClient(sandbox).send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: CATASTROPHIC }));
    expect(performance.now() - started).toBeLessThan(500);
    expect(out.events?.map((e) => e.message)).toEqual(['one # here']);
  });

  it('StartLiveTail matches a catastrophic logEventFilterPattern at once', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    sandbox.putLogEvent({ group: GROUP, stream: 's', message: 'seed', createGroup: true });
    const tail = await openLiveTail(logsClient(sandbox), { logGroupIdentifiers: [ARN], logEventFilterPattern: CATASTROPHIC });
    const started = performance.now();
    for (const message of [...HARMLESS_LOOKING, 'one # here']) sandbox.putLogEvent({ group: GROUP, stream: 's', message });
    expect(performance.now() - started).toBeLessThan(500);
    await sandbox.advance(1000);
    await vi.waitFor(() => {
      expect(tail.updates()).toHaveLength(1);
    }, { timeout: 5000 });
    expect(tail.messages()).toEqual(['one # here']);
  });

  it.each([
    ['a backreference', '%(a)\\1%'],
    ['a lookahead', '%a(?=b)%'],
    ['a negative lookahead', '%a(?!b)%'],
    ['a lookbehind', '%(?<=a)b%'],
    ['an unclosed group', '%(abc%'],
    ['a repeat count above 1000', '%a{1001}%'],
  ])('refuses %s like CloudWatch: InvalidParameterException "Invalid filter pattern"', async (_what, filterPattern) => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    sandbox.putLogEvent({ group: GROUP, stream: 's', message: 'ab', createGroup: true });
    const client = logsClient(sandbox);
    const filtered = await rejection(client.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern })));
    expect([filtered.name, filtered.message, filtered.$metadata?.httpStatusCode]).toEqual(['InvalidParameterException', 'Invalid filter pattern', 400]);
    const tailed = await rejection(client.send(new StartLiveTailCommand({ logGroupIdentifiers: [ARN], logEventFilterPattern: filterPattern })));
    expect([tailed.name, tailed.message, tailed.$metadata?.httpStatusCode]).toEqual(['InvalidParameterException', 'Invalid filter pattern', 400]);
  });

  it('refuses a pattern whose compiled program is too large to match quickly', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    sandbox.putLogEvent({ group: GROUP, stream: 's', message: 'ab', createGroup: true });
    const err = await rejection(logsClient(sandbox).send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: `%${'.{1000}'.repeat(5)}%` })));
    expect([err.name, err.message]).toEqual(['InvalidParameterException', 'Invalid filter pattern']);
  });

  it('refuses a filter pattern longer than the API allows (1024 characters)', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    sandbox.putLogEvent({ group: GROUP, stream: 's', message: 'ab', createGroup: true });
    const err = await rejection(logsClient(sandbox).send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: `%${'a'.repeat(1023)}%` })));
    expect([err.name, err.$metadata?.httpStatusCode]).toEqual(['InvalidParameterException', 400]);
    expect(err.message).toMatch(/Member must have length less than or equal to 1024/);
  });

  it('still matches what RE2 and CloudWatch support: classes, anchors, repeats, alternation', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    for (const message of ['10.0.0.75 refused', 'Error: disk', 'colour', 'color', 'plain']) sandbox.putLogEvent({ group: GROUP, stream: 's', message, createGroup: true });
    const client = logsClient(sandbox);
    const messages = async (filterPattern: string): Promise<(string | undefined)[] | undefined> =>
      (await client.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern }))).events?.map((e) => e.message);
    expect(await messages('%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%')).toEqual(['10.0.0.75 refused']);
    expect(await messages('%[Ee]rror|[Ff]ail%')).toEqual(['Error: disk']);
    expect(await messages('%^colou?r$%')).toEqual(['colour', 'color']);
  });
});
