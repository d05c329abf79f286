import type { DashboardSource } from '../../src/watch/dashboard-source.js';

/**
 * Which replication the app shows when it came from the picker: the one
 * opened, the one being opened, or why the last open failed.
 */
export interface AppState {
  /** Opened from the picker and not closed yet. */
  readonly opened: { readonly source: DashboardSource; readonly serial: number } | undefined;
  /** An open on its way: `token` tells its answer from a stale one. */
  readonly opening: { readonly token: number; readonly name: string } | undefined;
  readonly openError: string | undefined;
}

export type AppAction =
  | { readonly type: 'opening'; readonly token: number; readonly name: string }
  | { readonly type: 'opened'; readonly token: number; readonly source: DashboardSource }
  | { readonly type: 'openFailed'; readonly token: number; readonly message: string }
  /** Esc on the dashboard: back to the picker. */
  | { readonly type: 'back' };

export const initialApp: AppState = { opened: undefined, opening: undefined, openError: undefined };

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'opening':
      return { ...state, opening: { token: action.token, name: action.name }, openError: undefined };
    case 'opened':
      if (state.opening?.token !== action.token) return state;
      return { opened: { source: action.source, serial: action.token }, opening: undefined, openError: undefined };
    case 'openFailed':
      if (state.opening?.token !== action.token) return state;
      return { ...state, opening: undefined, openError: action.message };
    case 'back':
      return state.opened === undefined ? state : { ...state, opened: undefined };
  }
}
