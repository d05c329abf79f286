import { CloudWatchLogsClient, StartLiveTailCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { StartLiveTailCommandInput, StartLiveTailResponseStream } from '@aws-sdk/client-cloudwatch-logs';
import { DatabaseMigrationServiceClient } from '@aws-sdk/client-database-migration-service';
import { afterEach, expect } from 'vitest';
import type { Sandbox, SandboxOptions } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';

/** A fixed virtual epoch, so log text and dates are the same on every run: 2024-05-01T07:16:00Z. */
export const T0 = Date.UTC(2024, 4, 1, 7, 16, 0);

// Explicit dummy credentials: tests never resolve real AWS credentials.
const credentials = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' };

const cleanups: (() => Promise<void> | void)[] = [];
const internalErrors: unknown[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  // Bad input must give AWS-style errors, never an internal one.
  expect(internalErrors.splice(0)).toEqual([]);
});

/** A sandbox on a free port with a manual clock, stopped after the test. */
export async function sandboxFor(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({
    port: 0,
    manualClock: true,
    startTime: T0,
    onError: (err) => {
      internalErrors.push(err);
    },
    ...options,
  });
  cleanups.push(() => sandbox.stop());
  return sandbox;
}

export function dmsClient(sandbox: Sandbox): DatabaseMigrationServiceClient {
  const client = new DatabaseMigrationServiceClient({ endpoint: sandbox.url, region: sandbox.region, credentials, maxAttempts: 1 });
  cleanups.push(() => {
    client.destroy();
  });
  return client;
}

/** `disableHostPrefix` is required: the SDK injects `stream-` into custom endpoints (src/FACTS.md). */
export function logsClient(sandbox: Sandbox): CloudWatchLogsClient {
  const client = new CloudWatchLogsClient({ endpoint: sandbox.url, region: sandbox.region, credentials, disableHostPrefix: true, maxAttempts: 1 });
  cleanups.push(() => {
    client.destroy();
  });
  return client;
}

export interface LiveTailEnd {
  readonly how: 'clean' | 'error';
  readonly error?: Error;
}

export interface LiveTailReader {
  readonly events: StartLiveTailResponseStream[];
  /** Resolves when the `for await` loop ends. */
  readonly ended: Promise<LiveTailEnd>;
  updates(): NonNullable<StartLiveTailResponseStream['sessionUpdate']>[];
  /** Every result message, in order. */
  messages(): string[];
}

/**
 * Opens a Live Tail session through the real SDK client and reads it in the
 * background; the test advances the clock and waits on `events`. The session
 * is aborted after the test (src/FACTS.md: `break` does not close the connection).
 */
export async function openLiveTail(client: CloudWatchLogsClient, input: StartLiveTailCommandInput): Promise<LiveTailReader> {
  const controller = new AbortController();
  cleanups.push(() => {
    controller.abort();
  });
  const response = await client.send(new StartLiveTailCommand(input), { abortSignal: controller.signal });
  const events: StartLiveTailResponseStream[] = [];
  const stream = response.responseStream;
  if (stream === undefined) throw new Error('no responseStream');
  const ended = (async (): Promise<LiveTailEnd> => {
    try {
      for await (const event of stream) events.push(event);
      return { how: 'clean' };
    } catch (err) {
      return { how: 'error', error: err instanceof Error ? err : new Error(String(err)) };
    }
  })();
  const updates = (): NonNullable<StartLiveTailResponseStream['sessionUpdate']>[] =>
    events.flatMap((e) => (e.sessionUpdate === undefined ? [] : [e.sessionUpdate]));
  return {
    events,
    ended,
    updates,
    messages: () => updates().flatMap((u) => (u.sessionResults ?? []).map((r) => r.message ?? '')),
  };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Error) return err;
    throw new Error(`rejected with a non-Error: ${String(err)}`, { cause: err });
  }
  throw new Error('expected a rejection, got a result');
}
