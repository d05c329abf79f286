import { describe, expect, it, vi } from 'vitest';
import { runCliCaptured } from '../support/cli.js';
import { pointCliAt } from '../support/sandbox-env.js';
import { sandboxFor } from '../sandbox/support.js';

describe('dms-live watch: usage', () => {
  it.each([
    [[], /^dms-live: watch needs a replication: an ARN, its resource id or its name \(or set DMS_REPLICATION_ID\)\n$/],
    [['r1', '--timeout', '10m'], /^dms-live: --timeout needs --until/],
    [['r1', '--since', 'yesterday'], /^dms-live: --since yesterday: expected a duration \(15m, 2h, 1d\) or an ISO 8601 time/],
    [['r1', '--poll', '0'], /^dms-live: --poll 0: expected seconds between 1 and 3600/],
    [['r1', '--until', 'done'], /argument 'done' is invalid. Allowed choices are running, cdc, stopped, failed, settled/],
    [['arn:aws:dms:eu-central-1:123456789012:endpoint:ABC'], /^dms-live: .*replication-config/],
  ])('watch %j is a one-line usage error with exit 2', async (args, message) => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    pointCliAt(sandbox);
    const run = await runCliCaptured(['watch', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('names the close ones for an unknown replication (exit 1)', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    pointCliAt(sandbox);
    const run = await runCliCaptured(['watch', 'testdrive-dms-postgresql-dev-dms-serverles']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^dms-live: no replication .* did you mean testdrive-dms-postgresql-dev-dms-serverless\?\n$/);
  });
});

describe('dms-live start --watch (real time, a fast sandbox)', () => {
  it('starts, then follows the replication to CDC in NDJSON, and exits 0', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, manualClock: false, speed: 200, startTime: Date.now() });
    pointCliAt(sandbox);
    const id = sandbox.replications()[0]?.resourceId ?? '';
    const run = await runCliCaptured(['start', id, '--watch', '--until', 'cdc', '--json', '--poll', '1']);
    expect(run.stderr).toBe('testdrive-dms-postgresql-dev-dms-serverless: start (start-replication) accepted, status initializing\n');
    expect(run.code).toBe(0);
    const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { kind: string; state?: string });
    expect(records.filter((r) => r.kind === 'state').map((r) => r.state)).toContain('running');
    expect(records.some((r) => r.kind === 'status' && r.state === 'running')).toBe(true);
  });

  it('writes plain lines when stdout is not a terminal and --json is not given', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, manualClock: false, speed: 200, startTime: Date.now() });
    pointCliAt(sandbox);
    vi.stubEnv('DMS_REPLICATION_ID', sandbox.replications()[0]?.resourceId ?? '');
    const run = await runCliCaptured(['start', sandbox.replications()[0]?.resourceId ?? '', '--watch', '--until', 'running', '--poll', '1']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.every((line) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (api|live|dms|postgres|dms-task|other) /.test(line))).toBe(true);
    expect(lines.some((line) => / api +status .*running/.test(line))).toBe(true);
  });
});
