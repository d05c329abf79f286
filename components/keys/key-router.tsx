/**
 * One `useInput` for the whole app, handing each input to the key
 * listeners mounted now. Ink subscribes a `useInput` in a passive effect,
 * which React may run after the next key: the first key typed after the
 * view changes (the picker gives way to a dashboard) would reach the view
 * that left, or nobody. Listeners join and leave the router in layout
 * effects instead, as the new frame is committed.
 */
import { useInput, type Key } from 'ink';
import { createContext, useMemo, useRef, type ReactNode } from 'react';

export type InputListener = (input: string, key: Key) => void;

export interface KeyRouterValue {
  /** Adds a listener; returns its removal. */
  add(listener: InputListener): () => void;
}

export const KeyRouterContext = createContext<KeyRouterValue | undefined>(undefined);

export interface KeyRouterProps {
  readonly children?: ReactNode;
}

/** Listens to Ink's input once and hands it to every listener, in the order they joined. */
export function KeyRouter({ children }: KeyRouterProps): ReactNode {
  const listeners = useRef(new Set<InputListener>());
  useInput((input, key) => {
    for (const listener of [...listeners.current]) listener(input, key);
  });
  const value = useMemo<KeyRouterValue>(
    () => ({
      add: (listener) => {
        listeners.current.add(listener);
        return () => {
          listeners.current.delete(listener);
        };
      },
    }),
    [],
  );
  return <KeyRouterContext.Provider value={value}>{children}</KeyRouterContext.Provider>;
}
