/**
 * The one place that listens to keys: Ink's `useInput`, through the keymap,
 * to the app's command handler. Components receive commands, never keys.
 */
import { useInput } from 'ink';
import { useCallback, useContext, useLayoutEffect, useRef } from 'react';
import type { CommandId, KeyContext } from './commands.js';
import { keyNamesOf, type KeyName } from './key-names.js';
import type { Keymap } from './keymap.js';
import { KeyRouterContext } from './key-router.js';

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
 * The context a key is matched in: a value, or a function asked before
 * every key. A function lets one input carry keys that change the context
 * for the next ('xy' typed fast: x opens the stop confirmation, y answers
 * it), which a context taken at the last render cannot see.
 */
export type KeyContextSource = KeyContext | (() => KeyContext);

/**
 * Runs `onCommand` for every command the keys of each input make, in the
 * order typed ('jj' runs cursor.down twice). The latest `context` and
 * callbacks are used without re-subscribing to stdin on every render.
 */
export function useCommands(
  keymap: Keymap,
  context: KeyContextSource,
  onCommand: (command: CommandId) => void,
  options: UseCommandsOptions = {},
): void {
  const latest = useRef({ keymap, context, onCommand, onOtherKey: options.onOtherKey });
  latest.current = { keymap, context, onCommand, onOtherKey: options.onOtherKey };

  /*
   * Whether this listener may act, set in a layout effect: those run as the
   * new frame is committed, while Ink's `isActive` takes effect in a
   * passive effect that may run after the next key (key-router.tsx).
   */
  const active = useRef(false);
  const isActive = options.isActive ?? true;
  useLayoutEffect(() => {
    active.current = isActive;
    return () => {
      active.current = false;
    };
  }, [isActive]);

  const handler = useCallback((input: string, key: Parameters<Keymap['match']>[1]) => {
    if (!active.current) return;
    for (const name of keyNamesOf(input, key)) {
      // Read afresh for every key: the command before may have changed what applies.
      const { keymap: map, context: ctx, onCommand: run, onOtherKey } = latest.current;
      const command = map.commandFor(name, typeof ctx === 'function' ? ctx() : ctx);
      if (command !== undefined) run(command);
      else onOtherKey?.(name);
    }
  }, []);

  // Under a KeyRouter (the app), joined as the frame is committed; alone (a component's test), through Ink directly.
  const router = useContext(KeyRouterContext);
  useLayoutEffect(() => router?.add(handler), [router, handler]);
  useInput(handler, { isActive: router === undefined });
}
