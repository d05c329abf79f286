import type { AwsApis } from '../aws/apis.js';
import { contextFor } from '../aws/errors.js';
import type { Backoff } from '../sources/backoff.js';
import { systemClock, type Clock } from '../sources/clock.js';
import { FleetPoller } from '../sources/fleet-poller.js';
import type { FleetSnapshot, FleetSource } from './dashboard-source.js';
import { FrameBatcher } from './frame-batcher.js';

export interface FleetModelOptions {
  readonly apis: Pick<AwsApis, 'dms' | 'region' | 'profile' | 'endpoints'>;
  /** The data's clock (virtual in the demo). */
  readonly clock: Clock;
  /** Wall time, for frames and ticks. @default systemClock */
  readonly frameClock?: Clock;
  readonly region: string;
  /** `--poll`. */
  readonly pollMs?: number;
  /** Records per DescribeReplications page (tests). */
  readonly pageSize?: number;
  readonly backoff?: Backoff;
}

/** The picker shows how old the list is: its `now` moves every 10 s at rest. */
const TICK_MS = 10_000;

/**
 * Every replication of a region, for the picker: FleetPoller's list (all
 * pages, in DMS's order), how fresh it is, and the last poll's error until
 * a poll succeeds. Announced as LiveModel announces (FrameBatcher).
 * `open()` starts polling; `close()` stops it and leaves no timer.
 */
export class FleetModel implements FleetSource {
  private readonly poller: FleetPoller;
  private readonly batcher: FrameBatcher<FleetSnapshot>;

  constructor(private readonly options: FleetModelOptions) {
    const { action: _action, ...context } = contextFor(options.apis, 'dms:DescribeReplications');
    this.poller = new FleetPoller({
      dms: options.apis.dms,
      clock: options.clock,
      // Errors, staleness and recoveries come as session events: each changes what the picker shows.
      sink: () => {
        this.batcher.changed();
      },
      context,
      ...(options.pollMs === undefined ? {} : { intervalMs: options.pollMs }),
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
      ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
    });
    this.poller.onFleet(() => {
      this.batcher.changed();
    });
    this.batcher = new FrameBatcher({ clock: options.frameClock ?? systemClock, build: (version) => this.build(version), tickMs: () => TICK_MS });
  }

  /** Starts polling (the first poll at once). */
  open(): void {
    this.poller.start();
    this.batcher.start();
  }

  subscribe(listener: () => void): () => void {
    return this.batcher.subscribe(listener);
  }

  getSnapshot(): FleetSnapshot {
    return this.batcher.getSnapshot();
  }

  /** Announcements so far (one per frame at most). */
  get announcements(): number {
    return this.batcher.announcements;
  }

  refresh(): void {
    this.poller.pollNow();
  }

  close(): Promise<void> {
    this.poller.stop();
    this.batcher.close();
    return Promise.resolve();
  }

  private build(version: number): FleetSnapshot {
    const replications = this.poller.latest;
    const lastPollAt = this.poller.lastPollAt;
    const error = this.poller.lastError;
    return {
      version,
      now: this.options.clock.now(),
      region: this.options.region,
      ...(replications === undefined ? {} : { replications }),
      ...(lastPollAt === undefined ? {} : { lastPollAt }),
      stale: this.poller.stale,
      ...(error === undefined ? {} : { error: error.message }),
    };
  }
}
