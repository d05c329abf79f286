import { DescribeReplicationsCommand, DatabaseMigrationServiceClient } from '@aws-sdk/client-database-migration-service';
import { spawn } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runSandbox } from '../../src/cli/commands/sandbox.js';
import { runCli } from '../../src/cli/program.js';
import { sandboxFor } from './support.js';
import { IO_WAIT } from '../support/waits.js';

interface Captured {
  readonly io: { stdout: PassThrough; stderr: PassThrough; stdin: Readable };
  stdout(): string;
  stderr(): string;
}

function capture(): Captured {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  return { io: { stdout, stderr, stdin: Readable.from([]) }, stdout: () => out, stderr: () => err };
}

describe('dms-live sandbox, in-process', () => {
  it.each([
    [['--port', 'abc'], 'dms-live: --port must be a whole number between 0 and 65535, got "abc"'],
    [['--port', '70000'], 'dms-live: --port must be a whole number between 0 and 65535, got "70000"'],
    [['--speed', '0'], 'dms-live: --speed must be a number between 0.1 and 1000, got "0"'],
    [['--rate', '-1'], 'dms-live: --rate must be a number between 1 and 20000 (events per virtual second), got "-1"'],
    [['--fault', 'bogus=1'], 'dms-live: --fault bogus=1: unknown fault "bogus"'],
    [['--scenario', 'nope', '--port', '0'], 'dms-live: unknown scenario "nope": not a built-in'],
  ])('refuses %j with exit code 2 and one line', async (args, message) => {
    const c = capture();
    const code = await runCli(['sandbox', ...args], c.io);
    expect(code).toBe(2);
    expect(c.stderr().startsWith(message)).toBe(true);
    expect(c.stderr().trimEnd().split('\n')).toHaveLength(1);
  });

  it('says in one line, with exit code 1, that the port is in use', async () => {
    const busy = await sandboxFor();
    const c = capture();
    const code = await runCli(['sandbox', '--port', String(busy.port)], c.io);
    expect(code).toBe(1);
    expect(c.stderr()).toBe(`dms-live: port ${busy.port} on 127.0.0.1 is already in use (try --port 0 for a free one)\n`);
  });

  it('prints the exports, serves until told to stop, then stops cleanly', async () => {
    const c = capture();
    const until = new AbortController();
    const running = runSandbox({ scenario: 'happy-path', port: 0, host: '127.0.0.1', faults: {}, autoStart: false }, c.io, until.signal);
    await expect.poll(() => c.stdout(), IO_WAIT).toContain('Press Ctrl-C to stop.');
    const out = c.stdout();
    const url = /^export AWS_ENDPOINT_URL=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1];
    expect(out).toMatch(/^export AWS_REGION=eu-central-1$/m);
    expect(out).toMatch(/^export AWS_ACCESS_KEY_ID=sandbox$/m);
    expect(out).toMatch(/^export AWS_SECRET_ACCESS_KEY=sandbox$/m);
    expect(out).toMatch(/^export AWS_DISABLE_HOST_PREFIX_INJECTION=true$/m);
    expect(out).toMatch(/^export DMS_REPLICATION_ID=EAM3JEHXGBGZBPN5PLON7NPDEE$/m);
    expect(out).toMatch(/^# {3}testdrive-dms-postgresql-dev-dms-serverless {2}created {2}arn:aws:dms:eu-central-1:123456789012:replication-config:EAM3JEHXGBGZBPN5PLON7NPDEE$/m);
    const client = new DatabaseMigrationServiceClient({ endpoint: url, region: 'eu-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });
    try {
      const r = await client.send(new DescribeReplicationsCommand({}));
      expect(r.Replications?.[0]?.Status).toBe('created');
    } finally {
      client.destroy();
    }
    until.abort();
    await running;
    expect(c.stdout().endsWith('dms-live sandbox: stopped\n')).toBe(true);
  });
});

interface ChildRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const BUNDLE_DEADLINE_MS = 12_000;

/** Runs the built bundle; `onStdout` may act (e.g. send a signal) as output arrives. */
function runBundle(args: readonly string[], onStdout?: (text: string, kill: (signal: NodeJS.Signals) => void) => void): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/dms-live.js', 'sandbox', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    // A child that hangs fails the test with its output, inside the test's own 20 s.
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dms-live sandbox ${args.join(' ')} did not end within ${BUNDLE_DEADLINE_MS} ms; stdout: ${stdout}; stderr: ${stderr}`));
    }, BUNDLE_DEADLINE_MS);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
      onStdout?.(stdout, (signal) => child.kill(signal));
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('dms-live sandbox, the built bundle', () => {
  it('exits non-zero with one line on stderr and no stack trace when the port is in use', async () => {
    const busy = await sandboxFor();
    const r = await runBundle(['--port', String(busy.port)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`dms-live: port ${busy.port} on 127.0.0.1 is already in use (try --port 0 for a free one)\n`);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('stops cleanly on %s with exit code 0', async (signal) => {
    let sent = false;
    const r = await runBundle(['--port', '0'], (text, kill) => {
      if (!sent && text.includes('Press Ctrl-C to stop.')) {
        sent = true;
        kill(signal);
      }
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dms-live sandbox: stopped');
    expect(r.stderr).toBe('');
  });
});
