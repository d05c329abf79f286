/**
 * The one place that listens to keys: Ink's `useInput`, through the keymap,
 * to the app's command handler. Components receive commands, never keys.
 */
import { useInput } from 'ink';
import { useCallback, useRef } from 'react';
import type { CommandId, KeyContext } from './commands.js';
import type { KeyName } from './key-names.js';
import type { Keymap } from './keymap.js';

export interface UseCommandsOptions {
  /** Listen only while true (Ink's `isActive`), e.g. only while this dialog is open. @default true */
  readonly isActive?: boolean;
  /**
   * Keys no command took, in order: the filter prompt's characters and
   * 'backspace'. Without it they are ignored.
   */
  readonly onOtherKey?: (key: KeyName) => void;
}

/**
 * Runs `onCommand` for every command the keys of each input make, in the
 * order typed ('jj' runs cursor.down twice). The latest `context` and
 * callbacks are used without re-subscribing to stdin on every render.
 */
export function useCommands(
  keymap: Keymap,
  context: KeyContext,
  onCommand: (command: CommandId) => void,
  options: UseCommandsOptions = {},
): void {
  const latest = useRef({ keymap, context, onCommand, onOtherKey: options.onOtherKey });
  latest.current = { keymap, context, onCommand, onOtherKey: options.onOtherKey };

  const handler = useCallback((input: string, key: Parameters<Keymap['match']>[1]) => {
    const { keymap: map, context: ctx, onCommand: run, onOtherKey } = latest.current;
    for (const match of map.match(input, key, ctx)) {
      if (match.command !== undefined) run(match.command);
      else onOtherKey?.(match.key);
    }
  }, []);

  useInput(handler, { isActive: options.isActive ?? true });
}
