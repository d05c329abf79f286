import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { describeSandbox, runSandbox } from '../../src/cli/commands/sandbox.js';
import type { ScenarioSpec } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { dmsClient, sandboxFor } from './support.js';
import { DescribeReplicationsCommand } from '@aws-sdk/client-database-migration-service';

/**
 * Scenario files are input like log text: their names, ids and states reach
 * the sandbox's banner, which goes to a terminal. Escape sequences, line
 * breaks and bidi overrides in them are shown escaped, never played.
 */

const ESC = '\u001b';
const hostile: ScenarioSpec = {
  name: `demo${ESC}]0;pwned\u0007${ESC}[2J`,
  endpoints: [
    { id: 'src', type: 'source', rdsInstance: `db${ESC}[31m\u202Eevil` },
    { id: 'dst', type: 'target', engine: 's3' },
  ],
  replications: [
    {
      id: `r1\nexport AWS_ENDPOINT_URL=http://evil.example`,
      source: 'src',
      target: 'dst',
      history: ['start'],
      onStart: [{ at: 0, state: `running${ESC}[8m` }],
    },
  ],
};

/** Control characters other than the line breaks between lines, and bidi overrides. */
// eslint-disable-next-line no-control-regex -- finding control characters is this regex's purpose
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('the sandbox banner', () => {
  it('escapes scenario names, ids, states and log group names like log text', async () => {
    const sandbox = await sandboxFor({ scenario: hostile });
    const banner = describeSandbox(sandbox);
    expect(banner).not.toMatch(UNSAFE);
    expect(banner).toContain('scenario demo\\x1b]0;pwned\\x07\\x1b[2J on http://127.0.0.1:');
    expect(banner).toContain('#   r1\\nexport AWS_ENDPOINT_URL=http://evil.example  running\\x1b[8m  arn:aws:dms:');
    expect(banner).toContain(':log-group:/aws/rds/instance/db\\x1b[31m\\u202eevil/postgresql');
    // The only export lines are the sandbox's own.
    expect(banner.split('\n').filter((line) => line.startsWith('export ')).map((line) => line.split('=')[0])).toEqual([
      'export AWS_ENDPOINT_URL',
      'export AWS_REGION',
      'export AWS_DEFAULT_REGION',
      'export AWS_ACCESS_KEY_ID',
      'export AWS_SECRET_ACCESS_KEY',
      'export AWS_DISABLE_HOST_PREFIX_INJECTION',
      'export DMS_REPLICATION_ID',
    ]);
  });

  it('prints a safe banner from the command too', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const until = new AbortController();
    until.abort();
    const dir = mkdtempSync(join(tmpdir(), 'dms-live-banner-'));
    try {
      const file = join(dir, 'hostile.json');
      writeFileSync(file, JSON.stringify(hostile));
      await runSandbox({ scenario: file, port: 0, host: '127.0.0.1', faults: {}, autoStart: false }, { stdout, stderr: new PassThrough(), stdin: Readable.from([]) }, until.signal);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(out).toContain('Press Ctrl-C to stop.');
    expect(out).toContain('scenario demo\\x1b]0;pwned');
    expect(out).not.toMatch(UNSAFE);
  });

  it('advertises an IPv6 address in brackets, shell-quoted, and it works', async () => {
    const sandbox = await sandboxFor({ host: '::1' });
    expect(sandbox.url).toBe(`http://[::1]:${sandbox.port}`);
    expect(describeSandbox(sandbox)).toContain(`export AWS_ENDPOINT_URL='http://[::1]:${sandbox.port}'\n`);
    const out = await dmsClient(sandbox).send(new DescribeReplicationsCommand({}));
    expect(out.Replications).toHaveLength(1);
  });

  it('refuses an empty host in the library too (Node would listen on every interface)', async () => {
    await expect(startSandbox({ port: 0, host: '' })).rejects.toThrow(/^host must not be empty/);
  });
});
