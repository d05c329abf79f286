/**
 * Test helpers for live code (sources, discovery, actions, watch): one
 * virtual time shared by the code under test and the sandbox, real SDK
 * clients against the sandbox with counters on every call, a way to advance
 * time in steps that waits for loopback I/O to settle between steps (on
 * observable conditions, never by sleeping), and fakes for unit tests.
 */
import type { StartLiveTailCommandInput, StartLiveTailResponseStream } from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, vi } from 'vitest';
import type { AwsApis, LogsApi } from '../../src/aws/apis.js';
import { createAwsApis } from '../../src/aws/clients.js';
import type { ResolvedAwsSettings } from '../../src/aws/settings.js';
import type { DmsEvent, SessionEvent, SessionEventName } from '../../src/events/types.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { Backoff } from '../../src/sources/backoff.js';
import type { Clock } from '../../src/sources/clock.js';
import { LiveTailSource } from '../../src/sources/live-tail-source.js';
import type { LiveTailSourceOptions } from '../../src/sources/live-tail-source.js';
import { EventStore } from '../../src/store/event-store.js';
import { ManualClock } from '../support/manual-clock.js';

export { T0, sandboxFor } from '../sandbox/support.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs `fn` after the test (last registered, first run). */
export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

/** A `Clock` that also says how many of its timers are still pending (a stopped source must leave none). */
export interface TestClock extends Clock {
  pending(): number;
}

/** The sandbox's virtual clock as a `Clock`: code under test and the sandbox share one time, moved by `sandbox.advance()`. */
export function sandboxClock(sandbox: Sandbox): TestClock {
  const live = new Set<object>();
  return {
    now: () => sandbox.now(),
    setTimeout: (fn, ms) => {
      const token = {};
      live.add(token);
      const timer = sandbox.after(Math.max(0, ms), () => {
        live.delete(token);
        fn();
      });
      return () => {
        live.delete(token);
        timer.cancel();
      };
    },
    pending: () => live.size,
  };
}

/** A clock for unit tests without a sandbox. */
export function manualClock(start: number): ManualClock {
  return new ManualClock(start);
}

/** A `LogsApi` that counts what is in flight: calls awaiting an answer, Live Tail streams open, frames read on them. */
export interface TappedLogsApi extends LogsApi {
  /** Calls sent and not yet answered (the Live Tail open included, its stream not). */
  readonly inFlight: number;
  /** Live Tail streams being read (opened and not yet ended, failed or left). */
  readonly openStreams: number;
  /** Frames read on the streams open now. */
  framesOnOpenStreams(): number;
  /** Calls made, by operation. */
  readonly calls: { startLiveTail: number; filterLogEvents: number; describeLogGroups: number };
}

export function tapLogsApi(inner: LogsApi): TappedLogsApi {
  let inFlight = 0;
  const open = new Set<{ frames: number }>();
  const calls = { startLiveTail: 0, filterLogEvents: 0, describeLogGroups: 0 };
  const track = async <T>(call: Promise<T>): Promise<T> => {
    inFlight++;
    try {
      return await call;
    } finally {
      inFlight--;
    }
  };
  async function* counted(stream: AsyncIterable<StartLiveTailResponseStream>, me: { frames: number }): AsyncGenerator<StartLiveTailResponseStream> {
    try {
      for await (const frame of stream) {
        me.frames++;
        yield frame;
      }
    } finally {
      open.delete(me);
    }
  }
  return {
    get inFlight() {
      return inFlight;
    },
    get openStreams() {
      return open.size;
    },
    framesOnOpenStreams: () => [...open].reduce((n, s) => n + s.frames, 0),
    calls,
    describeLogGroups: (input, signal) => {
      calls.describeLogGroups++;
      return track(inner.describeLogGroups(input, signal));
    },
    filterLogEvents: (input, signal) => {
      calls.filterLogEvents++;
      return track(inner.filterLogEvents(input, signal));
    },
    startLiveTail: async (input, signal) => {
      calls.startLiveTail++;
      const stream = await track(inner.startLiveTail(input, signal));
      // Counted as open from the answer on (not from the first read): the server counts it from then too;
      // and closed from the abort on (not from when the reader notices): the server is told then.
      const me = { frames: 0 };
      if (!signal.aborted) open.add(me);
      signal.addEventListener('abort', () => open.delete(me), { once: true });
      return counted(stream, me);
    },
  };
}

