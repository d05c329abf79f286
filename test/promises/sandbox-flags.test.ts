import { DescribeReplicationsCommand, DatabaseMigrationServiceClient } from '@aws-sdk/client-database-migration-service';
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { oneReplication } from './support.js';

/**
 * `dms-live sandbox` flags as the built bundle reads them (what users run):
 * `--speed` wins over the scenario's `speed`, `--no-auto-start` turns every
 * `autoStartAfterSeconds` off. Real processes: each wait has a deadline well
 * inside the test's own 20 s.
 */

const DEADLINE_MS = 8_000;
const dir = mkdtempSync(join(tmpdir(), 'dms-live-flags-'));
const children = new Set<ChildProcessByStdio<null, Readable, Readable>>();

afterEach(() => {
  // A child a failed test left behind: our own, ended by its pid.
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A scenario file whose replication would start at once, played at speed 30 unless told otherwise. */
const scenarioFile = (): string => {
  const path = join(dir, 'autostart.json');
  writeFileSync(path, JSON.stringify(oneReplication({ autoStartAfterSeconds: 0 }, { speed: 30 })));
  return path;
};

interface Running {
  readonly banner: string;
  status(): Promise<string | undefined>;
  stop(): Promise<number | null>;
}

async function sandbox(args: readonly string[]): Promise<Running> {
  const child = spawn(process.execPath, ['dist/dms-live.js', 'sandbox', '--port', '0', '--scenario', scenarioFile(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no banner within ${DEADLINE_MS} ms; stdout: ${stdout}; stderr: ${stderr}`));
    }, DEADLINE_MS);
    const check = (): void => {
      if (!stdout.includes('Press Ctrl-C to stop.')) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout.on('data', check);
    void closed.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited before its banner; stderr: ${stderr}`));
    });
  });
  const url = /^export AWS_ENDPOINT_URL=(\S+)$/m.exec(stdout)?.[1];
  const client = new DatabaseMigrationServiceClient({ endpoint: url, region: 'eu-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });
  return {
    banner: stdout,
    status: async () => (await client.send(new DescribeReplicationsCommand({}))).Replications?.[0]?.Status,
    stop: async () => {
      client.destroy();
      child.kill('SIGTERM');
      const code = await closed;
      children.delete(child);
      return code;
    },
  };
}

describe('dms-live sandbox flags, the built bundle', () => {
  it('--speed wins over the scenario\'s speed; without it the scenario\'s is used', async () => {
    const fast = await sandbox(['--speed', '5', '--no-auto-start']);
    expect(fast.banner).toMatch(/^dms-live sandbox: scenario promises on http:\/\/127\.0\.0\.1:\d+ \(speed 5x; timestamps are virtual\)$/m);
    expect(await fast.stop()).toBe(0);
    const own = await sandbox(['--no-auto-start']);
    expect(own.banner).toContain('(speed 30x;');
    expect(await own.stop()).toBe(0);
  });

  it('--no-auto-start leaves a replication that would start at once created; without it, it starts', async () => {
    const held = await sandbox(['--no-auto-start']);
    expect(await held.status()).toBe('created');
    expect(await held.stop()).toBe(0);
    const started = await sandbox([]);
    expect(await started.status()).not.toBe('created');
    expect(await started.stop()).toBe(0);
  });
});
