import type { DmsEvent, EventSource, Severity } from '../events/types.js';
import { ConnectionsBuilder, type ConnectionAttempt, type ConnectionCounts } from './connections.js';
import { FailuresBuilder, type FailureHighlight } from './failures.js';
import { FoldInput } from './fold-input.js';
import type { EventCounts, Summary, SummaryOptions } from './summary.js';
import { TimelineBuilder, type TimelineSegment } from './timeline.js';

/** How a LiveSummary kept up so far: events folded (again after a late one included), and refolds after a late event. */
export interface LiveSummaryStats {
  readonly folded: number;
  readonly rebuilds: number;
}

export interface LiveSummaryOptions extends SummaryOptions {
  /** Events the builders read between two copies of them: a late event folds again at most this many more than those after it. @default 1000 */
  readonly checkpointEvery?: number;
  /** Events the builders read that are kept to fold again after a late one (at least). @default 20000 */
  readonly retain?: number;
}

const DEFAULT_CHECKPOINT_EVERY = 1000;
const DEFAULT_RETAIN = 20_000;

/**
 * The summary of every event seen in a live session, kept up to date as
 * events arrive, for the dashboard, which asks for it on every frame (up to
 * ten a second): a full `summarize` of a 50,000-event store takes longer
 * than that.
 *
 * The contract: `summary()` equals `summarize(every event added, in time
 * order)` (src/select/summary.ts), bounded the way the builders bound
 * themselves (the newest 1000 timeline segments per replication, 10,000
 * connection attempts, 1000 failure highlights). It covers every event
 * seen, not only those the store still holds: a log flood that pushes the
 * run's first states or a refused connection out of the store must not
 * take them off the timeline, the connection pane or the failure card.
 * Counts are over every event seen too.
 *
 * Per batch the work is proportional to what changed: an event in time
 * order is folded into the builders once; events the builders do not read
 * (most DMS task lines, notices) only count. A late event (a backfill after
 * a reconnect, a group's results behind another's, a poll answer ahead of
 * the log) is inserted where its time puts it, and the builders fold again
 * from their newest copy before it: copies are kept every `checkpointEvery`
 * events they read, so a late event costs at most that many folds more than
 * the events after it (a refold keeps one new copy, near its end). The builders' input is kept back to the newest
 * `retain` events they read; an event older than all of those is folded as
 * the oldest of them (its neighbours are gone).
 *
 * Each part of the summary is a new object only when its data changed, so
 * a pane can skip drawing when its part is the same as before.
 */
export class LiveSummary {
  /** The events the builders read, in time order (stable ties), since the oldest copy. */
  private readonly input = new FoldInput();
  /** Copies of the builders after the first `pos` events of the input; the first is at `input.first`. */
  private checkpoints: { pos: number; builders: Builders }[];
  private live: Builders;
  private readonly checkpointEvery: number;
  private readonly retain: number;
  private events = 0;
  private first: number | undefined;
  private newest: number | undefined;
  private readonly bySource: Record<EventSource, number> = { dms: 0, 'dms-task': 0, postgres: 0, api: 0, live: 0, other: 0 };
  private readonly bySeverity: Record<Severity, number> = { info: 0, warning: 0, error: 0 };
  private dirty = { timeline: true, connections: true, failures: true, counts: true };
  private parts:
    | {
        timeline: readonly TimelineSegment[];
        timelineAt: number | undefined;
        connections: readonly ConnectionAttempt[];
        connectionCounts: ConnectionCounts;
        failures: readonly FailureHighlight[];
        counts: EventCounts;
      }
    | undefined;
  private last: Summary | undefined;
  private counters = { folded: 0, rebuilds: 0 };

  constructor(options: LiveSummaryOptions = {}) {
    this.checkpointEvery = Math.max(1, Math.floor(options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY));
    this.retain = Math.max(this.checkpointEvery, Math.floor(options.retain ?? DEFAULT_RETAIN));
    this.live = Builders.create(options);
    this.checkpoints = [{ pos: 0, builders: this.live.clone() }];
  }

  get stats(): LiveSummaryStats {
    return { ...this.counters };
  }

  /** Events new to the session (the store said `added`), in any order; duplicates are the caller's to leave out. */
  add(events: Iterable<DmsEvent>): void {
    /** From the first late event on, the batch's events for the builders: merged in, then folded again from there. */
    let late: DmsEvent[] | undefined;
    for (const event of events) {
      this.count(event);
      if (!feedsBuilders(event)) continue;
      if (late === undefined && event.time >= (this.input.last()?.time ?? Number.NEGATIVE_INFINITY)) {
        this.input.append(event);
        this.fold(event);
        this.checkpoint();
      } else {
        (late ??= []).push(event);
      }
    }
    if (late !== undefined) this.refold(this.input.merge(late));
    this.trim();
  }

