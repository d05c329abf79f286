import type { DmsEvent } from '../../../src/events/types.js';
import { matchesLogFilter, type LogFilter } from '../../../src/select/log-window.js';

/**
 * Where `n`/`N` can go: the positions, among the lines `filter` keeps
 * (oldest first, as the log pane counts them), of those containing any of
 * `terms` (ignoring case, as highlights are drawn). With no terms every
 * kept line is a match. One pass over the events, run on a key press, not
 * on every frame.
 */
export function logMatchPositions(events: readonly DmsEvent[], filter: LogFilter, terms: readonly string[]): number[] {
  const lower = terms.map((t) => t.toLowerCase()).filter((t) => t !== '');
  const hits: number[] = [];
  let position = 0;
  for (const event of events) {
    if (!matchesLogFilter(event, filter)) continue;
    if (lower.length === 0) hits.push(position);
    else {
      const text = event.text.toLowerCase();
      if (lower.some((t) => text.includes(t))) hits.push(position);
    }
    position += 1;
  }
  return hits;
}
