import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { runCliCaptured } from '../support/cli.js';
import { pointCliAt } from '../support/sandbox-env.js';
import { sandboxFor } from '../sandbox/support.js';

interface Record {
  readonly identifier: string;
  readonly status: string;
  readonly failureMessages: string[];
  readonly [key: string]: unknown;
}

describe('dms-live list', () => {
  it('prints every replication of the fleet, failed ones first', async () => {
    const sandbox = await sandboxFor({ scenario: 'fleet', autoStart: false });
    pointCliAt(sandbox);
    const run = await runCliCaptured(['list']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+TYPE\s+DCU\s+LOAD\s+LAST CHANGE\s+NOTE$/);
    expect(lines).toHaveLength(26);
    const statuses = lines.slice(1).map((l) => l.split(/\s+/)[1]);
    const firstOther = statuses.findIndex((s) => s !== 'failed');
    expect(statuses.slice(0, firstOther).length).toBeGreaterThan(0);
    expect(statuses.slice(firstOther)).not.toContain('failed');
    expect(run.stdout).toMatch(/orders-to-lake\s+running\s+full-load-and-cdc\s+\d+\s+100%\s+\S.* ago/);
  });

  it('--json writes one record per replication with a fixed set of keys', async () => {
    const sandbox = await sandboxFor({ scenario: 'fleet', autoStart: false });
    pointCliAt(sandbox);
    const run = await runCliCaptured(['list', '--json']);
    expect(run.code).toBe(0);
    const records = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record);
    expect(records).toHaveLength(25);
    expect(Object.keys(records[0] ?? {})).toEqual([
      'kind', 'identifier', 'arn', 'resourceId', 'region', 'status', 'type', 'startType', 'dcu', 'provisionState',
      'fullLoadPercent', 'tables', 'stopReason', 'failureMessages', 'created', 'lastChange', 'lastStop', 'runStart',
    ]);
    const failed = records.filter((r) => r.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(records[0]?.status).toBe('failed');
    expect(failed[0]?.failureMessages[0]).toMatch(/./);
    const created = records.find((r) => r.status === 'created');
    expect(created).toMatchObject({ dcu: null, runStart: null, region: 'eu-central-1' });
    expect(records.map((r) => r.resourceId)).toEqual(expect.arrayContaining(sandbox.replications().map((r) => r.resourceId)));
  });

  it('takes the global AWS options before or after the command', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'sandbox');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'sandbox');
    vi.stubEnv('AWS_ENDPOINT_URL', undefined);
    for (const argv of [
      ['--endpoint-url', sandbox.url, '--region', 'eu-central-1', 'list', '--json'],
      ['list', '--json', '--endpoint-url', sandbox.url, '--region', 'eu-central-1'],
    ]) {
      const run = await runCliCaptured(argv);
      expect(run.stderr).toBe('');
      expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  it('fails in one line with exit 1 when DescribeReplications is denied', async () => {
    const sandbox = await sandboxFor({ scenario: 'fleet', autoStart: false, faults: { denyActions: ['DescribeReplications'] } });
    pointCliAt(sandbox);
    const run = await runCliCaptured(['list']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('dms-live: access denied: your IAM identity may not call dms:DescribeReplications; ask for that permission (profile default)\n');
  });

  it('says how to get credentials, in one line with exit 1, for a profile that does not exist', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const dir = mkdtempSync(join(tmpdir(), 'dms-live-cli-'));
    try {
      writeFileSync(join(dir, 'empty'), '');
      vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'empty'));
      vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'empty'));
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN']) {
        vi.stubEnv(name, undefined);
      }
      vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
      const run = await runCliCaptured(['list', '--profile', 'ghost', '--region', 'eu-central-1', '--endpoint-url', sandbox.url]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^dms-live: no AWS credentials found: run aws configure, aws sso login --profile ghost, or set AWS_PROFILE \(profile ghost: [^\n]*\)\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says how to set a region when none is set (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dms-live-cli-'));
    try {
      writeFileSync(join(dir, 'empty'), '');
      vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'empty'));
      vi.stubEnv('AWS_REGION', undefined);
      vi.stubEnv('AWS_DEFAULT_REGION', undefined);
      vi.stubEnv('AWS_PROFILE', undefined);
      const run = await runCliCaptured(['list']);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('dms-live: no region: pass --region, set AWS_REGION, or set region in profile default\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad endpoint URL with exit 2', async () => {
    vi.stubEnv('AWS_REGION', 'eu-central-1');
    const run = await runCliCaptured(['list', '--endpoint-url', 'localhost:4577']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('dms-live: --endpoint-url "localhost:4577" is not a URL (expected e.g. https://dms.eu-central-1.amazonaws.com or http://127.0.0.1:4577)\n');
  });

  it('runs from the built bundle with the sandbox environment', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const env = { PATH: process.env.PATH ?? '', ...sandbox.exports(), AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true' };
    const child = spawn(process.execPath, ['dist/dms-live.js', 'list', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as Record).identifier).toBe('testdrive-dms-postgresql-dev-dms-serverless');
  });
});
