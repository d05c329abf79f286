import { canStop, startTypesFor, type StartType } from '../actions/action-rules.js';
import { ReplicationActions, type ActionResult } from '../actions/replication-actions.js';
import type { AwsApis } from '../aws/apis.js';
import { contextFor } from '../aws/errors.js';
import type { LogGroupFlags } from '../discovery/log-group-plan.js';
import type { ResolvedReplication } from '../discovery/resolve-replication.js';
import type { ActionName, DmsEvent } from '../events/types.js';
import { isTransitionalStatus } from '../parse/replication-status.js';
import { toSafeLine } from '../parse/safe-text.js';
import { LiveSummary } from '../select/live-summary.js';
import { systemClock, type Clock } from '../sources/clock.js';
import { sessionEvent } from '../sources/session-event.js';
import { EventStore } from '../store/event-store.js';
import type { DashboardAction, DashboardSnapshot, DashboardSource, SessionExport } from './dashboard-source.js';
import { FrameBatcher } from './frame-batcher.js';
import { LiveTailNotes } from './live-tail-indicator.js';
import { writeSessionExport } from './session-export.js';
import { trace } from './trace.js';
import { WatchSession } from './watch-session.js';

export interface LiveModelOptions {
  readonly apis: AwsApis;
  /** The data's clock: the sandbox's virtual time in the demo, the system clock otherwise. */
  readonly clock: Clock;
  /** Wall time, for frames and ticks. @default systemClock */
  readonly frameClock?: Clock;
  readonly target: ResolvedReplication;
  readonly region: string;
  readonly groups: LogGroupFlags;
  /** `--poll`. */
  readonly pollMs?: number;
  /** `--since`. */
  readonly since?: number;
  /** `--tail-idle`. */
  readonly tailIdleMs: number;
  /** Events the store keeps (the oldest leave first). @default 50000 */
  readonly capacity?: number;
}

/** While something visibly counts (a transitional status, an action being sent): `now` moves every second. */
const COUNTING_TICK_MS = 1000;
/** At rest only the poll's age moves: every 10 s is enough. */
const RESTING_TICK_MS = 10_000;

/**
 * One replication live, for the dashboard: a WatchSession (polling, Live
 * Tail, discovery of its log groups) feeding an EventStore (de-duplicated,
 * bounded) and a LiveSummary (timeline, connections, failures of the whole
 * session), start and stop sent once each, and an export of the session's
 * events. Changes are announced at most once per frame of wall time
 * (FrameBatcher): a flood costs one frame per Live Tail update.
 *
 * `open()` starts it; `close()` stops it and leaves no timer or socket.
 */
export class LiveModel implements DashboardSource {
  private readonly clock: Clock;
  private readonly store: EventStore;
  private readonly summary = new LiveSummary();
  private readonly session: WatchSession;
  private readonly actions: ReplicationActions;
  private readonly notes = new LiveTailNotes();
  private readonly batcher: FrameBatcher<DashboardSnapshot>;
  private discovering = true;
  private fatal: string | undefined;
  private action: DashboardAction | undefined;
  private inFlight: { readonly key: string; readonly result: Promise<ActionResult> } | undefined;
  private opened: Promise<void> | undefined;
  private closed: Promise<void> | undefined;

  constructor(private readonly options: LiveModelOptions) {
    this.clock = options.clock;
    this.store = new EventStore({ ...(options.capacity === undefined ? {} : { capacity: options.capacity }) });
    const sink = (events: readonly DmsEvent[]): void => {
      this.take(events);
    };
    this.session = new WatchSession({
      apis: options.apis,
      clock: options.clock,
      target: options.target,
      groups: options.groups,
      ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
      ...(options.since === undefined ? {} : { since: options.since }),
      tailIdleMs: options.tailIdleMs,
      sink,
    });
    // Every answer moves the poll's age, changed or not.
    this.session.poller.onSnapshot(() => {
      this.batcher.changed();
    });
    const { action: _action, ...context } = contextFor(options.apis, 'dms:StartReplication');
    this.actions = new ReplicationActions({
      dms: options.apis.dms,
      configArn: options.target.configArn,
      label: options.target.identifier,
      clock: options.clock,
      sink,
      poller: this.session.poller,
      context,
    });
    this.batcher = new FrameBatcher({
      clock: options.frameClock ?? systemClock,
      build: (version) => this.build(version),
      tickMs: () => (this.counting() ? COUNTING_TICK_MS : RESTING_TICK_MS),
    });
  }

  /**
   * Starts polling, finds the log groups and opens Live Tail. Resolves when
   * discovery is done; never rejects: when the watch cannot go on (say,
   * DescribeLogGroups denied), the snapshot's `fatal` says what to do, and
   * the model stays usable (polling goes on; close() ends it).
   */
  open(): Promise<void> {
    this.opened ??= this.run();
    return this.opened;
  }

