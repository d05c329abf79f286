/**
 * Where a list pane is scrolled, counted in rows up from the newest, so a
 * pane that shows the newest rows keeps showing them as rows arrive. Shared
 * by the panes that list many rows (connection attempts).
 */
export interface ListScrollState {
  /** Rows scrolled up from the newest; 0 shows the newest. */
  readonly offsetFromEnd: number;
}

export type ListScrollAction =
  /** `by` rows towards older (positive) or newer (negative) rows; `max` is rows minus the visible height. */
  | { readonly type: 'scroll'; readonly by: number; readonly max: number }
  | { readonly type: 'oldest'; readonly max: number }
  | { readonly type: 'newest' };

export const initialListScroll: ListScrollState = { offsetFromEnd: 0 };

export function listScrollReducer(state: ListScrollState, action: ListScrollAction): ListScrollState {
  let next: number;
  switch (action.type) {
    case 'scroll':
      next = clamp(state.offsetFromEnd + action.by, action.max);
      break;
    case 'oldest':
      next = clamp(action.max, action.max);
      break;
    case 'newest':
      next = 0;
      break;
  }
  return next === state.offsetFromEnd ? state : { offsetFromEnd: next };
}

/** The first and past-the-last index of the visible rows among `total`, for a view `height` rows tall. */
export function visibleRange(total: number, height: number, offsetFromEnd: number): { readonly start: number; readonly end: number } {
  const h = Math.max(0, Math.floor(height));
  const offset = clamp(offsetFromEnd, total - h);
  const end = total - offset;
  return { start: Math.max(0, end - h), end };
}

function clamp(n: number, max: number): number {
  return Math.max(0, Math.min(Math.floor(n), Math.max(0, Math.floor(max))));
}
