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
  /**
   * Matching lines between the view's bottom line and `anchor`; while
   * paused, the lines after the anchor (arrived since) add to it, so the
   * view stays on its lines (logPlace). 0 and following: the newest.
   */
  readonly offsetFromEnd: number;
  /** Whether the pane stays on the newest line as lines arrive. */
  readonly follow: boolean;
  /**
   * The newest event when the paused view was placed (a key, or pausing);
   * undefined: before every line. Unused while following.
   */
  readonly anchor: DmsEvent | undefined;
  /** Lines that arrived while paused, up to `anchor` (those after it are counted when drawn). */
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
  /**
   * The line `n`/`N` last moved to, as matching lines after it up to
   * `anchor` (like `offsetFromEnd`, so that neither evictions nor new lines
   * move the mark to another line); undefined when none.
   */
  readonly matchFromEnd: number | undefined;
}

/** Where the view is now: scrolled up from the newest line, the lines waiting below, the line n/N moved to. */
export interface LogPlace {
  readonly offsetFromEnd: number;
  readonly waiting: number;
  /** Matching lines after the line `n`/`N` moved to; undefined when none. */
  readonly matchFromEnd: number | undefined;
}

/**
 * The view's place given the lines after its anchor (`below`, from
 * linesAfter): following, the newest; paused, as many lines further up
 * as arrived below, so it shows the same lines.
 */
export function logPlace(state: LogPaneState, below: number): LogPlace {
  const matchFromEnd = state.matchFromEnd === undefined ? undefined : state.matchFromEnd + below;
  if (state.follow) return matchFromEnd === undefined ? FOLLOWING : { offsetFromEnd: 0, waiting: 0, matchFromEnd };
  return { offsetFromEnd: state.offsetFromEnd + below, waiting: state.waiting + below, matchFromEnd };
}

/** Whether drawing the view needs the lines after its anchor counted (paused, or a line n/N moved to). */
export function needsBelow(state: LogPaneState): boolean {
  return !state.follow || state.matchFromEnd !== undefined;
}

const FOLLOWING: LogPlace = { offsetFromEnd: 0, waiting: 0, matchFromEnd: undefined };

export type LogPaneAction =
  /**
   * `by` lines towards older (positive) or newer (negative); `height` is the
   * visible rows. Keys that move the view carry `at`, the log now seen from
   * the view's anchor (logAt), so the move starts from where the view is.
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
   * (logMatchPositions); nothing changes when there is none that way.
   */
  | { readonly type: 'jump'; readonly direction: 'next' | 'previous'; readonly hits: readonly number[]; readonly height: number; readonly at: LogAt };

export const initialLogPane: LogPaneState = {
  offsetFromEnd: 0,
  follow: true,
  anchor: undefined,
  waiting: 0,
  wrap: false,
  highlights: [],
  query: '',
  filter: {},
  filterError: undefined,
  matchFromEnd: undefined,
};

/**
 * The view placed anew at the newest line now (`at.newest`), where it
 * shows: scrolled up by its place, clamped so that the view stays full
 * (evictions may have left it past the oldest line).
 */
function placed(state: LogPaneState, at: LogAt, height: number): LogPaneState {
  const place = logPlace(state, at.below);
  const max = Math.max(0, at.matched - Math.max(0, height));
  return { ...state, anchor: at.newest, offsetFromEnd: Math.min(max, place.offsetFromEnd), waiting: place.waiting, matchFromEnd: place.matchFromEnd };
}

export function logPaneReducer(state: LogPaneState, action: LogPaneAction): LogPaneState {
  switch (action.type) {
    case 'scroll': {
      const from = placed(state, action.at, action.height);
      const max = Math.max(0, action.at.matched - Math.max(0, action.height));
      const offsetFromEnd = Math.max(0, Math.min(max, from.offsetFromEnd + Math.trunc(action.by)));
      if (offsetFromEnd === 0 && action.by < 0) return { ...from, offsetFromEnd, follow: true, waiting: 0 };
      // Nothing moves on screen: the same state, so nothing is drawn again.
      if (offsetFromEnd === from.offsetFromEnd) return state;
      return { ...from, offsetFromEnd, follow: offsetFromEnd === 0 ? state.follow : false };
    }
    case 'oldest': {
      const from = placed(state, action.at, action.height);
      const offsetFromEnd = Math.max(0, action.at.matched - Math.max(0, action.height));
      return { ...from, offsetFromEnd, follow: offsetFromEnd === 0 ? state.follow : false };
    }
    case 'newest':
      return { ...state, offsetFromEnd: 0, follow: true, waiting: 0, anchor: undefined, matchFromEnd: undefined };
    case 'toggleFollow':
      // Paused where it is: on the newest line now, new lines waiting below.
      return state.follow
        ? { ...placed(state, action.at, 0), follow: false, offsetFromEnd: 0, waiting: 0 }
        : { ...state, follow: true, offsetFromEnd: 0, waiting: 0, anchor: undefined, matchFromEnd: undefined };
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
      return { ...state, query: action.query, filter: parsed.filter, filterError: undefined, anchor: undefined, offsetFromEnd: 0, follow: true, waiting: 0, matchFromEnd: undefined };
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
  const from = placed(state, at, h);
  const bottom = matched - 1 - from.offsetFromEnd;
  // After (before) the last match; with none yet, the lines in view count too (the newest first for N).
  const last = from.matchFromEnd === undefined ? undefined : matched - 1 - from.matchFromEnd;
  const [after, before] = last === undefined ? [bottom - h, bottom + 1] : [last, last];
  const target = direction === 'next' ? hits[firstAtLeast(hits, after + 1)] : hits[firstAtLeast(hits, before) - 1];
  if (target === undefined || target < 0 || target >= matched) return state;
  // The match becomes the bottom line when it can (the newest lines cannot scroll above the bottom).
  const offsetFromEnd = Math.max(0, Math.min(matched - h, matched - 1 - target));
  return { ...from, matchFromEnd: matched - 1 - target, offsetFromEnd, follow: state.follow && offsetFromEnd === 0 };
}