  subscribe(listener: () => void): () => void {
    // DMS_LIVE_TRACE (npm run bench): when the dashboard was told of a new snapshot.
    if (trace.enabled) {
      return this.batcher.subscribe(() => {
        trace.published();
        listener();
      });
    }
    return this.batcher.subscribe(listener);
  }

  getSnapshot(): DashboardSnapshot {
    return this.batcher.getSnapshot();
  }

  /** Announcements so far (one per frame at most). */
  get announcements(): number {
    return this.batcher.announcements;
  }

  refresh(): void {
    this.session.poller.pollNow();
  }

  start(type: StartType): Promise<ActionResult> {
    return this.act('start', type);
  }

  stop(): Promise<ActionResult> {
    return this.act('stop', undefined);
  }

  async exportEvents(dir: string = process.cwd()): Promise<SessionExport> {
    const done = await writeSessionExport({ dir, name: this.options.target.identifier, time: this.clock.now(), events: this.store.events() });
    this.take([sessionEvent(this.clock.now(), { event: 'exported', count: done.count }, `exported ${String(done.count)} events to ${done.path}`)]);
    return done;
  }

  /** Stops polling and Live Tail; resolves when no timer or socket of the watch is left. */
  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private async shutdown(): Promise<void> {
    this.batcher.close();
    await this.session.stop();
    // Discovery under way ends at the abort; let it, so nothing it started outlives the close.
    await this.opened;
  }

  private async run(): Promise<void> {
    this.batcher.start();
    try {
      await this.session.start();
    } catch (err) {
      if (this.closed === undefined) this.fatal = toSafeLine(err instanceof Error ? err.message : String(err));
    } finally {
      this.discovering = false;
      this.batcher.changed();
    }
  }

  /** Events from the watch: into the store; those new to it into the summary. */
  private take(events: readonly DmsEvent[]): void {
    const added: DmsEvent[] = [];
    for (const event of events) {
      if (this.store.add(event) !== 'added') continue;
      added.push(event);
      if (event.kind === 'session') this.notes.note(event);
    }
    if (added.length === 0) return;
    trace.arrived(added.length);
    this.summary.add(added);
    this.batcher.changed();
  }

  /** One call per action however often asked (ReplicationActions); the header follows the first. */
  private act(name: ActionName, startType: StartType | undefined): Promise<ActionResult> {
    const key = `${name}:${startType ?? ''}`;
    if (this.inFlight?.key === key) return this.inFlight.result;
    const send = (): Promise<ActionResult> => (name === 'start' && startType !== undefined ? this.actions.start(startType) : this.actions.stop());
    // Another action is out: ReplicationActions refuses this one, and says so in the log.
    if (this.inFlight !== undefined) return send();
    const what = name === 'start' ? `start (${startType ?? ''})` : 'stop';
    this.action = { name, ...(startType === undefined ? {} : { startType }), phase: 'sending', message: `${what} sent`, at: this.clock.now() };
    this.batcher.changed();
    const result = send().then((r) => {
      this.inFlight = undefined;
      const status = r.outcome === 'succeeded' ? r.snapshot?.status : undefined;
      const message = r.outcome === 'succeeded' ? `${what} accepted${status === undefined ? '' : `: ${status}`}` : r.error.message;
      this.action = { name, ...(startType === undefined ? {} : { startType }), phase: r.outcome, message: toSafeLine(message), at: this.clock.now() };
      this.batcher.changed();
      return r;
    });
    this.inFlight = { key, result };
    return result;
  }

  private replication(): DashboardSnapshot['replication'] {
    return this.session.poller.latest ?? this.options.target.snapshot;
  }

  private counting(): boolean {
    return this.action?.phase === 'sending' || isTransitionalStatus(this.replication().status);
  }

  private build(version: number): DashboardSnapshot {
    const { target, region } = this.options;
    const replication = this.replication();
    const poller = this.session.poller;
    const lastPollAt = poller.lastPollAt;
    return {
      version,
      now: this.clock.now(),
      name: toSafeLine(target.identifier),
      configArn: target.configArn,
      region,
      replication,
      ...(lastPollAt === undefined ? {} : { lastPollAt }),
      pollStale: poller.stale,
      liveTail: this.notes.indicator(this.session.liveTail, this.discovering),
      summary: this.summary.summary(),
      events: this.store.events(),
      startTypes: startTypesFor(replication),
      canStop: canStop(replication),
      ...(this.action === undefined ? {} : { action: this.action }),
      ...(this.fatal === undefined ? {} : { fatal: this.fatal }),
    };
  }
}
