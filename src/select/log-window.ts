import type { DmsEvent, EventSource, Severity } from '../events/types.js';
import { replicationKeyOf } from './replication-key.js';

export interface LogFilter {
  /** Case-insensitive substring of the event text. */
  readonly text?: string;
  /** Tested against the event text (terminal-safe, at most 10,000 characters). */
  readonly regex?: RegExp;
  readonly sources?: ReadonlySet<EventSource>;
  /** Only events at least this severe. */
  readonly minSeverity?: Severity;
  readonly replication?: string;
}

export interface LogView {
  /** Rows to show. */
  readonly height: number;
  /** How many matching rows the view is scrolled up from the newest. @default 0 */
  readonly offsetFromEnd?: number;
}

export interface LogWindow {
  /** The visible rows, oldest first. */
  readonly rows: readonly DmsEvent[];
  /** Events matching the filter. */
  readonly matched: number;
  /** Events looked at. */
  readonly total: number;
  /** The offset actually used (clamped so the window stays full when it can). */
  readonly offsetFromEnd: number;
}

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

export function matchesLogFilter(event: DmsEvent, filter: LogFilter): boolean {
  if (filter.minSeverity !== undefined && RANK[event.severity] < RANK[filter.minSeverity]) return false;
  if (filter.sources !== undefined && !filter.sources.has(event.source)) return false;
  if (filter.replication !== undefined) {
    const key = replicationKeyOf(event);
    if (key !== undefined && key !== filter.replication) return false;
  }
  if (filter.text !== undefined && filter.text !== '' && !event.text.toLowerCase().includes(filter.text.toLowerCase())) return false;
  if (filter.regex !== undefined) {
    filter.regex.lastIndex = 0;
    if (!filter.regex.test(event.text)) return false;
  }
  return true;
}

/**
 * The slice of the log a pane shows: the newest `height` matching events,
 * scrolled up by `offsetFromEnd`. Only the visible rows are copied.
 */
export function selectLogWindow(events: readonly DmsEvent[], filter: LogFilter, view: LogView): LogWindow {
  const height = Math.max(0, Math.floor(view.height));
  const matchedIdx: number[] = [];
  const unfiltered = isEmptyFilter(filter);
  let matched: number;
  if (unfiltered) {
    matched = events.length;
  } else {
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (e !== undefined && matchesLogFilter(e, filter)) matchedIdx.push(i);
    }
    matched = matchedIdx.length;
  }
  const maxOffset = Math.max(0, matched - height);
  const offsetFromEnd = Math.min(Math.max(0, Math.floor(view.offsetFromEnd ?? 0)), maxOffset);
  const endPos = matched - offsetFromEnd;
  const startPos = Math.max(0, endPos - height);
  const rows: DmsEvent[] = [];
  for (let p = startPos; p < endPos; p++) {
    const e = unfiltered ? events[p] : events[matchedIdx[p] ?? -1];
    if (e !== undefined) rows.push(e);
  }
  return { rows, matched, total: events.length, offsetFromEnd };
}

function isEmptyFilter(filter: LogFilter): boolean {
  return (
    filter.minSeverity === undefined &&
    filter.sources === undefined &&
    filter.replication === undefined &&
    (filter.text === undefined || filter.text === '') &&
    filter.regex === undefined
  );
}

/**
 * A filter typed by a user: `/pattern/flags` is a regular expression,
 * anything else a plain substring. Throws a `SyntaxError` with a readable
 * message for an invalid pattern.
 */
export function parseFilterQuery(query: string): Pick<LogFilter, 'text' | 'regex'> {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(query);
  if (m === null) return query === '' ? {} : { text: query };
  // Without flags a pattern ignores case, like the plain-text search; given flags are used as typed.
  const flags = m[2] === undefined || m[2] === '' ? 'i' : m[2].replace(/[gy]/g, '');
  try {
    return { regex: new RegExp(m[1] ?? '', flags) };
  } catch (err) {
    throw new SyntaxError(`invalid regular expression ${query}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
