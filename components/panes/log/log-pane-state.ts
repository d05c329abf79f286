import type { DmsEvent } from '../../../src/events/types.js';
import { parseFilterQuery, type LogFilter } from '../../../src/select/log-window.js';
import type { LogAt } from './log-place.js';

/** Most terms highlighted at once; a sixth replaces the oldest. */
export const MAX_HIGHLIGHTS = 5;

/**
 * What the log pane shows and how: scroll position, follow, wrap,
 * highlighted terms and the filter typed with `/`.
 */
export interface LogPaneState {
  /** Whether the pane stays on the newest line as lines arrive. */
  readonly follow: boolean;
  /**
   * A paused view's bottom line: the view stays on it, scrolled up by the
   * lines that come after it now (logPlace). Undefined while following, and
   * when paused before any line arrived (then every line is after it).
   */
  readonly anchor: DmsEvent | undefined;
  /** Lines after `anchor` when the view was placed on it: any more after it now arrived since, and wait below. */
  readonly offsetFromEnd: number;
  /** Lines that arrived below the paused view before it was placed on `anchor`. */
  readonly waiting: number;
  readonly wrap: boolean;
  /** Highlighted terms, oldest first, at most {@link MAX_HIGHLIGHTS}. */
  readonly highlights: readonly string[];
  /** The filter as typed (`text` or `/regex/flags`); '' for none. */
  readonly query: string;
  /** The filter in force: the last query that parsed. */
  readonly filter: Pick<LogFilter, 'text' | 'regex'>;
  /** Why the query typed last means nothing (an invalid regex), one line. */
  readonly filterError: string | undefined;
  /** The line `n`/`N` last moved to (marked in the view); undefined when none. */
  readonly match: DmsEvent | undefined;
}

/** Where the view is now: lines scrolled up from the newest, and lines that arrived below it while paused. */
export interface LogPlace {
  readonly offsetFromEnd: number;
  readonly waiting: number;
}

/**
 * The view's place given `below`, the matching lines after its anchor now
 * (linesAfter): following, the newest; paused, that far up, so it shows
 * the same lines, with the lines new below it since it was paused.
 */
export function logPlace(state: LogPaneState, below: number): LogPlace {
  if (state.follow) return FOLLOWING;
  return { offsetFromEnd: below, waiting: state.waiting + Math.max(0, below - state.offsetFromEnd) };
}

/** Whether drawing the view needs the lines after its anchor counted: while paused. */
export function needsBelow(state: LogPaneState): boolean {
  return !state.follow;
}

const FOLLOWING: LogPlace = { offsetFromEnd: 0, waiting: 0 };

export type LogPaneAction =
  /**
   * `by` lines towards older (positive) or newer (negative); `height` is the
   * visible rows. Keys that move the view carry `at`, the log as it is now
   * (logAt), to start from where the view is and find its new bottom line.
   */
  | { readonly type: 'scroll'; readonly by: number; readonly height: number; readonly at: LogAt }
  | { readonly type: 'oldest'; readonly height: number; readonly at: LogAt }
  /** To the newest line, following again. */
  | { readonly type: 'newest' }
  | { readonly type: 'toggleFollow'; readonly at: LogAt }
  | { readonly type: 'toggleWrap' }
  /** Adds a term, or removes it when already highlighted (case-insensitive). */
  | { readonly type: 'highlight'; readonly term: string }
  | { readonly type: 'clearHighlights' }
  /** A typed filter: `text` or `/regex/flags`; '' clears it. */
  | { readonly type: 'filter'; readonly query: string }
  /**
   * `n` (`next`: towards newer lines) or `N`: to the nearest line of `hits`
   * after (before) the last one moved to, or else the bottom line in view.
   * `hits` are positions among the matching lines, oldest first, in order
   * (logMatchPositions, over the same events as `at`); nothing changes when
   * there is none that way.
   */
  | { readonly type: 'jump'; readonly direction: 'next' | 'previous'; readonly hits: readonly number[]; readonly height: number; readonly at: LogAt };

export const initialLogPane: LogPaneState = {
  follow: true,
  anchor: undefined,
  offsetFromEnd: 0,
  waiting: 0,
  wrap: false,
  highlights: [],
  query: '',
  filter: {},
  filterError: undefined,
  match: undefined,
};

