import type { FailureHighlight } from '../../../src/select/failures.js';

/**
 * Which failures the user has put away. A highlight is remembered with the
 * time of its last occurrence when dismissed: a new failure, or the same one
 * happening again later, shows the card again.
 */
export interface FailureCardState {
  /** Highlight key -> its `lastTime` when dismissed. */
  readonly dismissed: ReadonlyMap<string, number>;
}

export type FailureCardAction =
  /** Puts away every failure shown now (pass the highlights the card shows). */
  | { readonly type: 'dismiss'; readonly failures: readonly FailureHighlight[] }
  /** Brings every failure back. */
  | { readonly type: 'restore' };

export const initialFailureCard: FailureCardState = { dismissed: new Map() };

export function failureCardReducer(state: FailureCardState, action: FailureCardAction): FailureCardState {
  switch (action.type) {
    case 'dismiss': {
      if (action.failures.length === 0) return state;
      const dismissed = new Map(state.dismissed);
      for (const f of action.failures) dismissed.set(f.key, Math.max(f.lastTime, dismissed.get(f.key) ?? -Infinity));
      return { dismissed };
    }
    case 'restore':
      return state.dismissed.size === 0 ? state : initialFailureCard;
  }
}

/** The failures to show, newest first: those never dismissed, or seen again since. */
export function visibleFailures(failures: readonly FailureHighlight[], state: FailureCardState): FailureHighlight[] {
  return failures
    .filter((f) => {
      const at = state.dismissed.get(f.key);
      return at === undefined || f.lastTime > at;
    })
    .sort((a, b) => b.lastTime - a.lastTime || b.time - a.time);
}
