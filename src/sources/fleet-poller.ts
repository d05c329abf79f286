/**
 * Every replication of a region, polled with the same rules as one
 * (`PollLoop`): all pages of DescribeReplications per poll, every 2 s while
 * any of them moves by itself, every 15 s when all rest. `list` takes one
 * answer; the picker keeps it running.
 */
import type { DmsApi } from '../aws/apis.js';
import { listReplications } from '../aws/dms-listing.js';
import type { AwsErrorContext, AwsErrorInfo } from '../aws/errors.js';
import type { DmsEvent, ReplicationSnapshot } from '../events/types.js';
import { diffSnapshots, toReplicationSnapshot } from '../parse/replication.js';
import { isInMotion } from '../parse/replication-status.js';
import type { Backoff } from './backoff.js';
import type { Clock } from './clock.js';
import { PollLoop } from './poll-loop.js';
import { SETTLED_POLL_MS, TRANSITIONAL_POLL_MS } from './replication-poller.js';

export interface FleetPollerOptions {
  readonly dms: DmsApi;
  readonly clock: Clock;
  /** Session events about the polling, and status events for changes after the first answer. */
  readonly sink?: (events: readonly DmsEvent[]) => void;
  /** `--poll`: one interval whatever the statuses. */
  readonly intervalMs?: number;
  readonly staleAfterIntervals?: number;
  readonly backoff?: Backoff;
  readonly context?: Omit<AwsErrorContext, 'action'>;
  /** Records per DescribeReplications page (20-100; default 100, the fewest calls). */
  readonly pageSize?: number;
}

/** One answer: every replication of the region, every page. Rejects with the SDK's error. */
export async function fetchFleet(dms: DmsApi, signal?: AbortSignal, pageSize?: number): Promise<ReplicationSnapshot[]> {
  return (await listReplications(dms, signal, pageSize)).map(toReplicationSnapshot);
}

type FleetListener = (replications: readonly ReplicationSnapshot[]) => void;

export class FleetPoller {
  private readonly loop: PollLoop<ReplicationSnapshot[]>;
  private readonly listeners = new Set<FleetListener>();
  private last: readonly ReplicationSnapshot[] | undefined;

  constructor(private readonly options: FleetPollerOptions) {
    const sink = options.sink ?? (() => undefined);
    this.loop = new PollLoop({
      clock: options.clock,
      action: 'dms:DescribeReplications',
      ...(options.context === undefined ? {} : { context: options.context }),
      fetch: (signal) => fetchFleet(options.dms, signal, options.pageSize),
      onAnswer: (snapshots, time) => {
        this.accept(snapshots, time, sink);
      },
      intervalMs: () => this.intervalMs(),
      ...(options.staleAfterIntervals === undefined ? {} : { staleAfterIntervals: options.staleAfterIntervals }),
      ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
      sink,
    });
  }

  /** The newest list, in DMS's order; undefined before the first answer. */
  get latest(): readonly ReplicationSnapshot[] | undefined {
    return this.last;
  }

  get stale(): boolean {
    return this.loop.stale;
  }

  /** Clock time of the last good answer; undefined before the first. */
  get lastPollAt(): number | undefined {
    return this.loop.lastGoodAt;
  }

  /** The last poll's error (one line: what went wrong and what to do) while polls fail; undefined after a good answer. */
  get lastError(): AwsErrorInfo | undefined {
    return this.loop.lastError;
  }

  /** True while a poll is out. */
  get busy(): boolean {
    return this.loop.busy;
  }

  /** Polls made so far (each one DescribeReplications call per page). */
  get callCount(): number {
    return this.loop.callCount;
  }

  intervalMs(): number {
    if (this.options.intervalMs !== undefined) return this.options.intervalMs;
    if (this.last === undefined) return TRANSITIONAL_POLL_MS;
    return this.last.some(isInMotion) ? TRANSITIONAL_POLL_MS : SETTLED_POLL_MS;
  }

  onFleet(listener: FleetListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  start(): void {
    this.loop.start(0);
  }

  pollNow(): void {
    this.loop.pollNow();
  }

  stop(): void {
    this.loop.stop();
    this.listeners.clear();
  }

  private accept(snapshots: readonly ReplicationSnapshot[], time: number, sink: (events: readonly DmsEvent[]) => void): void {
    const previous = this.last;
    this.last = snapshots;
    if (previous !== undefined) {
      const before = new Map(previous.map((s) => [s.configArn, s]));
      const events = snapshots.flatMap((s) => {
        const event = diffSnapshots(before.get(s.configArn), s, time);
        return event === undefined ? [] : [event];
      });
      if (events.length > 0) sink(events);
    }
    for (const listener of [...this.listeners]) listener(snapshots);
  }
}
