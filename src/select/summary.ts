import type { DmsEvent, EventSource, Severity } from '../events/types.js';
import { ConnectionsBuilder, type ConnectionAttempt, type ConnectionCounts } from './connections.js';
import { FailuresBuilder, type FailureHighlight } from './failures.js';
import { TimelineBuilder, type TimelineSegment } from './timeline.js';

export interface EventCounts {
  readonly events: number;
  readonly bySource: Readonly<Record<EventSource, number>>;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly first?: number;
  readonly last?: number;
}

export interface Summary {
  readonly timeline: readonly TimelineSegment[];
  /** Older timeline segments left out to bound memory. */
  readonly timelineDropped: number;
  readonly connections: readonly ConnectionAttempt[];
  readonly connectionCounts: ConnectionCounts;
  readonly failures: readonly FailureHighlight[];
  readonly counts: EventCounts;
}

export interface SummaryOptions {
  /** Most connection attempts kept for the list (all are counted). @default 10000 */
  readonly connectionLimit?: number;
}

/**
 * Every derived view at once, folded over events in time order with bounded
 * memory: used by `replay` (which streams a file of any size through it) and
 * by tests. The live UI runs the same builders over the store.
 */
export class SummaryBuilder {
  private readonly timeline = new TimelineBuilder();
  private readonly connections: ConnectionsBuilder;
  private readonly failures: FailuresBuilder;
  private events = 0;
  private first: number | undefined;
  private last: number | undefined;
  private readonly bySource: Record<EventSource, number> = { dms: 0, 'dms-task': 0, postgres: 0, api: 0, live: 0, other: 0 };
  private readonly bySeverity: Record<Severity, number> = { info: 0, warning: 0, error: 0 };

  constructor(options: SummaryOptions = {}) {
    this.connections = new ConnectionsBuilder({ limit: options.connectionLimit ?? 10_000 });
    this.failures = new FailuresBuilder(this.connections);
  }

  add(event: DmsEvent): void {
    this.events += 1;
    this.bySource[event.source] += 1;
    this.bySeverity[event.severity] += 1;
    if (this.first === undefined || event.time < this.first) this.first = event.time;
    if (this.last === undefined || event.time > this.last) this.last = event.time;
    this.timeline.add(event);
    this.connections.add(event);
    this.failures.add(event);
  }

  /** `now` gives the current state a running duration; replay passes the last event's time. */
  summary(now?: number): Summary {
    return {
      timeline: this.timeline.segments(now ?? this.last),
      timelineDropped: this.timeline.droppedCount,
      connections: this.connections.list(),
      connectionCounts: this.connections.counts(),
      failures: this.failures.list(),
      counts: {
        events: this.events,
        bySource: { ...this.bySource },
        bySeverity: { ...this.bySeverity },
        ...(this.first !== undefined && { first: this.first }),
        ...(this.last !== undefined && { last: this.last }),
      },
    };
  }
}

export function summarize(events: Iterable<DmsEvent>, now?: number): Summary {
  const builder = new SummaryBuilder();
  for (const event of events) builder.add(event);
  return builder.summary(now);
}
