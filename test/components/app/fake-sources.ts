/**
 * Fake live sources for the app's tests: they keep the contract of
 * src/watch/dashboard-source.ts (the same snapshot object until `set`
 * announces a change) and record every call the app makes, so a test can
 * count stop calls or resolve an export by hand.
 */
import type { ActionResult } from '../../../src/actions/replication-actions.js';
import type { StartType } from '../../../src/actions/action-rules.js';
import type { ReplicationSnapshot } from '../../../src/events/types.js';
import { summarize } from '../../../src/select/summary.js';
import type {
  DashboardLaunch,
  DashboardSnapshot,
  DashboardSource,
  FleetSnapshot,
  FleetSource,
  SessionExport,
} from '../../../src/watch/dashboard-source.js';
import { snapshot as replicationSnapshot, T0 } from '../../support/events.js';

export { T0 };

class Announcer<T extends { readonly version: number }> {
  private readonly listeners = new Set<() => void>();
  constructor(protected current: T) {}
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
  getSnapshot(): T {
    return this.current;
  }
  /** A new snapshot with `change` applied, announced at once. */
  set(change: Partial<T>): void {
    this.current = { ...this.current, ...change, version: this.current.version + 1 };
    for (const listener of [...this.listeners]) listener();
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
}

/** A promise the test settles by hand. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function dashboardSnapshot(over: Partial<DashboardSnapshot> = {}): DashboardSnapshot {
  const replication = over.replication ?? replicationSnapshot({ status: 'running', replicationType: 'cdc', provisionedCapacityUnits: 4 });
  return {
    version: 1,
    now: T0,
    name: 'orders-cdc',
    configArn: replication.configArn,
    region: 'eu-central-1',
    replication,
    lastPollAt: T0 - 2000,
    pollStale: false,
    liveTail: { state: 'live', eventsPerSecond: 2 },
    summary: summarize([], T0),
    events: [],
    startTypes: [],
    canStop: true,
    ...over,
  };
}

export class FakeDashboardSource extends Announcer<DashboardSnapshot> implements DashboardSource {
  refreshes = 0;
  readonly starts: StartType[] = [];
  stops = 0;
  closes = 0;
  readonly exports: Deferred<SessionExport>[] = [];

  constructor(over: Partial<DashboardSnapshot> = {}) {
    super(dashboardSnapshot(over));
  }
  refresh(): void {
    this.refreshes += 1;
  }
  start(type: StartType): Promise<ActionResult> {
    this.starts.push(type);
    return Promise.resolve({ outcome: 'succeeded', name: 'start', startType: type });
  }
  stop(): Promise<ActionResult> {
    this.stops += 1;
    return Promise.resolve({ outcome: 'succeeded', name: 'stop' });
  }
  exportEvents(): Promise<SessionExport> {
    const d = deferred<SessionExport>();
    this.exports.push(d);
    return d.promise;
  }
  close(): Promise<void> {
    this.closes += 1;
    return Promise.resolve();
  }
}

export function fleetSnapshot(over: Partial<FleetSnapshot> = {}): FleetSnapshot {
  return { version: 1, now: T0, region: 'eu-central-1', stale: false, ...over };
}

export class FakeFleetSource extends Announcer<FleetSnapshot> implements FleetSource {
  refreshes = 0;
  closes = 0;
  constructor(over: Partial<FleetSnapshot> = {}) {
    super(fleetSnapshot(over));
  }
  refresh(): void {
    this.refreshes += 1;
  }
  close(): Promise<void> {
    this.closes += 1;
    return Promise.resolve();
  }
}

/** A replication as the fleet lists it. */
export function listed(name: string, status: string, over: Partial<ReplicationSnapshot> = {}): ReplicationSnapshot {
  return replicationSnapshot({ configArn: `arn:aws:dms:eu-central-1:123456789012:replication-config:${name.toUpperCase()}`, configId: name, status, ...over });
}

/** A launch whose `open` calls the test settles by hand. */
export interface FakeLaunch {
  readonly launch: DashboardLaunch;
  /** Each `open(arn)` call, in order, with its promise to settle. */
  readonly opens: { readonly arn: string; readonly result: Deferred<DashboardSource> }[];
}

export function fakeLaunch(over: Partial<DashboardLaunch> = {}): FakeLaunch {
  const opens: FakeLaunch['opens'][number][] = [];
  const launch: DashboardLaunch = {
    region: 'eu-central-1',
    readOnly: false,
    open: (arn) => {
      const result = deferred<DashboardSource>();
      opens.push({ arn, result });
      return result.promise;
    },
    ...over,
  };
  return { launch, opens };
}
