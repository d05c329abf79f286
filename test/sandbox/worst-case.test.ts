import { DescribeReplicationsCommand } from '@aws-sdk/client-database-migration-service';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { spawn } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { RANGES } from '../../src/sandbox/scenarios/ranges.js';
import { dmsClient, logsClient, openLiveTail, sandboxFor } from './support.js';

/**
 * The sandbox at the worst values its ranges allow (`--speed 1000`,
 * `--scenario flood --rate 20000`: 20 million lines a wall second asked
 * for) still answers HTTP, stops, and exits on SIGTERM. These run on a real
 * clock, so each wait has a deadline well inside the test's own timeout.
 */

const RDS_GROUP = '/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql';
const DEADLINE_MS = 5000;

/** Resolves with how long `promise` took, or rejects when it takes longer than `ms`. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what} took longer than ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('the sandbox at its worst allowed values', () => {
  it('answers HTTP and stops promptly while the flood runs flat out', { timeout: 20_000 }, async () => {
    const sandbox = await sandboxFor({ scenario: 'flood', speed: RANGES.speed.max, rate: RANGES.rate.max, manualClock: false, startTime: Date.now() });
    const dms = dmsClient(sandbox);
    const logs = logsClient(sandbox);
    // A Live Tail reader in this same process: a thousand updates of 500 lines a wall second are offered to it.
    const tail = await within(DEADLINE_MS, 'StartLiveTail', openLiveTail(logs, { logGroupIdentifiers: [`arn:aws:logs:eu-central-1:123456789012:log-group:${RDS_GROUP}`] }));
    for (let i = 0; i < 3; i++) {
      const out = await within(DEADLINE_MS, 'DescribeReplications', dms.send(new DescribeReplicationsCommand({})));
      expect(out.Replications?.[0]?.Status).toBe('running');
    }
    // The flood really runs: its lines arrive, and the log keeps being written while requests are answered.
    const first = await within(DEADLINE_MS, 'FilterLogEvents', logs.send(new FilterLogEventsCommand({ logGroupName: RDS_GROUP, limit: 1, startFromHead: false })));
    expect(first.events).toHaveLength(1);
    await vi.waitFor(() => {
      expect(tail.updates().length).toBeGreaterThan(0);
    }, { timeout: DEADLINE_MS });
    expect(sandbox.resources().liveTailQueuedBytes).toBeLessThan(4 * 1024 * 1024);
    await within(DEADLINE_MS, 'stop()', sandbox.stop());
  });
});

describe('dms-live sandbox, the built bundle, at its worst allowed values', () => {
  it('exits cleanly on SIGTERM', { timeout: 20_000 }, async () => {
    const child = spawn(
      process.execPath,
      ['dist/dms-live.js', 'sandbox', '--port', '0', '--scenario', 'flood', '--speed', String(RANGES.speed.max), '--rate', String(RANGES.rate.max)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await within(DEADLINE_MS, 'the banner', new Promise<void>((resolve) => {
        const check = (): void => {
          if (stdout.includes('Press Ctrl-C to stop.')) resolve();
        };
        child.stdout.on('data', check);
        check();
      }));
      // Ask it something first, so the flood is running flat out when the signal comes.
      const url = /^export AWS_ENDPOINT_URL=(\S+)$/m.exec(stdout)?.[1] ?? '';
      const answer = await within(DEADLINE_MS, 'DescribeReplications', fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AmazonDMSv20160101.DescribeReplications', Authorization: 'AWS4-HMAC-SHA256 Credential=x' },
        body: '{}',
      }));
      expect(answer.status).toBe(200);
      child.kill('SIGTERM');
      expect(await within(DEADLINE_MS, 'exit after SIGTERM', closed)).toBe(0);
      expect(stdout).toContain('dms-live sandbox: stopped');
      expect(stderr).toBe('');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