/** Real SDK clients (through `createAwsApis`, as dms-live builds them) against the sandbox, dummy credentials, one attempt per call. */
export function sandboxApis(sandbox: Sandbox, overrides: Partial<ResolvedAwsSettings> = {}): AwsApis {
  const apis = createAwsApis({
    region: sandbox.region,
    regionSource: '--region',
    endpoints: { dms: sandbox.url, logs: sandbox.url },
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    maxAttempts: 1,
    ...overrides,
  });
  onCleanup(() => {
    apis.destroy();
  });
  return apis;
}

/**
 * Whether the sandbox and a tapped client agree that nothing is on the
 * wire: no call awaits an answer, every Live Tail session the server holds
 * is one the client reads (and the other way round), and the client has
 * read every frame the server sent on them.
 */
export function liveTailSettled(sandbox: Sandbox, logs: TappedLogsApi): () => boolean {
  return () =>
    logs.inFlight === 0 &&
    sandbox.delayedRequests() === 0 &&
    sandbox.liveTailSessions() === logs.openStreams &&
    sandbox.liveTailFramesSent() === logs.framesOnOpenStreams();
}

/** Waits (on the condition, polling every millisecond) until `ready()` holds; fails after 5 s of wall time. */
export async function settle(ready: () => boolean, what = 'loopback I/O to settle'): Promise<void> {
  await vi.waitFor(
    () => {
      if (!ready()) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: 5000, interval: 1 },
  );
}

/**
 * Advances the sandbox's clock by `ms` in steps of `stepMs` (default one
 * second, Live Tail's heartbeat), settling before the first and after every
 * step, so timers on the shared clock and the I/O they cause interleave as
 * they would in real time.
 */
export async function runFor(sandbox: Sandbox, ms: number, settled: () => boolean, stepMs = 1000): Promise<void> {
  await settle(settled);
  for (let done = 0; done < ms; ) {
    const step = Math.min(stepMs, ms - done);
    await sandbox.advance(step);
    done += step;
    await settle(settled);
  }
}

/**
 * Writes a line to `group` every `everyMs` of virtual time (the group is
 * created if needed), every `repeatEvery`-th one twice at the same instant:
 * identical events, which must both survive. Stops at `stop()` or after the test.
 */
export function keepWriting(
  sandbox: Sandbox,
  options: { group: string; stream: string; everyMs: number; repeatEvery?: number },
): { written(): number; stop(): void } {
  let written = 0;
  let timer: { cancel(): void } | undefined;
  const tick = (): void => {
    written++;
    const message = `2024-05-01 07:16:00 UTC::@:[42]:LOG:  background line ${String(written)}`;
    sandbox.putLogEvent({ group: options.group, stream: options.stream, message, createGroup: true });
    if (options.repeatEvery !== undefined && written % options.repeatEvery === 0) {
      sandbox.putLogEvent({ group: options.group, stream: options.stream, message });
      written++;
    }
    timer = sandbox.after(options.everyMs, tick);
  };
  timer = sandbox.after(options.everyMs, tick);
  const stop = (): void => {
    timer?.cancel();
    timer = undefined;
  };
  onCleanup(stop);
  return { written: () => written, stop };
}

/** What a source handed its sink: every batch, and an `EventStore` that de-duplicates as the dashboard's does. */
export interface Collected {
  readonly sink: (events: readonly DmsEvent[]) => void;
  readonly store: EventStore;
  readonly batches: (readonly DmsEvent[])[];
  /** Session events, optionally of one kind. */
  session(event?: SessionEventName): SessionEvent[];
  /** Log events in the store (session events left out), in store order. */
  logEvents(): DmsEvent[];
}

