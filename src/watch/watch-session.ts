import type { AwsApis } from '../aws/apis.js';
import { AwsFailure, contextFor, describeAwsError, type AwsErrorContext, type IamAction } from '../aws/errors.js';
import { findLogGroups, type FoundLogGroup } from '../discovery/log-groups.js';
import { missingGroupNotice, planLogGroups, type LogGroupFlags, type LogGroupPlan, type WantedGroup } from '../discovery/log-group-plan.js';
import type { ResolvedReplication } from '../discovery/resolve-replication.js';
import type { DmsEvent, ReplicationSnapshot } from '../events/types.js';
import { isSettledStatus, isTransitionalStatus } from '../parse/replication-status.js';
import type { Clock } from '../sources/clock.js';
import { LiveTailSource } from '../sources/live-tail-source.js';
import { ReplicationPoller } from '../sources/replication-poller.js';
import { sessionEvent } from '../sources/session-event.js';
import { ConnectionLinesCheck } from './connection-lines-check.js';

export interface WatchSessionOptions {
  readonly apis: AwsApis;
  readonly clock: Clock;
  readonly target: ResolvedReplication;
  readonly groups: LogGroupFlags;
  /** `--poll`: a fixed poll interval; default 2 s while transitional, 15 s when settled. */
  readonly pollMs?: number;
  /** `--since`: backfill start; default the current run's start. */
  readonly since?: number;
  /** `--tail-idle`: close Live Tail after this long without events while the replication is settled. */
  readonly tailIdleMs: number;
  /** Every event the watch produces: log events, status, session and action events. */
  readonly sink: (events: readonly DmsEvent[]) => void;
}

/** How often missing log groups are looked for: often while the replication moves, seldom when it rests. */
const GROUP_CHECK_TRANSITIONAL_MS = 10_000;
const GROUP_CHECK_SETTLED_MS = 60_000;
/** Longest the output waits for a starting replication's DMS log group to appear. */
const DMS_GROUP_WAIT_MS = 120_000;
/** How often the idle rule is checked. */
const IDLE_CHECK_MS = 60_000;

/**
 * One replication watched live: its poller, one Live Tail session over
 * every log group that exists, the groups that do not exist yet (joined
 * when they appear), the idle rule that closes Live Tail to save cost, and
 * the notices about all of it. Everything reaches `sink` as events.
 */
export class WatchSession {
  readonly poller: ReplicationPoller;
  private tail: LiveTailSource | undefined;
  private plan: LogGroupPlan | undefined;
  private readonly present = new Map<string, FoundLogGroup>();
  private missing: WantedGroup[] = [];
  private readonly connectionCheck: ConnectionLinesCheck;
  private cancelGroupCheck: (() => void) | undefined;
  private cancelIdleCheck: (() => void) | undefined;
  private readonly abort = new AbortController();
  private lastStatus: string | undefined;
  private stopped = false;
  private dmsGroupAwaitedSince: number | undefined;
  private resumedAt: number | undefined;
  private discovering = true;

  constructor(private readonly options: WatchSessionOptions) {
    const sink = (events: readonly DmsEvent[]): void => {
      this.connectionCheck.add(events);
      options.sink(events);
    };
    this.connectionCheck = new ConnectionLinesCheck({
      clock: options.clock,
      rdsGroup: () => [...this.present.values()].find((g) => this.plan?.groups.some((w) => w.role === 'rds' && w.name === g.name))?.name,
      sink: options.sink,
    });
    this.poller = new ReplicationPoller({
      dms: options.apis.dms,
      clock: options.clock,
      configArn: options.target.configArn,
      sink,
      ...(options.pollMs === undefined ? {} : { intervalMs: options.pollMs }),
      initial: options.target.snapshot,
      context: awsContext(options.apis, 'dms:DescribeReplications'),
    });
    this.sink = sink;
  }

  private readonly sink: (events: readonly DmsEvent[]) => void;

  /** The Live Tail session, once one runs. */
  get liveTail(): LiveTailSource | undefined {
    return this.tail;
  }

