import type { StoredLogEvent } from '../world/log-store.js';

/**
 * Range helpers over a group's events, which are ordered by event id (and so
 * by timestamp): binary searches instead of scanning the whole group, which
 * matters under the `flood` scenario.
 */

/** The index of the first event with a timestamp >= `time`. */
export function firstAtOrAfter(events: readonly StoredLogEvent[], time: number): number {
  return lowerBound(events, (e) => e.timestamp < time);
}

/** The index of the first event with an id > `eventId`. */
export function firstAfterId(events: readonly StoredLogEvent[], eventId: string): number {
  return lowerBound(events, (e) => e.eventId <= eventId);
}

/** The index of the first event with an id >= `eventId`. */
export function firstAtOrAfterId(events: readonly StoredLogEvent[], eventId: string): number {
  return lowerBound(events, (e) => e.eventId < eventId);
}

function lowerBound(events: readonly StoredLogEvent[], before: (e: StoredLogEvent) => boolean): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = events[mid];
    if (e !== undefined && before(e)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
