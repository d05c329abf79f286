import type { RefObject } from 'react';
import type { FleetSource } from '../../../src/watch/dashboard-source.js';
import type { KeyContext } from '../../keys/commands.js';
import type { Keymap } from '../../keys/keymap.js';
import { useCommands } from '../../keys/use-commands.js';
import type { SyncDispatch } from '../../hooks/use-sync-reducer.js';
import { pickerRows, type PickerRow } from './picker-rows.js';
import { cursorIndex, shownQuery, type PickerAction, type PickerState } from './picker-state.js';

export interface PickerKeysOptions {
  readonly keymap: Keymap;
  readonly fleet: FleetSource;
  /** The picker's state after every dispatch so far (useSyncReducer). */
  readonly state: RefObject<PickerState>;
  readonly dispatch: SyncDispatch<PickerAction>;
  /** Rows of the table a page moves. */
  readonly pageRows: number;
  /** Enter on a replication. */
  readonly onOpen: (row: PickerRow) => void;
  readonly onQuit: () => void;
  /** Listen only while the picker shows. */
  readonly isActive: boolean;
}

function contextOf(state: PickerState): KeyContext {
  return {
    view: 'picker',
    focus: 'log',
    overlay: state.help ? 'help' : state.prompt === undefined ? 'none' : 'filter',
    canGoBack: false,
    hasFailures: false,
    canStart: false,
    canStop: false,
  };
}

/** The picker's keys, through the one registry. */
export function usePickerKeys(options: PickerKeysOptions): void {
  const { keymap, fleet, state, dispatch, pageRows, onOpen, onQuit, isActive } = options;
  // The list as it is now, the filter typed so far included (a paste ending in Enter opens what it filtered to).
  const rows = (): PickerRow[] => pickerRows(fleet.getSnapshot().replications ?? [], shownQuery(state.current));
  const arns = (): string[] => rows().map((r) => r.arn);
  useCommands(
    keymap,
    () => contextOf(state.current),
    (command) => {
      switch (command) {
        case 'app.quit':
          onQuit();
          return;
        case 'help.open':
          dispatch({ type: 'help', open: true });
          return;
        case 'help.close':
          dispatch({ type: 'help', open: false });
          return;
        case 'cursor.down':
          dispatch({ type: 'move', by: 1, rows: arns() });
          return;
        case 'cursor.up':
          dispatch({ type: 'move', by: -1, rows: arns() });
          return;
        case 'page.down':
          dispatch({ type: 'move', by: Math.max(1, pageRows), rows: arns() });
          return;
        case 'page.up':
          dispatch({ type: 'move', by: -Math.max(1, pageRows), rows: arns() });
          return;
        case 'cursor.first':
          dispatch({ type: 'first', rows: arns() });
          return;
        case 'cursor.last':
          dispatch({ type: 'last', rows: arns() });
          return;
        case 'filter.open':
          dispatch({ type: 'filterOpen' });
          return;
        case 'filter.apply':
          dispatch({ type: 'filterApply' });
          return;
        case 'filter.cancel':
          dispatch({ type: 'filterCancel' });
          return;
        case 'data.refresh':
          fleet.refresh();
          return;
        case 'view.open': {
          const list = rows();
          const row = list[cursorIndex(state.current, list.map((r) => r.arn))];
          if (row !== undefined) onOpen(row);
          return;
        }
        default:
          return;
      }
    },
    {
      isActive,
      onOtherKey: (key) => {
        dispatch({ type: 'filterKey', key });
      },
    },
  );
}
