import { parseFilterQuery, type LogFilter } from '../../../src/select/log-window.js';

/** Most terms highlighted at once; a sixth replaces the oldest. */
export const MAX_HIGHLIGHTS = 5;

/**
 * What the log pane shows and how: scroll position, follow, wrap,
 * highlighted terms and the filter typed with `/`.
 */
export interface LogPaneState {
  /** Matching lines scrolled up from the newest; 0 shows the newest. */
  readonly offsetFromEnd: number;
  /** Whether the pane stays on the newest line as lines arrive. */
  readonly follow: boolean;
  /** Lines that arrived while the pane did not follow (shown as a count). */
  readonly waiting: number;
  /** Matching lines when last told (`arrived`); undefined until then or after a filter change. */
  readonly matched: number | undefined;
  readonly wrap: boolean;
  /** Highlighted terms, oldest first, at most {@link MAX_HIGHLIGHTS}. */
  readonly highlights: readonly string[];
  /** The filter as typed (`text` or `/regex/flags`); '' for none. */
  readonly query: string;
  /** The filter in force: the last query that parsed. */
  readonly filter: Pick<LogFilter, 'text' | 'regex'>;
  /** Why the query typed last means nothing (an invalid regex), one line. */
  readonly filterError: string | undefined;
  /** The line `n`/`N` last moved to, counted among the matching lines from the oldest; undefined when none. */
  readonly matchAt: number | undefined;
}

export type LogPaneAction =
  /** The matching lines now (from selectLogWindow): counts the new ones and keeps a scrolled-up view on the same lines. */
  | { readonly type: 'arrived'; readonly matched: number }
  /** `by` lines towards older (positive) or newer (negative); `height` is the visible rows. */
  | { readonly type: 'scroll'; readonly by: number; readonly height: number }
  | { readonly type: 'oldest'; readonly height: number }
  /** To the newest line, following again. */
  | { readonly type: 'newest' }
  | { readonly type: 'toggleFollow' }
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
  | { readonly type: 'jump'; readonly direction: 'next' | 'previous'; readonly hits: readonly number[]; readonly height: number };

export const initialLogPane: LogPaneState = {
  offsetFromEnd: 0,
  follow: true,
  waiting: 0,
  matched: undefined,
  wrap: false,
  highlights: [],
  query: '',
  filter: {},
  filterError: undefined,
  matchAt: undefined,
};

export function logPaneReducer(state: LogPaneState, action: LogPaneAction): LogPaneState {
  switch (action.type) {
    case 'arrived': {
      const matched = Math.max(0, action.matched);
      if (matched === state.matched) return state;
      const added = state.matched === undefined ? 0 : Math.max(0, matched - state.matched);
      if (state.follow) return { ...state, matched, offsetFromEnd: 0, waiting: 0 };
      // Scrolled up: the view stays on the lines the user reads while new ones wait below.
      return { ...state, matched, offsetFromEnd: state.offsetFromEnd + added, waiting: state.waiting + added };
    }
    case 'scroll': {
      const max = Math.max(0, (state.matched ?? 0) - Math.max(0, action.height));
      const offsetFromEnd = Math.max(0, Math.min(max, state.offsetFromEnd + Math.trunc(action.by)));
      if (offsetFromEnd === 0 && action.by < 0) return { ...state, offsetFromEnd, follow: true, waiting: 0 };
      if (offsetFromEnd === state.offsetFromEnd) return state;
      return { ...state, offsetFromEnd, follow: offsetFromEnd === 0 ? state.follow : false };
    }
    case 'oldest': {
      const offsetFromEnd = Math.max(0, (state.matched ?? 0) - Math.max(0, action.height));
      return { ...state, offsetFromEnd, follow: offsetFromEnd === 0 ? state.follow : false };
    }
    case 'newest':
      return { ...state, offsetFromEnd: 0, follow: true, waiting: 0, matchAt: undefined };
    case 'toggleFollow':
      return state.follow ? { ...state, follow: false } : { ...state, follow: true, offsetFromEnd: 0, waiting: 0, matchAt: undefined };
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
      return { ...state, query: action.query, filter: parsed.filter, filterError: undefined, matched: undefined, offsetFromEnd: 0, follow: true, waiting: 0, matchAt: undefined };
    }
    case 'jump':
      return jump(state, action.direction, action.hits, action.height);
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

function jump(state: LogPaneState, direction: 'next' | 'previous', hits: readonly number[], height: number): LogPaneState {
  const matched = state.matched ?? 0;
  const h = Math.max(1, Math.floor(height));
  const bottom = matched - 1 - state.offsetFromEnd;
  // After (before) the last match; with none yet, the lines in view count too (the newest first for N).
  const [after, before] = state.matchAt === undefined ? [bottom - h, bottom + 1] : [state.matchAt, state.matchAt];
  const target = direction === 'next' ? hits[firstAtLeast(hits, after + 1)] : hits[firstAtLeast(hits, before) - 1];
  if (target === undefined || target < 0 || target >= matched) return state;
  // The match becomes the bottom line when it can (the newest lines cannot scroll above the bottom).
  const offsetFromEnd = Math.max(0, Math.min(matched - h, matched - 1 - target));
  return { ...state, matchAt: target, offsetFromEnd, follow: state.follow && offsetFromEnd === 0 };
}
