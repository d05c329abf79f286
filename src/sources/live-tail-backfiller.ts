import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { LogsApi } from '../aws/apis.js';
import type { AwsErrorContext } from '../aws/errors.js';
import { describeAwsError } from '../aws/errors.js';
import type { DmsEvent, SessionInfo, Severity } from '../events/types.js';
import type { BackfillGroup, GroupBackfill } from './backfill.js';
import { backfillBatches, fetchGroup } from './backfill.js';
import { Backoff } from './backoff.js';
import type { Clock } from './clock.js';
import { sleep } from './clock.js';
import { isAborted } from './live-tail-ends.js';

export interface BackfillerOptions {
  readonly logs: LogsApi;
  readonly clock: Clock;
  /** Events kept per group and backfill, the newest. */
  readonly limit: number;
  /** How far before the newest event seen a gap starts, for events ingested late. */
  readonly overlapMs: number;
  /** Where the first backfill of the groups given at start begins; without it they are not backfilled. */
  readonly from?: number;
  readonly initialGroups: readonly string[];
  readonly aws?: Omit<AwsErrorContext, 'action'>;
  readonly deliver: (events: readonly DmsEvent[]) => void;
  readonly notify: (info: SessionInfo, text: string, severity?: Severity) => void;
}

/** Tries per group for throttling, 5xx and network errors before the gap waits for the next session. */
const TRIES = 3;

/**
 * The gaps of a Live Tail session and the FilterLogEvents calls that fill
 * them. A Live Tail session delivers only what is ingested after it opened
 * (API reference, StartLiveTail), so each open leaves a gap:
 * - a group seen before: from the newest event seen, minus `overlapMs`;
 * - a group new to the session: from the run's start (`from`), or, for one
 *   that joined later without it, from when the source started;
 * - a gap that could not be filled stays, and the next one starts from it.
 * Backfilled events overlap live ones on purpose; both carry the same ids,
 * and the store keeps one copy.
 */
export class LiveTailBackfiller {
  private readonly gaps = new Map<string, number>();
  private readonly covered = new Set<string>();
  private readonly initial: ReadonlySet<string>;
  private newest: number | undefined;
  private startTime: number | undefined;
  private firstOpen: number | undefined;
  private denied = false;
  private filling = false;

  constructor(private readonly opts: BackfillerOptions) {
    this.initial = new Set(opts.initialGroups);
  }

  get newestTime(): number | undefined {
    return this.newest;
  }

  /** Whether a gap is being filled now. */
  get active(): boolean {
    return this.filling;
  }

  started(time: number): void {
    this.startTime = time;
  }

  /** Events delivered (live or backfilled): the newest time is where the next gap starts. */
  saw(events: readonly DmsEvent[]): void {
    for (const e of events) if (e.kind !== 'session' && (this.newest === undefined || e.time > this.newest)) this.newest = e.time;
  }

  /**
   * Called right after a session opened, before any of its frames are read:
   * records the gaps (synchronously), then fills them. Never rejects; an
   * abort (the session ended) leaves the unfilled gaps for the next one.
   */
  async fill(groups: readonly { name: string; arn: string }[], signal: AbortSignal): Promise<void> {
    const todo = this.openGaps(groups);
    if (todo.length === 0) return;
    this.filling = true;
    try {
      await this.fillGaps(todo, signal);
    } finally {
      this.filling = false;
    }
  }

  private async fillGaps(todo: readonly BackfillGroup[], signal: AbortSignal): Promise<void> {
    const done: GroupBackfill[] = [];
    for (const group of todo) {
      if (signal.aborted) break;
      try {
        done.push(await this.fetchWithRetries(group, signal));
      } catch (err) {
        if (isAborted(signal)) break;
        const info = describeAwsError(err, { action: 'logs:FilterLogEvents', ...this.opts.aws });
        if (info.kind === 'access-denied') {
          this.denied = true;
          this.gaps.clear();
          this.opts.notify(
            { event: 'error', reason: info.name, action: 'logs:FilterLogEvents' },
            `cannot backfill log events, so events from before Live Tail opened and from its reconnect gaps are missing: ${info.message}`,
          );
          return;
        }
        this.opts.notify(
          { event: 'warning', reason: info.name, groups: [group.name] },
          `cannot backfill ${group.name} now (${info.message}); the gap is filled after the next reconnect`,
        );
      }
    }
    if (done.length === 0) return;
    for (const d of done) this.gaps.delete(d.group);
    // In batches, each in a turn of its own, so keys and frames get through
    // a big backfill; delivered whole even if the session ends meanwhile.
    let first = true;
    for (const batch of backfillBatches(done)) {
      if (!first) await yieldToLoop();
      first = false;
      this.opts.deliver(batch);
    }
    const count = done.reduce((n, d) => n + d.records.length, 0);
    const cut = done.reduce((n, d) => n + d.cut, 0);
    const names = done.map((d) => d.group);
    this.opts.notify(
      { event: 'backfilled', count, cut, groups: names },
      `backfilled ${String(count)} events of ${names.join(', ')}${cut > 0 ? `; ${String(cut)} older ones left out (the newest ${String(this.opts.limit)} per group are kept)` : ''}`,
    );
  }

  private openGaps(groups: readonly { name: string; arn: string }[]): BackfillGroup[] {
    const now = this.opts.clock.now();
    this.firstOpen ??= now;
    const watermark = (this.newest ?? this.firstOpen) - this.opts.overlapMs;
    const todo: BackfillGroup[] = [];
    for (const g of groups) {
      let from: number | undefined;
      if (this.covered.has(g.name)) from = watermark;
      else if (this.opts.from !== undefined) from = this.opts.from;
      else if (!this.initial.has(g.name)) from = (this.startTime ?? now) - this.opts.overlapMs;
      this.covered.add(g.name);
      if (from !== undefined) {
        const earlier = this.gaps.get(g.name);
        this.gaps.set(g.name, earlier === undefined ? from : Math.min(earlier, from));
      }
      const gap = this.gaps.get(g.name);
      if (gap !== undefined && !this.denied) todo.push({ name: g.name, arn: g.arn, from: gap });
    }
    return todo;
  }

  private async fetchWithRetries(group: BackfillGroup, signal: AbortSignal): Promise<GroupBackfill> {
    const backoff = new Backoff({ baseMs: 1000, maxMs: 10_000 });
    for (let attempt = 1; ; attempt++) {
      try {
        return await fetchGroup(this.opts.logs, group, this.opts.limit, signal);
      } catch (err) {
        const info = describeAwsError(err, { action: 'logs:FilterLogEvents', ...this.opts.aws });
        if (signal.aborted || !info.retryable || attempt >= TRIES) throw err;
        await sleep(this.opts.clock, backoff.next(), signal);
      }
    }
  }
}