  /** True while a reconnect's gap is being filled: outputs hold events back meanwhile. */
  gapOpen(): boolean {
    // Until discovery is done and the first backfill runs, what the poller says would come out first.
    if (this.discovering || this.awaitingDmsGroup()) return true;
    const tail = this.tail;
    if (tail === undefined) return false;
    // The state turns `live` as the stream opens, before its backfill has filled the gap.
    return tail.state === 'starting' || tail.state === 'reconnecting' || tail.backfilling;
  }

  /**
   * A replication that starts creates its DMS log group (DMS writes there
   * from the first state on), and the watch finds it only at its next look:
   * until then, what the poller says would come out ahead of the states
   * the group will backfill. Said for at most `DMS_GROUP_WAIT_MS`; the
   * output itself holds no gap longer than its own limit (OrderedRelease).
   */
  private awaitingDmsGroup(): boolean {
    const status = this.poller.latest?.status;
    if (status === undefined || !isTransitionalStatus(status) || !this.missing.some((g) => g.role === 'dms')) {
      this.dmsGroupAwaitedSince = undefined;
      return false;
    }
    const now = this.options.clock.now();
    this.dmsGroupAwaitedSince ??= now;
    return now - this.dmsGroupAwaitedSince < DMS_GROUP_WAIT_MS;
  }

  /**
   * Finds the log groups and starts polling and tailing. Rejects (one-line
   * message) only when the watch cannot go on: DescribeLogGroups denied,
   * say; everything else becomes a notice.
   */
  async start(): Promise<void> {
    const { apis, target, clock } = this.options;
    this.poller.onSnapshot((snapshot) => {
      this.onSnapshot(snapshot);
    });
    this.poller.start();
    try {
      this.plan = await planLogGroups(apis.dms, target, this.options.groups, this.abort.signal);
    } catch (err) {
      const problem = describeAwsError(err, contextFor(apis, 'dms:DescribeEndpoints'));
      this.notice('warning', `cannot read the source endpoint, so the PostgreSQL log is not watched: ${problem.message} (or pass --rds-log-group)`);
      this.plan = await planLogGroups(apis.dms, target, { ...this.options.groups, noRds: true });
    }
    if (this.plan.noRdsReason !== undefined) {
      this.notice('warning', `no PostgreSQL log group: ${this.plan.noRdsReason}; pass --rds-log-group NAME to watch it, or --no-rds`);
    }
    let found: Map<string, FoundLogGroup>;
    try {
      found = await findLogGroups(apis.logs, this.plan.groups.map((g) => g.name), this.abort.signal);
    } catch (err) {
      throw new AwsFailure(describeAwsError(err, contextFor(apis, 'logs:DescribeLogGroups')));
    }
    // Stopped while looking (the dashboard closed during discovery): open nothing that stop() would not close.
    if (this.stopped) return;
    for (const [name, group] of found) this.present.set(name, group);
    this.missing = this.plan.groups.filter((g) => !found.has(g.name));
    const everRan = target.snapshot.startTime !== undefined || target.snapshot.status !== 'created';
    for (const group of this.missing) this.notice('warning', missingGroupNotice(group, everRan), [group.name]);
    if (this.present.size > 0) this.startTail(this.options.since ?? target.snapshot.startTime ?? clock.now());
    this.discovering = false;
    this.scheduleGroupCheck();
    this.scheduleIdleCheck();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.abort.abort();
    this.cancelGroupCheck?.();
    this.cancelIdleCheck?.();
    this.connectionCheck.stop();
    this.poller.stop();
    await this.tail?.stop();
  }

  private startTail(backfillFrom: number): void {
    const groups = [...this.present.values()];
    const { apis } = this.options;
    this.tail = new LiveTailSource({
      logs: apis.logs,
      clock: this.options.clock,
      groups,
      backfillFrom,
      sink: this.sink,
      aws: awsContext(apis, 'logs:StartLiveTail'),
    });
    this.tail.start();
  }

