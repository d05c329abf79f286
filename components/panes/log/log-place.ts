/**
 * Where a paused log view is, in a store that keeps changing under it. The
 * view is kept as lines scrolled up from an anchor, the newest event when
 * the view was last placed; the lines that arrived since are those after
 * the anchor. Counting them (instead of comparing how many lines match now
 * and then) keeps the view on its lines when the store is full: there each
 * new line pushes the oldest out, the count stays the same, and a view
 * kept by the count alone slid down by every batch.
 */
import type { DmsEvent } from '../../../src/events/types.js';
import { isEmptyFilter, matchesLogFilter, type LogFilter } from '../../../src/select/log-window.js';

/** The log as it is now, seen from a view placed at an anchor. */
export interface LogAt {
  /** Lines the filter keeps now. */
  readonly matched: number;
  /** Of those, the lines after the anchor: they arrived at the end since the view was placed. */
  readonly below: number;
  /** The newest event now: the anchor of a view placed now. */
  readonly newest: DmsEvent | undefined;
}

/**
 * The index of the first event after `anchor` in `events` (time order with
 * stable ties, as the store keeps them), in time logarithmic in their
 * number. An anchor the store no longer holds was evicted, oldest first:
 * every event held came after it. Undefined (a view placed before any
 * line) has every event after it.
 */
export function firstAfter(events: readonly DmsEvent[], anchor: DmsEvent | undefined): number {
  if (anchor === undefined) return 0;
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid]?.time ?? Infinity) > anchor.time) hi = mid;
    else lo = mid + 1;
  }
  // Events of the same time keep the order they came in: the anchor is among them, those after it are new.
  for (let i = lo - 1; i >= 0; i--) {
    const e = events[i];
    if (e === undefined || e.time !== anchor.time) break;
    if (e === anchor || e.id === anchor.id) return i + 1;
  }
  const oldest = events[0];
  return oldest !== undefined && oldest.time >= anchor.time ? 0 : lo;
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

/** Lines `filter` keeps after `anchor`: those that arrived below a view placed there. */
export function linesAfter(events: readonly DmsEvent[], filter: LogFilter, anchor: DmsEvent | undefined): number {
  return countMatching(events, filter, firstAfter(events, anchor));
}

/** The log now, seen from `anchor`, for a key that moves the view (filtered, it reads the events; unfiltered, it only searches them). */
export function logAt(events: readonly DmsEvent[], filter: LogFilter, anchor: DmsEvent | undefined): LogAt {
  return { matched: countMatching(events, filter), below: linesAfter(events, filter, anchor), newest: events[events.length - 1] };
}