export function collect(capacity = 200_000): Collected {
  const store = new EventStore({ capacity });
  const batches: (readonly DmsEvent[])[] = [];
  const sessions: SessionEvent[] = [];
  return {
    sink: (events) => {
      batches.push(events);
      for (const e of events) if (e.kind === 'session') sessions.push(e);
      store.addAll(events);
    },
    store,
    batches,
    session: (event) => (event === undefined ? [...sessions] : sessions.filter((e) => e.session.event === event)),
    logEvents: () => store.events().filter((e) => e.kind !== 'session'),
  };
}

export interface LiveTailHarness {
  readonly source: LiveTailSource;
  readonly logs: TappedLogsApi;
  readonly clock: TestClock;
  readonly got: Collected;
  /** `liveTailSettled` for this source's client. */
  readonly settled: () => boolean;
}

/**
 * A `LiveTailSource` over `groups` of the sandbox through the real clients,
 * on the sandbox's clock, its sink collected, a fixed mid-range backoff
 * jitter (the same waits every run), stopped after the test. Not started.
 */
export function liveTailHarness(
  sandbox: Sandbox,
  groups: readonly string[],
  options: Partial<LiveTailSourceOptions> = {},
  settings: Partial<ResolvedAwsSettings> = {},
): LiveTailHarness {
  const logs = tapLogsApi(sandboxApis(sandbox, settings).logs);
  const clock = sandboxClock(sandbox);
  const got = collect();
  const source = new LiveTailSource({
    logs,
    clock,
    groups: groups.map((name) => groupRef(sandbox, name)),
    sink: got.sink,
    backoff: new Backoff({ baseMs: 1000, maxMs: 30_000, random: () => 0.5 }),
    ...options,
  });
  onCleanup(() => source.stop());
  return { source, logs, clock, got, settled: liveTailSettled(sandbox, logs) };
}

/** A log group of the sandbox's account and region, as Live Tail takes it. */
export function groupRef(sandbox: Sandbox, name: string): { name: string; arn: string } {
  return { name, arn: `arn:aws:logs:${sandbox.region}:${sandbox.accountId}:log-group:${name}` };
}

/** One event as written: group, stream, time and message. */
export interface WrittenEvent {
  readonly group: string;
  readonly stream: string;
  readonly time: number;
  readonly message: string;
}

/** Everything the groups hold, through FilterLogEvents (all pages), in CloudWatch's order: time, then event id. */
export async function writtenEvents(logs: LogsApi, groups: readonly string[]): Promise<WrittenEvent[]> {
  const all: (WrittenEvent & { id: string })[] = [];
  for (const group of groups) {
    let nextToken: string | undefined;
    do {
      const page = await logs.filterLogEvents({ logGroupName: group, ...(nextToken === undefined ? {} : { nextToken }) });
      for (const e of page.events ?? []) all.push({ group, stream: e.logStreamName ?? '', time: e.timestamp ?? 0, message: e.message ?? '', id: e.eventId ?? '' });
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
  }
  all.sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return all.map(({ group, stream, time, message }) => ({ group, stream, time, message }));
}

/** The store's log events in the same shape. */
export function storedEvents(collected: Collected): WrittenEvent[] {
  return collected.logEvents().map((e) => ({ group: e.logGroup ?? '', stream: e.logStream ?? '', time: e.time, message: e.raw }));
}

/**
 * A Live Tail stream a unit test drives by hand: `update()` sends a
 * `sessionUpdate`, `end()` ends the body cleanly, `fail()` throws from the
 * `for await`; an abort of the request's signal ends it with an AbortError,
 * as the SDK does.
 */
export class FakeLiveTailStream implements AsyncIterable<StartLiveTailResponseStream> {
  private readonly queue: (StartLiveTailResponseStream | { end: true } | { error: unknown })[] = [];
  private waiting: (() => void) | undefined;
  private finished = false;
  /** Whether the reader left (ended, failed, aborted or broke out). */
  closed = false;

  constructor(
    readonly input: StartLiveTailCommandInput,
    readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => {
      this.push({ error: Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }) });
    });
    this.push({ sessionStart: { sessionId: 'fake', logGroupIdentifiers: input.logGroupIdentifiers } });
  }

  update(results: { message: string; timestamp: number; group?: string; stream?: string }[] = [], sampled = false): void {
    this.push({
      sessionUpdate: {
        sessionMetadata: { sampled },
        sessionResults: results.map((r) => ({
          message: r.message,
          timestamp: r.timestamp,
          ingestionTime: r.timestamp,
          logGroupIdentifier: r.group ?? this.input.logGroupIdentifiers?.[0] ?? '',
          logStreamName: r.stream ?? 's',
        })),
      },
    });
  }

  end(): void {
    this.push({ end: true });
  }

  fail(error: unknown): void {
    this.push({ error });
  }

  private push(item: (typeof this.queue)[number]): void {
    if (this.finished) return;
    this.queue.push(item);
    this.waiting?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<StartLiveTailResponseStream> {
    try {
      for (;;) {
        const item = this.queue.shift();
        if (item === undefined) {
          await new Promise<void>((resolve) => {
            this.waiting = resolve;
          });
          this.waiting = undefined;
          continue;
        }
        if ('end' in item) return;
        if ('error' in item) throw item.error;
        yield item;
      }
    } finally {
      this.finished = true;
      this.closed = true;
    }
  }
}