  private onSnapshot(snapshot: ReplicationSnapshot): void {
    const changed = this.lastStatus !== undefined && snapshot.status !== this.lastStatus;
    this.lastStatus = snapshot.status;
    if (changed && this.tail?.state === 'suspended') {
      this.resumedAt = this.options.clock.now();
      this.tail.resume(`the replication is now ${snapshot.status}`);
    }
    if (changed && this.missing.length > 0) {
      // A start creates the DMS log group: look at once rather than at the next check.
      this.scheduleGroupCheck(0);
    }
  }

  private scheduleGroupCheck(delayMs?: number): void {
    this.cancelGroupCheck?.();
    this.cancelGroupCheck = undefined;
    if (this.stopped || this.missing.length === 0) return;
    const settled = isSettledStatus(this.poller.latest?.status ?? this.options.target.snapshot.status);
    const wait = delayMs ?? (settled ? GROUP_CHECK_SETTLED_MS : GROUP_CHECK_TRANSITIONAL_MS);
    this.cancelGroupCheck = this.options.clock.setTimeout(() => {
      this.cancelGroupCheck = undefined;
      void this.checkMissingGroups().finally(() => {
        this.scheduleGroupCheck();
      });
    }, wait);
  }

  private async checkMissingGroups(): Promise<void> {
    let found: Map<string, FoundLogGroup>;
    try {
      found = await findLogGroups(this.options.apis.logs, this.missing.map((g) => g.name), this.abort.signal);
    } catch (err) {
      if (this.stopped) return;
      this.notice('warning', `cannot look for log groups: ${describeAwsError(err, contextFor(this.options.apis, 'logs:DescribeLogGroups')).message}`);
      return;
    }
    if (this.stopped || found.size === 0) return;
    for (const [name, group] of found) this.present.set(name, group);
    this.missing = this.missing.filter((g) => !found.has(g.name));
    const names = [...found.keys()];
    if (this.tail === undefined) {
      this.notice('joined', `log group ${names.join(', ')} appeared`, names);
      // The group was born with this run: everything in it belongs to the watch.
      this.startTail(this.options.since ?? this.poller.latest?.startTime ?? this.options.target.snapshot.startTime ?? 0);
    } else {
      this.tail.setGroups([...this.present.values()]);
    }
  }

  private scheduleIdleCheck(): void {
    this.cancelIdleCheck = this.options.clock.setTimeout(() => {
      this.cancelIdleCheck = undefined;
      if (this.stopped) return;
      this.checkIdle();
      this.scheduleIdleCheck();
    }, Math.min(IDLE_CHECK_MS, this.options.tailIdleMs));
  }

  /** Live Tail is billed per session minute: close it while nothing happens, keep polling (issue: cost). */
  private checkIdle(): void {
    const tail = this.tail;
    if (tail?.state !== 'live') return;
    const status = this.poller.latest?.status;
    if (status === undefined || !isSettledStatus(status)) return;
    // Quiet since the last event, or since the session (re)opened: a reopened session gets its full idle time.
    const quietSince = Math.max(tail.lastActivity ?? Number.NEGATIVE_INFINITY, tail.startedAt ?? Number.NEGATIVE_INFINITY, this.resumedAt ?? Number.NEGATIVE_INFINITY);
    if (!Number.isFinite(quietSince) || this.options.clock.now() - quietSince < this.options.tailIdleMs) return;
    tail.suspend(`no log events for ${String(Math.round(this.options.tailIdleMs / 60_000))} min and the replication is ${status}; polling goes on and Live Tail reopens on a change`);
  }

  private notice(event: 'warning' | 'joined', text: string, groups?: readonly string[]): void {
    this.options.sink([sessionEvent(this.options.clock.now(), { event, ...(groups === undefined ? {} : { groups }) }, text)]);
  }
}

/** Profile, region and endpoint for the sources' error lines (each names its own action). */
function awsContext(apis: AwsApis, action: IamAction): Omit<AwsErrorContext, 'action'> {
  const { action: _action, ...context } = contextFor(apis, action);
  return context;
}
