import type { StartType } from '../../../src/actions/action-rules.js';
import type { Pane } from '../../keys/commands.js';
import type { KeyName } from '../../keys/key-names.js';
import { failureCardReducer, initialFailureCard, type FailureCardAction, type FailureCardState } from '../../panes/failures/failure-card-state.js';
import { initialListScroll, listScrollReducer, type ListScrollAction, type ListScrollState } from '../../panes/list-scroll.js';
import { initialLogPane, logPaneReducer, type LogPaneAction, type LogPaneState } from '../../panes/log/log-pane-state.js';
import type { ConfirmAction } from '../dialogs/confirm-dialog.js';
import { editPrompt } from '../dialogs/prompt-text.js';
import type { LocalNotice } from './notice.js';

/** What is open over the panes; one at a time. */
export type Dialog =
  | { readonly kind: 'none' }
  | { readonly kind: 'help' }
  /** The `/` or `h` prompt and what is typed so far. */
  | { readonly kind: 'prompt'; readonly prompt: 'filter' | 'highlight'; readonly text: string }
  | { readonly kind: 'choose-start'; readonly types: readonly StartType[]; readonly index: number }
  | { readonly kind: 'confirm'; readonly action: ConfirmAction };

/**
 * Everything the dashboard remembers between frames; the replication's
 * own data stays in the source's snapshot. One reducer over the panes'
 * reducers, so a key's effect is one dispatch.
 */
export interface DashboardViewState {
  /** The pane with the keyboard (the log when the focused one is not shown). */
  readonly focus: Pane;
  readonly dialog: Dialog;
  readonly utc: boolean;
  readonly log: LogPaneState;
  readonly failures: FailureCardState;
  /** Newest failures scrolled past in the card. */
  readonly failureSkip: number;
  readonly timeline: ListScrollState;
  readonly connections: ListScrollState;
  /** A key was pressed: the launch hint is gone. */
  readonly keyPressed: boolean;
  readonly notice: LocalNotice | undefined;
}

export type DashboardViewAction =
  | { readonly type: 'keyPressed' }
  /** To the next (1) or previous (-1) of `panes`, those shown, in order. */
  | { readonly type: 'focus'; readonly by: 1 | -1; readonly panes: readonly Pane[] }
  | { readonly type: 'dialog'; readonly dialog: Dialog }
  /** A key no command took, while a prompt is open. */
  | { readonly type: 'promptKey'; readonly key: KeyName }
  /** The choose-start cursor, by rows. */
  | { readonly type: 'choose'; readonly by: number }
  | { readonly type: 'toggleUtc' }
  | { readonly type: 'log'; readonly action: LogPaneAction }
  | { readonly type: 'failures'; readonly action: FailureCardAction }
  /** `by` failures towards older ones; `max` is the failures shown less those the card has room for. */
  | { readonly type: 'failureScroll'; readonly by: number; readonly max: number }
  | { readonly type: 'timeline'; readonly action: ListScrollAction }
  | { readonly type: 'connections'; readonly action: ListScrollAction }
  | { readonly type: 'notice'; readonly notice: LocalNotice | undefined };

export const NO_DIALOG: Dialog = { kind: 'none' };

export const initialDashboardView: DashboardViewState = {
  focus: 'log',
  dialog: NO_DIALOG,
  utc: false,
  log: initialLogPane,
  failures: initialFailureCard,
  failureSkip: 0,
  timeline: initialListScroll,
  connections: initialListScroll,
  keyPressed: false,
  notice: undefined,
};

/** The focused pane among those shown: the one focused, or else the log. */
export function focusedPane(state: DashboardViewState, panes: readonly Pane[]): Pane {
  return panes.includes(state.focus) ? state.focus : 'log';
}

function sub<K extends 'log' | 'failures' | 'timeline' | 'connections'>(state: DashboardViewState, key: K, next: DashboardViewState[K]): DashboardViewState {
  return next === state[key] ? state : { ...state, [key]: next };
}

export function dashboardViewReducer(state: DashboardViewState, action: DashboardViewAction): DashboardViewState {
  switch (action.type) {
    case 'keyPressed':
      return state.keyPressed ? state : { ...state, keyPressed: true };
    case 'focus': {
      if (action.panes.length === 0) return state;
      const at = action.panes.indexOf(focusedPane(state, action.panes));
      const next = action.panes[(at + action.by + action.panes.length) % action.panes.length] ?? 'log';
      return next === state.focus ? state : { ...state, focus: next };
    }
    case 'dialog':
      return { ...state, dialog: action.dialog };
    case 'promptKey': {
      const d = state.dialog;
      if (d.kind !== 'prompt') return state;
      const text = editPrompt(d.text, action.key);
      return text === d.text ? state : { ...state, dialog: { ...d, text } };
    }
    case 'choose': {
      const d = state.dialog;
      if (d.kind !== 'choose-start' || d.types.length === 0) return state;
      const index = Math.max(0, Math.min(d.types.length - 1, d.index + Math.trunc(action.by)));
      return index === d.index ? state : { ...state, dialog: { ...d, index } };
    }
    case 'toggleUtc':
      return { ...state, utc: !state.utc };
    case 'log':
      return sub(state, 'log', logPaneReducer(state.log, action.action));
    case 'failures': {
      const next = sub(state, 'failures', failureCardReducer(state.failures, action.action));
      return next === state ? state : { ...next, failureSkip: 0 };
    }
    case 'failureScroll': {
      const failureSkip = Math.max(0, Math.min(Math.max(0, action.max), state.failureSkip + Math.trunc(action.by)));
      return failureSkip === state.failureSkip ? state : { ...state, failureSkip };
    }
    case 'timeline':
      return sub(state, 'timeline', listScrollReducer(state.timeline, action.action));
    case 'connections':
      return sub(state, 'connections', listScrollReducer(state.connections, action.action));
    case 'notice':
      return state.notice === action.notice ? state : { ...state, notice: action.notice };
  }
}
