import { RE2JS } from 're2js';
import type { DmsEvent, EventSource, Severity } from '../events/types.js';
import { replicationKeyOf } from './replication-key.js';

export interface LogFilter {
  /** Case-insensitive substring of the event text. */
  readonly text?: string;
  /** Tested against the event text (terminal-safe, at most 10,000 characters). */
  readonly regex?: TextPattern;
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
  if (filter.regex !== undefined && !filter.regex.test(event.text)) return false;
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

/** True when `filter` keeps every event: positions among the matching events are plain indexes. */
export function isEmptyFilter(filter: LogFilter): boolean {
  return (
    filter.minSeverity === undefined &&
    filter.sources === undefined &&
    filter.replication === undefined &&
    (filter.text === undefined || filter.text === '') &&
    filter.regex === undefined
  );
}

/** A compiled user pattern; `test` takes time linear in the text. */
export interface TextPattern {
  /** The query as typed, e.g. `/fatal|refused/`. */
  readonly source: string;
  test(text: string): boolean;
}

/** What a typed filter means, or why it means nothing. */
export type FilterQuery =
  | { readonly ok: true; readonly filter: Pick<LogFilter, 'text' | 'regex'> }
  | { readonly ok: false; readonly error: string };

/** Longer patterns are refused (CloudWatch's own filter patterns stop at 1,024 characters). */
export const MAX_PATTERN_CHARS = 1000;

/**
 * RE2 matches in time linear in the text, times the size of the compiled
 * program: `.{1000}` five times over (about 5,000 instructions) is refused so
 * that filtering a full window stays quick on every keystroke.
 */
export const MAX_PATTERN_PROGRAM_SIZE = 2000;

const FLAGS: Readonly<Record<string, number>> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  // JavaScript habits that mean nothing for a yes/no test: global, sticky, unicode (RE2 always is).
  g: 0,
  y: 0,
  u: 0,
};

/**
 * A filter typed by a user: `/pattern/flags` is a regular expression,
 * anything else a plain substring. Patterns run on RE2 (re2js), which never
 * backtracks, so no pattern can freeze the dashboard the way `/(.|.)*#/`
 * freezes a backtracking engine; what RE2 cannot do in linear time
 * (backreferences, lookaround) is refused with a reason, as is a pattern too
 * large to match quickly.
 */
export function parseFilterQuery(query: string): FilterQuery {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(query);
  if (m === null) return { ok: true, filter: query === '' ? {} : { text: query } };
  const source = m[1] ?? '';
  const invalid = (reason: string): FilterQuery => ({ ok: false, error: `invalid filter ${query.length > 60 ? `${query.slice(0, 59)}…` : query}: ${reason}` });
  if (source.length > MAX_PATTERN_CHARS) return invalid(`the pattern is longer than ${MAX_PATTERN_CHARS} characters`);
  // Without flags a pattern ignores case, like the plain-text search; given flags are used as typed.
  const given = m[2] === undefined || m[2] === '' ? 'i' : m[2];
  let flags = 0;
  for (const flag of given) {
    const bit = FLAGS[flag];
    if (bit === undefined) return invalid(`unknown flag "${flag}" (use i, m or s)`);
    flags |= bit;
  }
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(source, flags);
  } catch (err) {
    return invalid(whyInvalid(err instanceof Error ? err.message : String(err)));
  }
  if (regex.programSize() > MAX_PATTERN_PROGRAM_SIZE) return invalid('the pattern is too complex to match quickly; make it shorter or use fewer repeats');
  return { ok: true, filter: { regex: { source: query, test: (text) => regex.test(text) } } };
}

/** RE2's parse error, said in terms of what the user typed. */
function whyInvalid(message: string): string {
  const detail = message.replace(/^error parsing regexp: /, '');
  if (/invalid escape sequence: `\\([1-9]|k)/.test(detail)) return 'backreferences are not supported (patterns use RE2 syntax, which matches in linear time)';
  if (/`\(\?(=|!|<=|<!)/.test(detail)) return 'lookahead and lookbehind are not supported (patterns use RE2 syntax, which matches in linear time)';
  return detail;
}
