import { DescribeReplicationsCommand, StartReplicationCommand, StopReplicationCommand } from '@aws-sdk/client-database-migration-service';
import { describe, expect, it, vi } from 'vitest';
import type { Sandbox, ScenarioSpec } from '../../../src/sandbox/index.js';
import { builtInScenario } from '../../../src/sandbox/scenarios/builtins.js';
import { T0, dmsClient, sandboxFor } from '../support.js';
import { groupEvents, parsedEvents, realPostgres, realSandbox, sourceGroup, tcpAttempts } from './support.js';

/** Moves virtual time to `seconds` after T0. */
async function advanceTo(sandbox: Sandbox, seconds: number): Promise<void> {
  await sandbox.advance(T0 + seconds * 1000 - sandbox.now());
}

async function replication(sandbox: Sandbox): Promise<{ status?: string; failure?: string; stats?: Record<string, unknown> }> {
  const out = await dmsClient(sandbox).send(new DescribeReplicationsCommand({}));
  const r = out.Replications?.[0];
  return { status: r?.Status, failure: r?.FailureMessages?.[0], stats: r?.ReplicationStats as Record<string, unknown> | undefined };
}

async function messages(sandbox: Sandbox, group: string): Promise<string[]> {
  return (await groupEvents(sandbox, group)).map((e) => e.message ?? '');
}

function scenario(name: string): ScenarioSpec {
  const spec = builtInScenario(name);
  if (spec === undefined) throw new Error(`no scenario ${name}`);
  return spec;
}

describe.runIf(realPostgres.available)(`replications against a real PostgreSQL${realPostgres.why}`, () => {
  it('a start while the server is still starting shows initializing at once and plays on once the server is up', async () => {
    const sandbox = await sandboxFor({ postgres: 'real', scenario: 'happy-path', autoStart: false, startTime: T0 });
    await dmsClient(sandbox).send(new StartReplicationCommand({ ReplicationConfigArn: sandbox.replications()[0]?.arn, StartReplicationType: 'start-replication' }));
    // initdb alone takes longer than this test takes to get here.
    await sandbox.advance(60_000);
    expect((await replication(sandbox)).status).toBe('initializing');
    await sandbox.postgres.ready();
    await vi.waitFor(async () => {
      await sandbox.advance(1000);
      expect((await replication(sandbox)).status).toBe('preparing_metadata_resources');
    });
  });

  it('test-connection-failure fails on the server\'s own refusals of the password', async () => {
    const { sandbox } = await realSandbox({ scenario: 'test-connection-failure', startTime: T0 });
    await advanceTo(sandbox, 20 + 50);
    const group = sourceGroup(sandbox);
    await vi.waitFor(async () => {
      const refused = tcpAttempts(await parsedEvents(sandbox, group)).filter((a) => a.outcome === 'auth_failed');
      expect(refused).toHaveLength(2);
      // The wording of PostgreSQL 16 and later, which the simulated instance (RDS's 15) never writes.
      for (const a of refused) expect(a.reason).toMatch(/^password authentication failed for user "dynapipe" \(Password does not match for user "dynapipe"\. Connection matched file "/);
    });
    await advanceTo(sandbox, 20 + 62);
    expect(await replication(sandbox)).toMatchObject({ status: 'failed', failure: expect.stringMatching(/^Test connection failed for endpoint /) as unknown });
  });

  it('a happy start whose endpoint password is not the role\'s fails its test connection for real', async () => {
    const spec = scenario('happy-path');
    const { sandbox } = await realSandbox({
      scenario: { ...spec, endpoints: spec.endpoints.map((e) => (e.type === 'source' ? { ...e, password: 'rotated-last-week' } : e)) },
      startTime: T0,
    });
    const group = sourceGroup(sandbox);
    await advanceTo(sandbox, 20 + 45);
    await vi.waitFor(async () => {
      expect(tcpAttempts(await parsedEvents(sandbox, group)).map((a) => a.outcome)).toEqual(['auth_failed']);
    });
    // DMS tries once more, 5 s after the refusal, then fails 18 s after it: the script's fetching_metadata never comes.
    await advanceTo(sandbox, 20 + 45 + 6);
    await vi.waitFor(async () => {
      expect(tcpAttempts(await parsedEvents(sandbox, group)).map((a) => a.outcome)).toEqual(['auth_failed', 'auth_failed']);
    });
    await advanceTo(sandbox, 20 + 100);
    const after = await replication(sandbox);
    expect(after).toMatchObject({ status: 'failed', failure: expect.stringMatching(/Unknown exception while calling 'Test endpoint' API/) as unknown });
    const states = (await messages(sandbox, `dms-serverless-replication-${sandbox.replications()[0]?.resourceId ?? ''}`)).map((m) => /'replication_state':'(\w+)'/.exec(m)?.[1]);
    expect(states).toEqual(['initializing', 'preparing_metadata_resources', 'testing_connection', 'failed']);
  });

  it('loads the tables\' real rows, streams the slot from CDC on, and a stop ends every session DMS held', async () => {
    const { sandbox } = await realSandbox({ scenario: 'happy-path', startTime: T0 });
    const group = sourceGroup(sandbox);
    const resourceId = sandbox.replications()[0]?.resourceId ?? '';
    await advanceTo(sandbox, 20 + 320);
    await vi.waitFor(async () => {
      const text = await messages(sandbox, group);
      expect(text.some((m) => /:LOG: {2}starting logical decoding for slot "[a-z0-9_]+"$/.test(m))).toBe(true);
    });
    const task = (await messages(sandbox, `dms-serverless-replication-${resourceId}`)).join('\n');
    // Six tables of at most 2000 real rows each; products has 812.
    expect(task).toMatch(/Unload finished for table 'public'\.'customers' \(Id = 1\)\. 2000 rows sent\./);
    expect(task).toMatch(/Unload finished for table 'public'\.'products' \(Id = 2\)\. 812 rows sent\./);
    expect((await replication(sandbox)).stats).toMatchObject({ FullLoadProgressPercent: 100, TablesLoaded: 6 });
    const open = tcpAttempts(await parsedEvents(sandbox, group)).filter((a) => a.outcome === 'connected');
    // DMS's two sessions and its CDC stream (the clock jumped: they arrive in any order).
    expect(open.map((a) => a.replication === true).sort()).toEqual([false, false, true]);

    await dmsClient(sandbox).send(new StopReplicationCommand({ ReplicationConfigArn: sandbox.replications()[0]?.arn }));
    await advanceTo(sandbox, 20 + 320 + 26);
    await vi.waitFor(async () => {
      const attempts = tcpAttempts(await parsedEvents(sandbox, group));
      expect(attempts.filter((a) => a.outcome !== 'closed')).toEqual([]);
      expect(attempts).toHaveLength(5);
    });
    // The stream ended as a client ends it (CopyDone), not cut off.
    expect((await messages(sandbox, group)).filter((m) => m.includes('unexpected EOF'))).toEqual([]);
    expect((await replication(sandbox)).status).toBe('stopped');
  });
});