/** What a fake StartLiveTail does on one call: open a stream, or reject. */
export type FakeOpen = 'stream' | { reject: Error } | 'hang';

/**
 * A `LogsApi` for unit tests: StartLiveTail answers from `opens` in turn
 * (then opens streams), FilterLogEvents answers `events` from `filter`,
 * DescribeLogGroups knows `existing` groups.
 */
export class FakeLogs implements LogsApi {
  readonly streams: FakeLiveTailStream[] = [];
  readonly opened: { at: number; input: StartLiveTailCommandInput }[] = [];
  readonly filters: { startTime?: number; logGroupIdentifier?: string }[] = [];
  opens: FakeOpen[] = [];
  existing: string[] = [];
  filter: (input: { startTime?: number; logGroupIdentifier?: string }) => { message: string; timestamp: number; logStreamName?: string }[] = () => [];

  constructor(private readonly clock: Clock) {}

  get latest(): FakeLiveTailStream | undefined {
    return this.streams[this.streams.length - 1];
  }

  describeLogGroups: LogsApi['describeLogGroups'] = (input) =>
    Promise.resolve({
      $metadata: {},
      logGroups: this.existing
        .filter((name) => input.logGroupNamePrefix === undefined || name.startsWith(input.logGroupNamePrefix))
        .map((name) => ({ logGroupName: name, logGroupArn: `arn:aws:logs:eu-central-1:123456789012:log-group:${name}` })),
    });

  filterLogEvents: LogsApi['filterLogEvents'] = (input) => {
    this.filters.push({ ...(input.startTime === undefined ? {} : { startTime: input.startTime }), ...(input.logGroupIdentifier === undefined ? {} : { logGroupIdentifier: input.logGroupIdentifier }) });
    return Promise.resolve({ $metadata: {}, events: this.filter(input).map((e) => ({ logStreamName: 's', ...e, ingestionTime: e.timestamp })) });
  };

  startLiveTail: LogsApi['startLiveTail'] = (input, signal) => {
    this.opened.push({ at: this.clock.now(), input });
    const what = this.opens.shift() ?? 'stream';
    if (what === 'hang') {
      return new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => {
          reject(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }));
        });
      });
    }
    if (what !== 'stream') return Promise.reject(what.reject);
    const stream = new FakeLiveTailStream(input, signal);
    this.streams.push(stream);
    return Promise.resolve(stream);
  };
}

/** An AWS-style error as the SDK throws it: matched by `name`. */
export function awsError(name: string, message = name, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}
