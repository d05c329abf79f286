/**
 * React's useReducer, with the newest state readable at once through a
 * ref. Keys arrive several to an input ('yy' from a held key), each handled
 * before React renders again: the second must see what the first did (the
 * confirmation already closed), or a held `y` would answer twice.
 */
import { useCallback, useRef, useState, type RefObject } from 'react';

export type SyncDispatch<A> = (action: A) => void;

/** `[state, dispatch, latest]`: `latest.current` is the state after every dispatch so far, rendered or not. */
export function useSyncReducer<S, A>(reducer: (state: S, action: A) => S, initial: S): [S, SyncDispatch<A>, RefObject<S>] {
  const [state, setState] = useState(initial);
  const latest = useRef(state);
  const reducerRef = useRef(reducer);
  reducerRef.current = reducer;
  const dispatch = useCallback((action: A) => {
    const next = reducerRef.current(latest.current, action);
    if (next === latest.current) return;
    latest.current = next;
    setState(next);
  }, []);
  return [state, dispatch, latest];
}
