import { Box, Text } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import { toSafeLine } from '../../src/parse/safe-text.js';
import type { DashboardLaunch, DashboardSource } from '../../src/watch/dashboard-source.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { KeyRouter } from '../keys/key-router.js';
import { createKeymap } from '../keys/keymap.js';
import { useCommands } from '../keys/use-commands.js';
import { appReducer, initialApp } from './app-state.js';
import { Dashboard } from './dashboard/dashboard.js';
import type { PickerRow } from './picker/picker-rows.js';
import { Picker } from './picker/picker.js';

export interface AppProps {
  /** What the command line opened: the picker's fleet, a replication opened at once, read-only, the hint. */
  readonly launch: DashboardLaunch;
  /**
   * Called once, when the user quits, after every source the App opened
   * itself (from the picker) is closed; the launcher then unmounts Ink and
   * closes `launch.initial` and `launch.fleet`, which it opened.
   */
  readonly onExit: (code: number) => void;
}

/** A message of an open's rejection, in one terminal-safe line. */
function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return toSafeLine(text === '' ? 'the replication could not be opened' : text);
}

/**
 * The full-screen app: the picker when the launch has a fleet and no
 * replication is open, the dashboard of `launch.initial` or of the
 * replication opened from the picker. The picker stays mounted (hidden)
 * under a dashboard it opened, so Esc finds its cursor and filter as they
 * were.
 */
export function App(props: AppProps): ReactNode {
  return (
    <KeyRouter>
      <Screens {...props} />
    </KeyRouter>
  );
}

function Screens({ launch, onExit }: AppProps): ReactNode {
  const size = useTerminalSize();
  const keymap = useMemo(() => createKeymap({ readOnly: launch.readOnly }), [launch.readOnly]);
  const [state, dispatch] = useReducer(appReducer, initialApp);
  /* Sources the App opened and has not closed: it closes them on Esc and on quit. */
  const owned = useRef(new Set<DashboardSource>());
  const token = useRef(0);
  const quitting = useRef(false);

  const close = useCallback((source: DashboardSource): Promise<void> => {
    owned.current.delete(source);
    // close() is the source's to get right; a failure to close must not keep the user in the app.
    return source.close().catch(() => undefined);
  }, []);

  const quit = useCallback(() => {
    if (quitting.current) return;
    quitting.current = true;
    void Promise.all([...owned.current].map(close)).then(() => {
      onExit(0);
    });
  }, [close, onExit]);

  const open = useCallback(
    (row: PickerRow) => {
      if (state.opening !== undefined || quitting.current) return;
      token.current += 1;
      const mine = token.current;
      dispatch({ type: 'opening', token: mine, name: row.name });
      launch.open(row.arn).then(
        (source) => {
          // Quit while it opened, or Esc took the user elsewhere: nobody will show it.
          if (quitting.current || token.current !== mine) {
            void source.close().catch(() => undefined);
            return;
          }
          owned.current.add(source);
          dispatch({ type: 'opened', token: mine, source });
        },
        (err: unknown) => {
          dispatch({ type: 'openFailed', token: mine, message: oneLine(err) });
        },
      );
    },
    [launch, state.opening],
  );

  const back = useCallback(() => {
    const opened = state.opened;
    if (opened === undefined) return;
    dispatch({ type: 'back' });
    void close(opened.source);
  }, [close, state.opened]);

  // Unmounted without quitting (the launcher's own exit): what the App opened is closed all the same.
  useEffect(
    () => () => {
      for (const source of owned.current) void close(source);
    },
    [close],
  );

  const source = state.opened?.source ?? launch.initial;
  const showPicker = source === undefined && launch.fleet !== undefined;
  useCommands(keymap, NOTHING_CONTEXT, (command) => {
    if (command === 'app.quit') quit();
  }, { isActive: source === undefined && launch.fleet === undefined });

  const frame = { width: size.columns, height: Math.max(0, size.rows - 1) };
  return (
    <Box flexDirection="column" width={frame.width} height={frame.height} overflowY="hidden">
      {launch.fleet !== undefined ? (
        <Box display={showPicker ? 'flex' : 'none'} width={frame.width} height={frame.height}>
          <Picker
            fleet={launch.fleet}
            keymap={keymap}
            width={frame.width}
            height={frame.height}
            {...(state.opening === undefined ? {} : { opening: state.opening.name })}
            {...(state.openError === undefined ? {} : { openError: state.openError })}
            onOpen={open}
            onQuit={quit}
            isActive={showPicker}
          />
        </Box>
      ) : null}
      {source !== undefined ? (
        <Dashboard
          key={state.opened === undefined ? 'initial' : `opened-${String(state.opened.serial)}`}
          source={source}
          keymap={keymap}
          size={size}
          canGoBack={state.opened !== undefined}
          {...(launch.hint === undefined || state.opened !== undefined ? {} : { hint: launch.hint })}
          onBack={back}
          onQuit={quit}
        />
      ) : null}
      {source === undefined && launch.fleet === undefined ? <Text>Nothing to show: name a replication. q quits.</Text> : null}
    </Box>
  );
}

const NOTHING_CONTEXT = {
  view: 'picker',
  focus: 'log',
  overlay: 'none',
  canGoBack: false,
  hasFailures: false,
  canStart: false,
  canStop: false,
} as const;
