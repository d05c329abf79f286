import type { AwsApis, DmsApi } from '../../src/aws/apis.js';
import { parseReplicationRef } from '../../src/discovery/replication-ref.js';
import { resolveReplication } from '../../src/discovery/resolve-replication.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import type { DashboardSnapshot } from '../../src/watch/dashboard-source.js';
import { LiveModel, type LiveModelOptions } from '../../src/watch/live-model.js';
import { liveTailSettled, onCleanup, runFor, sandboxApis, sandboxClock, tapLogsApi, type TappedLogsApi, type TestClock } from '../live/support.js';
import { ManualClock } from '../support/manual-clock.js';

/** A DmsApi that counts calls by operation and what is in flight. */
export interface CountedDms extends DmsApi {
  readonly inFlight: number;
  readonly calls: { startReplication: number; stopReplication: number; describeReplications: number };
  /** Holds StartReplication and StopReplication calls back until the returned function is called. */
  hold(): () => void;
}

export function countDms(inner: DmsApi): CountedDms {
  let inFlight = 0;
  const calls = { startReplication: 0, stopReplication: 0, describeReplications: 0 };
  let gate: Promise<void> = Promise.resolve();
  const track = async <T>(call: Promise<T>): Promise<T> => {
    inFlight++;
    try {
      return await call;
    } finally {
      inFlight--;
    }
  };
  return {
    get inFlight() {
      return inFlight;
    },
    calls,
    hold: () => {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        release();
      };
    },
    describeReplications: (i, s) => {
      calls.describeReplications++;
      return track(inner.describeReplications(i, s));
    },
    describeReplicationConfigs: (i, s) => track(inner.describeReplicationConfigs(i, s)),
    describeEndpoints: (i, s) => track(inner.describeEndpoints(i, s)),
    startReplication: (i, s) => {
      calls.startReplication++;
      return track(gate.then(() => inner.startReplication(i, s)));
    },
    stopReplication: (i, s) => {
      calls.stopReplication++;
      return track(gate.then(() => inner.stopReplication(i, s)));
    },
  };
}

export interface ModelRun {
  readonly model: LiveModel;
  readonly dms: CountedDms;
  readonly logs: TappedLogsApi;
  /** The data's clock: the sandbox's virtual time. */
  readonly clock: TestClock;
  /** Wall time for frames and ticks, moved by hand. */
  readonly frames: ManualClock;
  /** Announcements heard by a subscriber. */
  announced(): number;
  /** Moves the sandbox's time by `ms` (a second at a time, I/O settled between), then lets one frame pass. */
  advance(ms: number): Promise<void>;
  /** Advances until `ready(snapshot)` holds, at most `maxMs` of virtual time. */
  until(ready: (s: DashboardSnapshot) => boolean, maxMs?: number): Promise<DashboardSnapshot>;
  /** Settles loopback I/O without moving the sandbox's time. */
  settle(): Promise<void>;
}

/**
 * A LiveModel as the dashboard runs it, against the sandbox through the real
 * SDK clients: the sandbox's virtual clock as the data clock, a ManualClock
 * as the frame clock; closed after the test.
 */
export async function openModel(sandbox: Sandbox, options: Partial<LiveModelOptions> & { readonly ref?: string } = {}): Promise<ModelRun> {
  const base = sandboxApis(sandbox);
  const logs = tapLogsApi(base.logs);
  const dms = countDms(base.dms);
  const apis: AwsApis = { ...base, logs, dms };
  const clock = sandboxClock(sandbox);
  const frames = new ManualClock(0);
  const { ref: given, ...rest } = options;
  const ref = given ?? sandbox.replications()[0]?.resourceId ?? '';
  const target = await resolveReplication(apis, parseReplicationRef(ref));
  const model = new LiveModel({ apis, clock, frameClock: frames, target, region: sandbox.region, groups: {}, tailIdleMs: 60 * 60_000, ...rest });
  let heard = 0;
  model.subscribe(() => heard++);
  onCleanup(() => model.close());
  void model.open();
  const tailSettled = liveTailSettled(sandbox, logs);
  const settled = (): boolean => dms.inFlight === 0 && tailSettled();
  const run: ModelRun = {
    model,
    dms,
    logs,
    clock,
    frames,
    announced: () => heard,
    settle: () => runFor(sandbox, 0, settled),
    advance: async (ms) => {
      await runFor(sandbox, ms, settled);
      await frames.advance(100);
    },
    until: async (ready, maxMs = 30 * 60_000) => {
      for (let t = 0; t <= maxMs; t += 1000) {
        const s = model.getSnapshot();
        if (ready(s)) return s;
        await run.advance(1000);
      }
      throw new Error(`not reached within ${String(maxMs)} ms of virtual time`);
    },
  };
  return run;
}
