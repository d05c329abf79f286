import type { DmsEvent, EventSource, Severity } from '../events/types.js';
import type { EventStore, StoreCursor } from '../store/event-store.js';
import { OrderedRing } from '../store/ordered-ring.js';
import { ConnectionsBuilder, type ConnectionAttempt, type ConnectionCounts } from './connections.js';
import { FailuresBuilder, type FailureHighlight } from './failures.js';
import type { EventCounts, Summary, SummaryOptions } from './summary.js';
import { TimelineBuilder, type TimelineSegment } from './timeline.js';

/** How a LiveSummary kept up so far: events folded one by one, and rebuilds from the whole store. */
export interface LiveSummaryStats {
  readonly folded: number;
  readonly rebuilds: number;
}

/**
 * `summarize(store.events())` kept up to date as the store changes, for the
 * dashboard, which re-selects on every store notification (at most every
 * 100 ms): a full summary of a 50,000-event store takes longer than that.
 * New events are folded into the same builders `summarize` uses
 * (src/select/summary.ts), so the result is always exactly what
 * `summarize(store.events())` gives. The builders only fold forwards in
 * time, so they are rebuilt from the store when that cannot give the same
 * answer: after a late event (inserted before the newest one) or a drain,
 * and when an event the builders read (a state, a status, a PostgreSQL
 * entry, a task error) leaves a full store. Events that only count (most
 * of a flood) come and go at the cost of a few counters.
 * Each part of the summary is a new object only when its data changed, so
 * a pane can skip drawing when its part is the same as before.
 */
export class LiveSummary {
  private cursor: StoreCursor;
  /** The events the summary covers, in the store's order: to know what an eviction took. */
  private readonly held = new OrderedRing<DmsEvent>((e) => e.time);
  /** Those of `held` the builders read: all a rebuild after an eviction needs to fold. */
  private readonly read = new OrderedRing<DmsEvent>((e) => e.time);
  private timeline!: TimelineBuilder;
  private connections!: ConnectionsBuilder;
  private failures!: FailuresBuilder;
  private bySource: Record<EventSource, number> = emptyBySource();
  private bySeverity: Record<Severity, number> = emptyBySeverity();
  private dirty = { timeline: true, connections: true, failures: true, counts: true };
  private parts: {
    timeline: readonly TimelineSegment[];
    timelineAt: number | undefined;
    connections: readonly ConnectionAttempt[];
    connectionCounts: ConnectionCounts;
    failures: readonly FailureHighlight[];
    counts: EventCounts;
  } | undefined;
  private last: Summary | undefined;
  private counters = { folded: 0, rebuilds: 0 };

  constructor(
    private readonly store: EventStore,
    private readonly options: SummaryOptions = {},
  ) {
    this.cursor = store.cursor();
    this.rebuild(store.events());
  }

  get stats(): LiveSummaryStats {
    return { ...this.counters };
  }

  /**
   * The summary of every event the store holds now; the same object as last
   * time when nothing changed. `now` gives the current state a running
   * duration, as in `summarize`; without it, the newest event's time.
   */
  summary(now?: number): Summary {
    this.catchUp();
    const at = now ?? this.held.last()?.time;
    const parts = this.parts;
    const dirty = this.dirty;
    if (this.last !== undefined && parts !== undefined && !dirty.timeline && !dirty.connections && !dirty.failures && !dirty.counts && parts.timelineAt === at) {
      return this.last;
    }
    const next = {
      timeline: dirty.timeline || parts === undefined || parts.timelineAt !== at ? this.timeline.segments(at) : parts.timeline,
      timelineAt: at,
      connections: dirty.connections || parts === undefined ? this.connections.list() : parts.connections,
      connectionCounts: dirty.connections || parts === undefined ? this.connections.counts() : parts.connectionCounts,
      failures: dirty.failures || parts === undefined ? this.failures.list() : parts.failures,
      counts: dirty.counts || parts === undefined ? this.countsNow() : parts.counts,
    };
    this.parts = next;
    this.dirty = { timeline: false, connections: false, failures: false, counts: false };
    this.last = {
      timeline: next.timeline,
      timelineDropped: this.timeline.droppedCount,
      connections: next.connections,
      connectionCounts: next.connectionCounts,
      failures: next.failures,
      counts: next.counts,
    };
    return this.last;
  }

  private catchUp(): void {
    if (this.store.version === this.cursor.version) return;
    const changes = this.store.changesSince(this.cursor);
    this.cursor = changes.cursor;
    if (changes.lateInsert) {
      this.rebuild(this.store.events());
      return;
    }
    let stale = false;
    for (let i = 0; i < changes.evicted; i++) {
      const gone = this.held.shift();
      if (gone === undefined) break;
      this.count(gone, -1);
      if (feedsBuilders(gone)) {
        this.read.shift();
        stale = true;
      }
    }
    for (const event of changes.added) {
      this.held.insert(event);
      this.count(event, 1);
      if (feedsBuilders(event)) {
        this.read.insert(event);
        if (!stale) this.fold(event);
      }
    }
    if (stale) this.refold();
  }

  /** Starts over from `events` (the store's, in time order). */
  private rebuild(events: readonly DmsEvent[]): void {
    this.held.clear();
    this.read.clear();
    this.bySource = emptyBySource();
    this.bySeverity = emptyBySeverity();
    for (const event of events) {
      this.held.insert(event);
      this.count(event, 1);
      if (feedsBuilders(event)) this.read.insert(event);
    }
    this.refold();
  }

  /** New builders over the events they read, as `summarize` would build them. */
  private refold(): void {
    this.timeline = new TimelineBuilder();
    this.connections = new ConnectionsBuilder({ limit: this.options.connectionLimit ?? 10_000 });
    this.failures = new FailuresBuilder(this.connections);
    for (let i = 0; i < this.read.size; i++) {
      const event = this.read.at(i);
      if (event !== undefined) this.fold(event);
    }
    this.counters.rebuilds += 1;
    this.dirty = { timeline: true, connections: true, failures: true, counts: true };
  }

  /** As SummaryBuilder.add, for an event the builders read; marks the parts it may change. */
  private fold(event: DmsEvent): void {
    this.timeline.add(event);
    this.connections.add(event);
    this.failures.add(event);
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

  private count(event: DmsEvent, by: 1 | -1): void {
    this.bySource[event.source] += by;
    this.bySeverity[event.severity] += by;
    this.dirty.counts = true;
  }

  private countsNow(): EventCounts {
    const first = this.held.first()?.time;
    const last = this.held.last()?.time;
    return {
      events: this.held.size,
      bySource: { ...this.bySource },
      bySeverity: { ...this.bySeverity },
      ...(first !== undefined && { first }),
      ...(last !== undefined && { last }),
    };
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

function emptyBySource(): Record<EventSource, number> {
  return { dms: 0, 'dms-task': 0, postgres: 0, api: 0, live: 0, other: 0 };
}

function emptyBySeverity(): Record<Severity, number> {
  return { info: 0, warning: 0, error: 0 };
}
