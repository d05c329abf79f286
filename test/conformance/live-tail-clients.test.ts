import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { sandboxFor, T0 } from '../sandbox/support.js';
import { AWS_CLI, probeAwsCli, probeBoto3, PYTHON } from './client-probes.js';
import { gateOnClient } from './client-gate.js';
import { clientEnv, endpointArgs, FollowedProcess, runClient } from './client-process.js';

const cli = probeAwsCli();
const boto3 = probeBoto3();
gateOnClient('the `aws logs start-live-tail` conformance tests', cli, 'required');
gateOnClient('the boto3 start_live_tail conformance test', boto3, 'required');

const RDS_GROUP = '/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql';
const RDS_STREAM = 'testdrive-dms-postgresql-dev-db.0';
const RDS_ARN = `arn:aws:logs:eu-central-1:123456789012:log-group:${RDS_GROUP}`;
const BOTO3_SCRIPT = fileURLToPath(new URL('./boto3_live_tail.py', import.meta.url));
/** Python start-up plus the CLI's one-second print loop, with slack for a loaded machine. */
const DEADLINE_MS = 15_000;
/** A test waits at most three times (start, output, exit): its timeout covers all three, so a deadline, not the runner, says what was late. */
const TEST_TIMEOUT_MS = 3 * DEADLINE_MS + 5_000;

/** Real PostgreSQL lines (src/FACTS.md), with the quotes and parentheses a printer could mangle. */
const LINES = [
  '2024-05-01 07:16:00 UTC:10.0.0.75(48820):[unknown]@[unknown]:[3000]:LOG:  connection received: host=10.0.0.75 port=48820',
  '2024-05-01 07:16:00 UTC:10.0.0.75(48820):dynapipe@postgres:[3000]:FATAL:  password authentication failed for user "dynapipe"',
  "2024-05-01 07:16:00 UTC::@:[412]:LOG:  checkpoint starting: time 'é'",
];

/**
 * A session ends after 2.5 virtual seconds with SessionTimeoutException, so
 * every client run is bounded (half a second keeps the timeout apart from the
 * once-a-second update).
 */
const sessionSandbox = (): Promise<Sandbox> => sandboxFor({ scenario: 'happy-path', autoStart: false, faults: { maxSessionSeconds: 2.5 } });

/** Writes LINES and plays the session's first second: one update carrying them. */
async function playFirstSecond(sandbox: Sandbox): Promise<void> {
  for (const message of LINES) sandbox.putLogEvent({ group: RDS_GROUP, stream: RDS_STREAM, message });
  await sandbox.advance(1000);
}

/** Plays the rest of the session: an empty update at 2 s, the timeout at 2.5 s. */
async function playToTimeout(sandbox: Sandbox): Promise<void> {
  await sandbox.advance(1500);
}

describe.skipIf(!cli.available)(`AWS CLI (${cli.detail}) against the sandbox: aws logs start-live-tail`, () => {
  const liveTailEnv = (): NodeJS.ProcessEnv => clientEnv({ AWS_DISABLE_HOST_PREFIX_INJECTION: 'true' });

  it('prints each log line of the session, then the timeout, and exits 0', { timeout: TEST_TIMEOUT_MS }, async () => {
    const sandbox = await sessionSandbox();
    const tail = FollowedProcess.start(AWS_CLI, ['logs', 'start-live-tail', '--log-group-identifiers', RDS_ARN, ...endpointArgs(sandbox)], liveTailEnv());
    // The CLI prints nothing before the first result: wait for the session on the sandbox's side.
    await vi.waitFor(
      () => {
        expect(sandbox.liveTailSessions()).toBe(1);
      },
      { timeout: DEADLINE_MS, interval: 20 },
    );
    await playFirstSecond(sandbox);
    // The CLI prints from a once-a-second loop that can drop what arrives just
    // before the stream ends; letting it print first keeps the test about the sandbox.
    await tail.waitForOutput('the log lines', (out) => out.includes(LINES[2] ?? ''), DEADLINE_MS);
    await playToTimeout(sandbox);

    expect(await tail.exit(DEADLINE_MS)).toBe(0);
    expect(tail.lines()).toEqual([
      ...LINES,
      'An error occurred (SessionTimeoutException) when calling the StartLiveTail operation: Session timed out after reaching the maximum session length.',
    ]);
  });

  it('refuses a log group ARN ending in :* with InvalidParameterException and a non-zero exit', async () => {
    const sandbox = await sessionSandbox();
    const run = await runClient(AWS_CLI, ['logs', 'start-live-tail', '--log-group-identifiers', `${RDS_ARN}:*`, ...endpointArgs(sandbox)], liveTailEnv());
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/\(InvalidParameterException\) when calling the StartLiveTail operation: Log group ARN must not end with ':\*'/);
    expect(sandbox.liveTailSessions()).toBe(0);
  });
});

interface Boto3Record {
  readonly event?: string;
  readonly body?: Record<string, unknown>;
  readonly end?: 'clean' | 'error';
  readonly code?: string;
}

describe.skipIf(!boto3.available)(`boto3 (${boto3.detail}) against the sandbox: start_live_tail`, () => {
  it('reads sessionStart, the sessionUpdates with their results, and the timeout exception', { timeout: TEST_TIMEOUT_MS }, async () => {
    const sandbox = await sessionSandbox();
    const script = FollowedProcess.start(PYTHON, [BOTO3_SCRIPT, sandbox.url, sandbox.region, RDS_ARN], clientEnv());
    await script.waitForOutput('sessionStart', (out) => out.includes('"sessionStart"'), DEADLINE_MS);
    await playFirstSecond(sandbox);
    await playToTimeout(sandbox);
    expect(await script.exit(DEADLINE_MS)).toBe(0);

    const records = script.lines().map((line) => JSON.parse(line) as Boto3Record);
    expect(records.map((r) => r.event ?? `end ${r.end ?? '?'} ${r.code ?? ''}`)).toEqual([
      'sessionStart',
      'sessionUpdate',
      'sessionUpdate',
      'end error SessionTimeoutException',
    ]);
    const anyString: unknown = expect.any(String);
    const anyNumber: unknown = expect.any(Number);
    expect(records[0]?.body).toEqual({ requestId: anyString, sessionId: anyString, logGroupIdentifiers: [RDS_ARN] });
    expect(records[1]?.body).toEqual({
      sessionMetadata: { sampled: false },
      sessionResults: LINES.map((message) => ({
        logStreamName: RDS_STREAM,
        logGroupIdentifier: RDS_ARN,
        message,
        timestamp: T0,
        ingestionTime: anyNumber,
      })),
    });
    expect(records[2]?.body).toEqual({ sessionMetadata: { sampled: false }, sessionResults: [] });
  });
});
