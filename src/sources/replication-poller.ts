/**
 * DescribeReplications for one replication, as often as it is worth it:
 * every 2 s while the replication moves by itself (a start's steps, a stop,
 * a full load), every 15 s while it rests, at once after an action. Each
 * change a user would notice becomes a `status` event; the poll's own
 * health (throttled, stale, recovered, denied) becomes `session` events.
 */
import type { DmsApi } from '../aws/apis.js';
import type { AwsErrorContext } from '../aws/errors.js';
import type { DmsEvent, ReplicationSnapshot } from '../events/types.js';
import { diffSnapshots, toReplicationSnapshot } from '../parse/replication.js';
import { isInMotion } from '../parse/replication-status.js';
import type { Backoff } from './backoff.js';
import type { Clock } from './clock.js';
import { PollLoop } from './poll-loop.js';
import { sessionEvent } from './session-event.js';

/** While the replication moves by itself: its start steps take seconds to minutes each. */
export const TRANSITIONAL_POLL_MS = 2_000;
/** While it rests: changes come from outside (a user, a failure), 15 s is soon enough and cheap. */
export const SETTLED_POLL_MS = 15_000;

export interface ReplicationPollerOptions {
  readonly dms: DmsApi;
  readonly configArn: string;
  readonly clock: Clock;
  readonly sink: (events: readonly DmsEvent[]) => void;
  /** `--poll`: one interval whatever the status. */
  readonly intervalMs?: number;
  /** What resolution saw: reported as the first status, and the first poll waits one interval. */
  readonly initial?: ReplicationSnapshot;
  readonly staleAfterIntervals?: number;
  readonly backoff?: Backoff;
  /** Profile, region and endpoint for error messages. */
  readonly context?: Omit<AwsErrorContext, 'action'>;
}

type SnapshotListener = (snapshot: ReplicationSnapshot) => void;

/** DMS answers `ResourceNotFoundFault` for a filter that matches nothing: the replication was deleted. */
function gone(arn: string): Error {
  return Object.assign(new Error(`Replication config ${arn} not found`), { name: 'ResourceNotFoundFault' });
}

export class ReplicationPoller {
  private readonly loop: PollLoop<ReplicationSnapshot>;
  private readonly listeners = new Set<SnapshotListener>();
  private last: ReplicationSnapshot | undefined;

  constructor(private readonly options: ReplicationPollerOptions) {
    this.last = options.initial;
    this.loop = new PollLoop({
      clock: options.clock,
      action: 'dms:DescribeReplications',
      ...(options.context === undefined ? {} : { context: options.context }),
      fetch: async (signal) => {
        const out = await options.dms.describeReplications({ Filters: [{ Name: 'replication-config-arn', Values: [options.configArn] }] }, signal);
        const replications = out.Replications ?? [];
        const match = replications.find((r) => r.ReplicationConfigArn === options.configArn) ?? replications[0];
        if (match === undefined) throw gone(options.configArn);
        return toReplicationSnapshot(match);
      },
      onAnswer: (snapshot, time) => {
        this.accept(snapshot, time);
      },
      intervalMs: () => this.intervalMs(),
      ...(options.staleAfterIntervals === undefined ? {} : { staleAfterIntervals: options.staleAfterIntervals }),
      ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
      sink: options.sink,
    });
  }

  /** The newest snapshot (the initial one until the first answer). */
  get latest(): ReplicationSnapshot | undefined {
    return this.last;
  }

  /** Clock time of the last good answer (the initial snapshot counts as one); undefined before any. */
  get lastPollAt(): number | undefined {
    return this.loop.lastGoodAt;
  }

  /** True while the newest snapshot is older than the stale limit. */
  get stale(): boolean {
    return this.loop.stale;
  }

  /** True while a poll is out. */
  get busy(): boolean {
    return this.loop.busy;
  }

  /** DescribeReplications calls made so far. */
  get callCount(): number {
    return this.loop.callCount;
  }

  /** The cadence for the newest snapshot: `--poll`, else 2 s while in motion, 15 s at rest. */
  intervalMs(): number {
    if (this.options.intervalMs !== undefined) return this.options.intervalMs;
    return this.last === undefined || isInMotion(this.last) ? TRANSITIONAL_POLL_MS : SETTLED_POLL_MS;
  }

  /** Hears every answer, changed or not. Returns the unsubscribe. */
  onSnapshot(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Starts polling. With an initial snapshot, its status is reported at
   * once and the first poll follows one interval later; without, the first
   * poll is now.
   */
  start(): void {
    const initial = this.options.initial;
    if (initial === undefined) {
      this.loop.start(0);
      return;
    }
    const now = this.options.clock.now();
    const event = diffSnapshots(undefined, initial, now);
    if (event !== undefined) this.options.sink([event]);
    this.loop.start(this.intervalMs(), now);
  }

  /** Polls at once (after an action); during a poll, once more right after it. */
  pollNow(): void {
    this.loop.pollNow();
  }

  stop(): void {
    this.loop.stop();
    this.listeners.clear();
  }

  private accept(snapshot: ReplicationSnapshot, time: number): void {
    const event = diffSnapshots(this.last, snapshot, time);
    this.last = snapshot;
    if (event !== undefined) this.options.sink([event]);
    for (const listener of [...this.listeners]) {
      try {
        listener(snapshot);
      } catch (err) {
        // A listener's bug must not stop the polling that a dashboard lives on: say it, go on.
        const message = err instanceof Error ? err.message : String(err);
        this.options.sink([sessionEvent(time, { event: 'error', reason: 'internal' }, `internal error handling a status update: ${message}`)]);
      }
    }
  }
}