/** Where the view is now, clamped so that it stays full (evictions may have carried it past the oldest line). */
function current(state: LogPaneState, at: LogAt, height: number): LogPlace {
  const place = logPlace(state, state.follow ? 0 : at.after(state.anchor));
  const max = Math.max(0, at.matched - Math.max(0, height));
  return { offsetFromEnd: Math.min(max, place.offsetFromEnd), waiting: place.waiting };
}

/** Paused with `offsetFromEnd` lines below the view: its bottom line becomes the anchor. */
function pausedAt(state: LogPaneState, at: LogAt, offsetFromEnd: number, waiting: number): LogPaneState {
  return { ...state, follow: false, anchor: at.lineAt(offsetFromEnd), offsetFromEnd, waiting };
}

function following(state: LogPaneState): LogPaneState {
  return { ...state, follow: true, anchor: undefined, offsetFromEnd: 0, waiting: 0 };
}

export function logPaneReducer(state: LogPaneState, action: LogPaneAction): LogPaneState {
  switch (action.type) {
    case 'scroll': {
      const from = current(state, action.at, action.height);
      const max = Math.max(0, action.at.matched - Math.max(0, action.height));
      const offsetFromEnd = Math.max(0, Math.min(max, from.offsetFromEnd + Math.trunc(action.by)));
      if (offsetFromEnd === 0 && action.by < 0) return following(state);
      // Nothing moves on screen: the same state, so nothing is drawn again.
      if (offsetFromEnd === from.offsetFromEnd) return state;
      return pausedAt(state, action.at, offsetFromEnd, from.waiting);
    }
    case 'oldest': {
      const from = current(state, action.at, action.height);
      const offsetFromEnd = Math.max(0, action.at.matched - Math.max(0, action.height));
      if (offsetFromEnd === 0 && state.follow) return state;
      return pausedAt(state, action.at, offsetFromEnd, from.waiting);
    }
    case 'newest':
      return { ...following(state), match: undefined };
    case 'toggleFollow':
      // Paused where it is, on the newest line now, new lines waiting below; or following again.
      return state.follow ? pausedAt(state, action.at, 0, 0) : { ...following(state), match: undefined };
    case 'toggleWrap':
      return { ...state, wrap: !state.wrap };
    case 'highlight': {
      const term = action.term.trim();
      if (term === '') return state;
      const lower = term.toLowerCase();
      const without = state.highlights.filter((t) => t.toLowerCase() !== lower);
      if (without.length < state.highlights.length) return { ...state, highlights: without };
      return { ...state, highlights: [...state.highlights, term].slice(-MAX_HIGHLIGHTS) };
    }
    case 'clearHighlights':
      return state.highlights.length === 0 ? state : { ...state, highlights: [] };
    case 'filter': {
      const parsed = parseFilterQuery(action.query);
      // An invalid pattern says why and leaves the last good filter in force: typing never blanks the log.
      if (!parsed.ok) return { ...state, query: action.query, filterError: parsed.error };
      return { ...following(state), query: action.query, filter: parsed.filter, filterError: undefined, match: undefined };
    }
    case 'jump':
      return jump(state, action);
  }
}

/** The first index of `hits` (sorted) whose value is at least `value`. */
function firstAtLeast(hits: readonly number[], value: number): number {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((hits[mid] ?? Infinity) >= value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function jump(state: LogPaneState, action: Extract<LogPaneAction, { type: 'jump' }>): LogPaneState {
  const { direction, hits, at } = action;
  const matched = at.matched;
  const h = Math.max(1, Math.floor(action.height));
  const from = current(state, at, h);
  const bottom = matched - 1 - from.offsetFromEnd;
  // After (before) the last match; with none yet, the lines in view count too (the newest first for N).
  const last = state.match === undefined ? undefined : matched - 1 - at.after(state.match);
  const [after, before] = last === undefined ? [bottom - h, bottom + 1] : [last, last];
  const target = direction === 'next' ? hits[firstAtLeast(hits, after + 1)] : hits[firstAtLeast(hits, before) - 1];
  if (target === undefined || target < 0 || target >= matched) return state;
  const match = at.lineAt(matched - 1 - target);
  // The match becomes the bottom line when it can (the newest lines cannot scroll above the bottom).
  const offsetFromEnd = Math.max(0, Math.min(matched - h, matched - 1 - target));
  if (state.follow && offsetFromEnd === 0) return { ...state, match };
  return { ...pausedAt(state, at, offsetFromEnd, from.waiting), match };
}
