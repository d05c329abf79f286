import { PassThrough } from 'node:stream';
import type { AwsApis, DmsApi } from '../../src/aws/apis.js';
import { parseReplicationRef } from '../../src/discovery/replication-ref.js';
import { resolveReplication } from '../../src/discovery/resolve-replication.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { runWatch, type RunWatchOptions } from '../../src/watch/run-watch.js';
import { liveTailSettled, runFor, sandboxApis, sandboxClock, tapLogsApi, onCleanup } from '../live/support.js';

/** One NDJSON record as `watch --json` writes it (the fields the tests read). */
export interface Record {
  readonly time: string;
  readonly id: string;
  readonly source: string;
  readonly kind: string;
  readonly severity: string;
  readonly text: string;
  readonly state?: string;
  readonly failureMessage?: string;
  readonly connection?: { readonly event: string; readonly reason?: string };
  readonly session?: { readonly event: string; readonly reason?: string; readonly groups?: readonly string[] };
}

/** DMS calls awaiting an answer: with the Live Tail tap, what must be zero before time moves on. */
function tapDms(inner: DmsApi): DmsApi & { readonly inFlight: number } {
  let inFlight = 0;
  const track =
    <I, O>(call: (input: I, signal?: AbortSignal) => Promise<O>) =>
    async (input: I, signal?: AbortSignal): Promise<O> => {
      inFlight++;
      try {
        return await call(input, signal);
      } finally {
        inFlight--;
      }
    };
  return {
    get inFlight() {
      return inFlight;
    },
    describeReplications: track((i, s) => inner.describeReplications(i, s)),
    describeReplicationConfigs: track((i, s) => inner.describeReplicationConfigs(i, s)),
    describeEndpoints: track((i, s) => inner.describeEndpoints(i, s)),
    startReplication: track((i, s) => inner.startReplication(i, s)),
    stopReplication: track((i, s) => inner.stopReplication(i, s)),
  };
}

export interface WatchRun {
  /** The exit code, once the watch ended. */
  readonly code: () => number | undefined;
  readonly apis: AwsApis;
  /** Moves the shared virtual time by `ms`, one second at a time, letting I/O settle. */
  advance(ms: number): Promise<void>;
  /** Advances until the watch ends (at most `maxMs` of virtual time); its exit code. */
  finish(maxMs?: number): Promise<number>;
  /** The reader goes away, as `| head` does once it has its lines. */
  closeStdout(): void;
  /** Ends the watch as Ctrl-C would; its exit code. */
  interrupt(): Promise<number>;
  records(): Record[];
  stdout(): string;
  stderr(): string;
}

/**
 * `runWatch` as the CLI runs it, in-process, against the sandbox through
 * the real SDK clients, on the sandbox's clock.
 */
export async function startWatch(sandbox: Sandbox, options: Partial<Omit<RunWatchOptions, 'apis' | 'clock' | 'target'>> & { readonly ref?: string } = {}): Promise<WatchRun> {
  const base = sandboxApis(sandbox);
  const logs = tapLogsApi(base.logs);
  const dms = tapDms(base.dms);
  const apis: AwsApis = { ...base, logs, dms };
  const clock = sandboxClock(sandbox);
  const ref = options.ref ?? sandbox.replications()[0]?.resourceId ?? '';
  const target = await resolveReplication(apis, parseReplicationRef(ref));
  let out = '';
  let err = '';
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const controller = new AbortController();
  let code: number | undefined;
  const { ref: _ref, ...rest } = options;
  const done = runWatch({ apis, clock, target, groups: {}, json: true, tailIdleMs: 60 * 60_000, stdout, stderr, signal: controller.signal, ...rest }).then((c) => {
    code = c;
    return c;
  });
  onCleanup(async () => {
    controller.abort();
    await done;
  });
  const tailSettled = liveTailSettled(sandbox, logs);
  const settled = (): boolean => dms.inFlight === 0 && tailSettled();
  const advance = (ms: number): Promise<void> => runFor(sandbox, ms, settled);
  return {
    code: () => code,
    apis,
    advance,
    finish: async (maxMs = 30 * 60_000) => {
      for (let t = 0; t < maxMs && code === undefined; t += 1000) await advance(1000);
      if (code === undefined) throw new Error(`the watch did not end within ${String(maxMs)} ms of virtual time`);
      return done;
    },
    closeStdout: () => {
      stdout.destroy();
    },
    interrupt: () => {
      controller.abort();
      return done;
    },
    records: () =>
      out
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record),
    stdout: () => out,
    stderr: () => err,
  };
}
