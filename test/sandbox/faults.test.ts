import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeReplicationsCommand, StartReplicationCommand } from '@aws-sdk/client-database-migration-service';
import { describe, expect, it, vi } from 'vitest';
import type { FaultSpec } from '../../src/sandbox/index.js';
import { dmsClient, logsClient, openLiveTail, rejection, sandboxFor } from './support.js';
import { IO_WAIT } from '../support/waits.js';

const RDS_ARN = 'arn:aws:logs:eu-central-1:123456789012:log-group:/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql';

async function tailWith(faults: Partial<FaultSpec>, seconds: number) {
  const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, faults });
  const tail = await openLiveTail(logsClient(sandbox), { logGroupIdentifiers: [RDS_ARN] });
  await sandbox.advance(seconds * 1000);
  const end = await tail.ended;
  return { sandbox, tail, end };
}

describe('Live Tail faults, as the SDK client sees them', () => {
  it('endAfterSeconds ends the for-await loop cleanly, without an error', async () => {
    const { tail, end } = await tailWith({ endAfterSeconds: 3 }, 5);
    expect(end).toEqual({ how: 'clean' });
    expect(tail.updates()).toHaveLength(2);
  });

  it('cutMidFrameAfterSeconds gives "Truncated event message received."', async () => {
    const { end } = await tailWith({ cutMidFrameAfterSeconds: 2 }, 3);
    expect(end.how).toBe('error');
    expect(end.error?.message).toBe('Truncated event message received.');
  });

  it('resetAfterSeconds kills the connection: aborted or ECONNRESET', async () => {
    const { end } = await tailWith({ resetAfterSeconds: 2 }, 3);
    expect(end.how).toBe('error');
    expect(`${end.error?.name ?? ''} ${end.error?.message ?? ''} ${(end.error as { code?: string } | undefined)?.code ?? ''}`).toMatch(/aborted|ECONNRESET/);
  });

  it('streamingExceptionAfterSeconds throws SessionStreamingException', async () => {
    const { end } = await tailWith({ streamingExceptionAfterSeconds: 2 }, 3);
    expect(end.error?.name).toBe('SessionStreamingException');
  });

  it('maxSessionSeconds ends the session with SessionTimeoutException', async () => {
    const { tail, end } = await tailWith({ maxSessionSeconds: 60 }, 61);
    expect(end.error?.name).toBe('SessionTimeoutException');
    expect(tail.updates()).toHaveLength(59);
  });

  it('stallAfterSeconds keeps the connection open and sends nothing more', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, faults: { stallAfterSeconds: 2 } });
    const tail = await openLiveTail(logsClient(sandbox), { logGroupIdentifiers: [RDS_ARN] });
    await sandbox.advance(10_000);
    await vi.waitFor(() => {
      expect(tail.updates()).toHaveLength(1);
    }, IO_WAIT);
    expect([sandbox.liveTailSessions(), sandbox.liveTailFramesSent()]).toEqual([1, 2]);
  });

  it('liveTailRotation gives each new session the next fault set in turn', async () => {
    const sandbox = await sandboxFor({
      scenario: 'happy-path',
      autoStart: false,
      faults: { liveTailRotation: [{ endAfterSeconds: 2 }, { streamingExceptionAfterSeconds: 1 }] },
    });
    const client = logsClient(sandbox);
    const ends = [];
    for (let i = 0; i < 3; i++) {
      const tail = await openLiveTail(client, { logGroupIdentifiers: [RDS_ARN] });
      await sandbox.advance(3000);
      ends.push(await tail.ended);
    }
    expect(ends.map((e) => e.error?.name ?? e.how)).toEqual(['clean', 'SessionStreamingException', 'clean']);
  });

  it('after() runs a callback on the virtual clock', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const seen: number[] = [];
    sandbox.after(1500, () => seen.push(sandbox.now()));
    sandbox.after(500, () => seen.push(sandbox.now())).cancel();
    await sandbox.advance(2000);
    expect(seen).toEqual([sandbox.now() - 500]);
  });

  it('ends a session after 3 virtual hours by default, as AWS does', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const tail = await openLiveTail(logsClient(sandbox), { logGroupIdentifiers: [RDS_ARN] });
    await sandbox.advance(3 * 60 * 60 * 1000 - 2000);
    expect(sandbox.liveTailSessions()).toBe(1);
    await sandbox.advance(2000);
    expect((await tail.ended).error?.name).toBe('SessionTimeoutException');
    expect(sandbox.liveTailSessions()).toBe(0);
  });
});

describe('API faults, as the SDK clients see them', () => {
  it('throttleEvery answers every k-th DMS call with ThrottlingException (HTTP 400); Logs calls do not count', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, faults: { throttleEvery: 3 } });
    const dms = dmsClient(sandbox);
    const logs = logsClient(sandbox);
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      await logs.send(new DescribeLogGroupsCommand({}));
      try {
        await dms.send(new DescribeReplicationsCommand({}));
        outcomes.push('ok');
      } catch (err) {
        outcomes.push(`${(err as Error).name} ${(err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0}`);
      }
    }
    expect(outcomes).toEqual(['ok', 'ok', 'ThrottlingException 400', 'ok', 'ok', 'ThrottlingException 400']);
  });

  it('serverErrors answers HTTP 500 InternalFailure during its window only', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, faults: { serverErrors: { afterSeconds: 10, forSeconds: 5 } } });
    const dms = dmsClient(sandbox);
    const logs = logsClient(sandbox);
    await dms.send(new DescribeReplicationsCommand({}));
    await sandbox.advance(10_000);
    for (const call of [dms.send(new DescribeReplicationsCommand({})), logs.send(new DescribeLogGroupsCommand({}))]) {
      const err = await rejection(call);
      expect([err.name, err.$metadata?.httpStatusCode, (err as { $fault?: string }).$fault]).toEqual(['InternalFailure', 500, 'server']);
    }
    await sandbox.advance(5000);
    await expect(dms.send(new DescribeReplicationsCommand({}))).resolves.toBeDefined();
  });

  it('delayMs holds every answer until that much virtual time has passed', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, faults: { delayMs: 2000 } });
    let answered = false;
    const call = dmsClient(sandbox)
      .send(new DescribeReplicationsCommand({}))
      .then((out) => {
        answered = true;
        return out;
      });
    await vi.waitFor(() => {
      expect(sandbox.delayedRequests()).toBe(1);
    }, IO_WAIT);
    await sandbox.advance(1999);
    expect([answered, sandbox.delayedRequests()]).toEqual([false, 1]);
    await sandbox.advance(1);
    expect(sandbox.delayedRequests()).toBe(0);
    expect((await call).Replications).toHaveLength(1);
  });

  it('denyActions answers AccessDeniedException, and setFaults changes faults while running', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const dms = dmsClient(sandbox);
    const [r] = sandbox.replications();
    sandbox.setFaults({ denyActions: ['StartReplication'] });
    const err = await rejection(dms.send(new StartReplicationCommand({ ReplicationConfigArn: r?.arn, StartReplicationType: 'start-replication' })));
    expect(err.name).toBe('AccessDeniedException');
    expect(err.message).toContain('dms:StartReplication');
    sandbox.setFaults({ denyActions: [] });
    await expect(dms.send(new StartReplicationCommand({ ReplicationConfigArn: r?.arn, StartReplicationType: 'start-replication' }))).resolves.toBeDefined();
  });
});
