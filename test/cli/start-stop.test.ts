import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import type { SandboxOptions } from '../../src/sandbox/index.js';
import { runCliCaptured } from '../support/cli.js';
import { pointCliAt } from '../support/sandbox-env.js';
import { sandboxFor } from '../sandbox/support.js';

const NAME = 'testdrive-dms-postgresql-dev-dms-serverless';

async function happyPath(options: SandboxOptions = {}) {
  const calls: string[] = [];
  const sandbox = await sandboxFor({
    scenario: 'happy-path',
    autoStart: false,
    onResponse: (r) => {
      if ((r.kind === 'output' || r.kind === 'error') && (r.operation === 'StartReplication' || r.operation === 'StopReplication')) {
        calls.push(`${r.operation} ${String(r.status)}`);
      }
    },
    ...options,
  });
  pointCliAt(sandbox);
  return { sandbox, calls };
}

describe('dms-live start', () => {
  it('starts a replication that never ran with start-replication by default: one call, the new status, exit 0', async () => {
    const { sandbox, calls } = await happyPath();
    const run = await runCliCaptured(['start', sandbox.replications()[0]?.resourceId ?? '']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${NAME}: start (start-replication) accepted, status initializing\n`);
    expect(calls).toEqual(['StartReplication 200']);
    expect(sandbox.replications()[0]?.status).toBe('initializing');
  });

  it('refuses to start a running replication without calling DMS (exit 1)', async () => {
    const { sandbox, calls } = await happyPath();
    await runCliCaptured(['start', NAME]);
    await sandbox.advance(400_000);
    const run = await runCliCaptured(['start', NAME, '--type', 'resume-processing']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`dms-live: cannot start ${NAME} with resume-processing: it is running; a replication can be started only when it is created, stopped or failed\n`);
    expect(calls).toEqual(['StartReplication 200']);
  });

  it('asks for --type after a stop, naming the types that fit (exit 2), then resumes with one', async () => {
    const { sandbox, calls } = await happyPath();
    await runCliCaptured(['start', NAME]);
    await sandbox.advance(400_000);
    expect((await runCliCaptured(['stop', NAME])).stdout).toBe(`${NAME}: stop accepted, status stopping\n`);
    await sandbox.advance(30_000);
    const bare = await runCliCaptured(['start', NAME]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toBe(
      `dms-live: ${NAME} has run before (it is stopped): pass --type resume-processing (continue from where it stopped) or --type reload-target (load every table again, then continue)\n`,
    );
    const resumed = await runCliCaptured(['start', NAME, '--type', 'resume-processing']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe(`${NAME}: start (resume-processing) accepted, status initializing\n`);
    expect(calls).toEqual(['StartReplication 200', 'StopReplication 200', 'StartReplication 200']);
  });

  it('refuses resume-processing for a replication that never ran (exit 1), and an unknown type (exit 2)', async () => {
    await happyPath();
    const run = await runCliCaptured(['start', NAME, '--type', 'resume-processing']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`dms-live: cannot start ${NAME} with resume-processing: it never ran, and the first run must be start-replication\n`);
    const bad = await runCliCaptured(['start', NAME, '--type', 'resume']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/option '--type <type>' argument 'resume' is invalid\. Allowed choices are start-replication, resume-processing, reload-target/);
  });

  it('reports a denied start in one line naming the IAM action (exit 1)', async () => {
    const { calls } = await happyPath({ faults: { denyActions: ['StartReplication'] } });
    const run = await runCliCaptured(['start', NAME]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`dms-live: ${NAME}: start refused: access denied: your IAM identity may not call dms:StartReplication; ask for that permission (profile default)\n`);
    expect(calls).toEqual(['StartReplication 400']);
  });

  it('says a replication is not found (exit 1) and a malformed ARN is bad usage (exit 2)', async () => {
    await happyPath();
    const missing = await runCliCaptured(['start', 'testdrive-dms-postgresql-dev-dms-serverles']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`dms-live: no replication "testdrive-dms-postgresql-dev-dms-serverles" in eu-central-1; did you mean ${NAME}?\n`);
    const malformed = await runCliCaptured(['stop', 'arn:aws:dms:eu-central-1:123456789012:endpoint:ABCDEFGHIJKLMNOPQRSTUVWXYZ']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/^dms-live: "arn:aws:dms:.*" is not a replication config ARN \(it names a DMS endpoint\)/);
  });

  it('uses the region of an ARN over AWS_REGION', async () => {
    const { sandbox } = await happyPath();
    vi.stubEnv('AWS_REGION', 'us-west-2');
    const arn = sandbox.replications()[0]?.arn ?? '';
    const run = await runCliCaptured(['start', arn]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('dms-live stop', () => {
  it('refuses to stop what is not running without calling DMS (exit 1)', async () => {
    const { calls } = await happyPath();
    const run = await runCliCaptured(['stop', NAME]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`dms-live: cannot stop ${NAME}: it is created: there is nothing to stop (only a starting or running replication can be stopped)\n`);
    expect(calls).toEqual([]);
  });

  it('stops a starting replication with one call', async () => {
    const { sandbox, calls } = await happyPath();
    await runCliCaptured(['start', NAME]);
    await sandbox.advance(45_000);
    const run = await runCliCaptured(['stop', sandbox.replications()[0]?.arn ?? '']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${NAME}: stop accepted, status stopping\n`);
    expect(calls).toEqual(['StartReplication 200', 'StopReplication 200']);
  });

  it('says in one line when the endpoint cannot be reached (exit 1)', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'sandbox');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'sandbox');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const run = await runCliCaptured(['stop', NAME, '--endpoint-url', `http://127.0.0.1:${port}`, '--region', 'eu-central-1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`dms-live: cannot reach http://127.0.0.1:${port} (ECONNREFUSED): check the network/VPN or --endpoint-url\n`);
  });
});
