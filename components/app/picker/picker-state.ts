import type { KeyName } from '../../keys/key-names.js';
import { editPrompt } from '../dialogs/prompt-text.js';

/**
 * The picker's state: which replication the cursor is on (by ARN, so a
 * refresh that reorders the list keeps it on the same one), the filter in
 * force, the `/` prompt while it is open, and the help overlay.
 */
export interface PickerState {
  /** The ARN under the cursor; undefined for the first row. */
  readonly selected: string | undefined;
  /** The filter in force. */
  readonly query: string;
  /** The `/` prompt's text while it is open; the list follows it as it is typed. */
  readonly prompt: string | undefined;
  readonly help: boolean;
}

export type PickerAction =
  /** `by` rows down (positive) or up, among `rows` (ARNs in the order shown). */
  | { readonly type: 'move'; readonly by: number; readonly rows: readonly string[] }
  | { readonly type: 'first'; readonly rows: readonly string[] }
  | { readonly type: 'last'; readonly rows: readonly string[] }
  | { readonly type: 'filterOpen' }
  | { readonly type: 'filterKey'; readonly key: KeyName }
  /** Enter: the typed filter stays. */
  | { readonly type: 'filterApply' }
  /** Esc: the filter goes back to what it was before `/`. */
  | { readonly type: 'filterCancel' }
  | { readonly type: 'help'; readonly open: boolean };

export const initialPicker: PickerState = { selected: undefined, query: '', prompt: undefined, help: false };

/** The filter the list shows now: the prompt's text while typing. */
export function shownQuery(state: PickerState): string {
  return state.prompt ?? state.query;
}

/** Where the cursor is among `rows`: the selected one, or the first when it is not listed. */
export function cursorIndex(state: PickerState, rows: readonly string[]): number {
  const i = state.selected === undefined ? -1 : rows.indexOf(state.selected);
  return Math.max(0, i);
}

function select(state: PickerState, rows: readonly string[], index: number): PickerState {
  if (rows.length === 0) return state;
  const selected = rows[Math.max(0, Math.min(rows.length - 1, index))];
  return selected === state.selected ? state : { ...state, selected };
}

export function pickerReducer(state: PickerState, action: PickerAction): PickerState {
  switch (action.type) {
    case 'move':
      return select(state, action.rows, cursorIndex(state, action.rows) + Math.trunc(action.by));
    case 'first':
      return select(state, action.rows, 0);
    case 'last':
      return select(state, action.rows, action.rows.length - 1);
    case 'filterOpen':
      return { ...state, prompt: state.query, help: false };
    case 'filterKey':
      if (state.prompt === undefined) return state;
      return { ...state, prompt: editPrompt(state.prompt, action.key) };
    case 'filterApply':
      return state.prompt === undefined ? state : { ...state, query: state.prompt.trim(), prompt: undefined };
    case 'filterCancel':
      return state.prompt === undefined ? state : { ...state, prompt: undefined };
    case 'help':
      return state.help === action.open ? state : { ...state, help: action.open };
  }
}
