import { useMemo, useRef, type RefObject } from 'react';
import type { DashboardSnapshot, DashboardSource } from '../../../src/watch/dashboard-source.js';
import type { KeyContext, Overlay, Pane } from '../../keys/commands.js';
import type { Keymap } from '../../keys/keymap.js';
import { useCommands } from '../../keys/use-commands.js';
import type { SyncDispatch } from '../../hooks/use-sync-reducer.js';
import { visibleFailures } from '../../panes/failures/failure-card-state.js';
import { dashboardCommands } from './dashboard-commands.js';
import { focusedPane, type DashboardViewAction, type DashboardViewState, type Dialog } from './dashboard-state.js';
import type { DashboardLayout } from './layout.js';

function overlayOf(dialog: Dialog): Overlay {
  return dialog.kind === 'prompt' ? dialog.prompt : dialog.kind;
}

/** What the keymap needs to know of the dashboard now: which commands apply. */
export function dashboardContext(state: DashboardViewState, snapshot: DashboardSnapshot, panes: readonly Pane[], canGoBack: boolean): KeyContext {
  return {
    view: 'dashboard',
    focus: focusedPane(state, panes),
    overlay: overlayOf(state.dialog),
    canGoBack,
    hasFailures: visibleFailures(snapshot.summary.failures, state.failures).length > 0,
    canStart: snapshot.startTypes.length > 0,
    canStop: snapshot.canStop,
  };
}

export interface DashboardKeysOptions {
  readonly keymap: Keymap;
  readonly source: DashboardSource;
  readonly state: RefObject<DashboardViewState>;
  readonly dispatch: SyncDispatch<DashboardViewAction>;
  readonly layout: DashboardLayout;
  /** The panes shown, in focus order. */
  readonly panes: readonly Pane[];
  readonly canGoBack: boolean;
  readonly onBack: () => void;
  readonly onQuit: () => void;
  readonly isActive: boolean;
}

/** The dashboard's keys, through the one registry, to dashboardCommands. */
export function useDashboardKeys(options: DashboardKeysOptions): void {
  const { keymap, source, state, dispatch, canGoBack } = options;
  // The runner lives as long as the source; what changes between renders is read through `latest`.
  const latest = useRef(options);
  latest.current = options;
  const run = useMemo(
    () =>
      dashboardCommands({
        source,
        state,
        dispatch,
        layout: () => latest.current.layout,
        panes: () => latest.current.panes,
        readOnly: keymap.readOnly,
        onBack: () => {
          latest.current.onBack();
        },
        onQuit: () => {
          latest.current.onQuit();
        },
      }),
    [source, state, dispatch, keymap.readOnly],
  );
  useCommands(keymap, () => dashboardContext(state.current, source.getSnapshot(), latest.current.panes, canGoBack), run, {
    isActive: options.isActive,
    onOtherKey: (key) => {
      dispatch({ type: 'keyPressed' });
      dispatch({ type: 'promptKey', key });
    },
  });
}
