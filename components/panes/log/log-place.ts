/**
 * Where a paused log view is, in a store that keeps changing under it. The
 * view is kept by its bottom line (an event, its anchor): it is scrolled up
 * from the newest line by as many lines as now come after that one. Lines
 * arriving below it (at the end, or late, in between) push it up by as many,
 * lines leaving at the top (a full store evicts its oldest) or arriving
 * above it do not move it, so it stays on the lines the user reads. A view
 * kept as a count of lines from the end instead slid with every batch once
 * the store was full (the count stays the same while the lines change).
 */
import type { DmsEvent } from '../../../src/events/types.js';
import { isEmptyFilter, matchesLogFilter, type LogFilter } from '../../../src/select/log-window.js';

/**
 * The index of the first event after `line` in `events` (time order with
 * stable ties, as the store keeps them), in time logarithmic in their
 * number. A line the store no longer holds was evicted, oldest first: every
 * event held came after it. Undefined (a view placed before any line) has
 * every event after it.
 */
export function firstAfter(events: readonly DmsEvent[], line: DmsEvent | undefined): number {
  if (line === undefined) return 0;
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid]?.time ?? Infinity) > line.time) hi = mid;
    else lo = mid + 1;
  }
  // Events of the same time keep the order they came in: the line is among them, those after it are after it.
  for (let i = lo - 1; i >= 0; i--) {
    const e = events[i];
    if (e === undefined || e.time !== line.time) break;
    if (e === line || e.id === line.id) return i + 1;
  }
  const oldest = events[0];
  return oldest !== undefined && oldest.time >= line.time ? 0 : lo;
}

/** Events from index `from` on that `filter` keeps. */
export function countMatching(events: readonly DmsEvent[], filter: LogFilter, from = 0): number {
  const start = Math.max(0, from);
  if (isEmptyFilter(filter)) return Math.max(0, events.length - start);
  let n = 0;
  for (let i = start; i < events.length; i++) {
    const e = events[i];
    if (e !== undefined && matchesLogFilter(e, filter)) n += 1;
  }
  return n;
}

/** Lines `filter` keeps after `line`: how far a view whose bottom line it is is scrolled up from the newest. */
export function linesAfter(events: readonly DmsEvent[], filter: LogFilter, line: DmsEvent | undefined): number {
  return countMatching(events, filter, firstAfter(events, line));
}

/** The log as it is now, for a key that moves the view. */
export interface LogAt {
  /** Lines the filter keeps. */
  readonly matched: number;
  /** Lines the filter keeps after `line` (every one for undefined). */
  after(line: DmsEvent | undefined): number;
  /** The kept line with `offsetFromEnd` kept lines after it (0: the newest); undefined when there is none. */
  lineAt(offsetFromEnd: number): DmsEvent | undefined;
}

/** The log now, as `filter` keeps it (read when a key asks, not on every frame). */
export function logAt(events: readonly DmsEvent[], filter: LogFilter): LogAt {
  const all = isEmptyFilter(filter);
  return {
    matched: countMatching(events, filter),
    after: (line) => linesAfter(events, filter, line),
    lineAt: (offsetFromEnd) => {
      const k = Math.floor(offsetFromEnd);
      if (k < 0) return undefined;
      if (all) return events[events.length - 1 - k];
      let seen = 0;
      for (let i = events.length - 1; i >= 0; i--) {
        const e = events[i];
        if (e === undefined || !matchesLogFilter(e, filter)) continue;
        if (seen === k) return e;
        seen += 1;
      }
      return undefined;
    },
  };
}