  /**
   * The summary of every event seen so far; the same object as last time
   * when nothing changed. `now` gives the current state a running duration,
   * as in `summarize`; without it, the newest event's time.
   */
  summary(now?: number): Summary {
    const at = now ?? this.newest;
    const parts = this.parts;
    const dirty = this.dirty;
    if (this.last !== undefined && parts !== undefined && !dirty.timeline && !dirty.connections && !dirty.failures && !dirty.counts && parts.timelineAt === at) {
      return this.last;
    }
    const { timeline, connections, failures } = this.live;
    const next = {
      timeline: dirty.timeline || parts === undefined || parts.timelineAt !== at ? timeline.segments(at) : parts.timeline,
      timelineAt: at,
      connections: dirty.connections || parts === undefined ? connections.list() : parts.connections,
      connectionCounts: dirty.connections || parts === undefined ? connections.counts() : parts.connectionCounts,
      failures: dirty.failures || parts === undefined ? failures.list() : parts.failures,
      counts: dirty.counts || parts === undefined ? this.countsNow() : parts.counts,
    };
    this.parts = next;
    this.dirty = { timeline: false, connections: false, failures: false, counts: false };
    this.last = {
      timeline: next.timeline,
      timelineDropped: timeline.droppedCount,
      connections: next.connections,
      connectionCounts: next.connectionCounts,
      failures: next.failures,
      counts: next.counts,
    };
    return this.last;
  }

  /** Folds the input again from the newest copy at or before absolute position `from`. */
  private refold(from: number): void {
    while (this.checkpoints.length > 1 && (this.checkpoints.at(-1)?.pos ?? 0) > from) this.checkpoints.pop();
    const base = this.checkpoints.at(-1);
    if (base === undefined) throw new Error('LiveSummary lost its first checkpoint');
    this.live = base.builders.clone();
    const end = this.input.end;
    for (let pos = base.pos; pos < end; pos++) {
      const event = this.input.at(pos);
      if (event === undefined) break;
      this.fold(event);
      // One copy, near the end, where the next late event most likely lands (a copy costs what 10,000 open connections cost to copy).
      if (pos + 1 >= end - this.checkpointEvery) this.checkpoint(pos + 1);
    }
    this.counters.rebuilds += 1;
    this.dirty = { timeline: true, connections: true, failures: true, counts: true };
  }

  /** Keeps a copy of the builders every `checkpointEvery` events they read; `pos` is where they stand. */
  private checkpoint(pos = this.input.end): void {
    const newest = this.checkpoints.at(-1)?.pos ?? 0;
    if (pos - newest >= this.checkpointEvery) this.checkpoints.push({ pos, builders: this.live.clone() });
  }

  /** Drops the oldest copies and the input before them, keeping at least `retain` events to fold again. */
  private trim(): void {
    const end = this.input.end;
    for (;;) {
      const second = this.checkpoints[1];
      if (second === undefined || end - second.pos < this.retain) return;
      this.checkpoints.shift();
      this.input.dropBefore(second.pos);
    }
  }

  /** As SummaryBuilder.add, for an event the builders read; marks the parts it may change. */
  private fold(event: DmsEvent): void {
    this.live.add(event);
    this.counters.folded += 1;
    const kind = event.kind;
    if (kind === 'state' || kind === 'status') {
      this.dirty.timeline = true;
      this.dirty.failures = true;
    } else if (kind === 'connection' || (kind === 'log' && event.pg !== undefined)) {
      this.dirty.connections = true;
      this.dirty.failures = true;
    } else if (kind === 'task') {
      this.dirty.failures = true;
    }
  }

  private count(event: DmsEvent): void {
    this.events += 1;
    this.bySource[event.source] += 1;
    this.bySeverity[event.severity] += 1;
    if (this.first === undefined || event.time < this.first) this.first = event.time;
    if (this.newest === undefined || event.time > this.newest) this.newest = event.time;
    this.dirty.counts = true;
  }

  private countsNow(): EventCounts {
    return {
      events: this.events,
      bySource: { ...this.bySource },
      bySeverity: { ...this.bySeverity },
      ...(this.first !== undefined && { first: this.first }),
      ...(this.newest !== undefined && { last: this.newest }),
    };
  }
}

/** The three builders SummaryBuilder folds, as one set that can be copied. */
class Builders {
  private constructor(
    readonly timeline: TimelineBuilder,
    readonly connections: ConnectionsBuilder,
    readonly failures: FailuresBuilder,
  ) {}

  static create(options: SummaryOptions): Builders {
    const connections = new ConnectionsBuilder({ limit: options.connectionLimit ?? 10_000 });
    return new Builders(new TimelineBuilder(), connections, new FailuresBuilder(connections));
  }

  add(event: DmsEvent): void {
    this.timeline.add(event);
    this.connections.add(event);
    this.failures.add(event);
  }

  clone(): Builders {
    const connections = this.connections.clone();
    return new Builders(this.timeline.clone(), connections, this.failures.clone(connections));
  }
}

/**
 * Whether the timeline, connections or failures builders read this event at
 * all: anything else only counts. A PostgreSQL event of any kind counts for
 * the failures builder, which tells a network problem from a credentials
 * problem by whether any PostgreSQL line was seen (src/select/failures.ts).
 */
function feedsBuilders(event: DmsEvent): boolean {
  switch (event.kind) {
    case 'state':
    case 'status':
    case 'connection':
      return true;
    case 'task':
      return event.severity === 'error' || event.source === 'postgres';
    case 'log':
      return event.pg !== undefined || event.source === 'postgres';
    default:
      return event.source === 'postgres';
  }
}
