/**
 * A live source (src/watch/dashboard-source.ts) read the React way: the
 * component renders again only when the source announces a change, and the
 * source batches its announcements (about ten a second at most), so a flood
 * of log lines costs one render per batch, never one per line.
 */
import { useCallback, useSyncExternalStore } from 'react';

/** What DashboardSource and FleetSource share: useSyncExternalStore's contract. */
export interface Subscribable<T> {
  subscribe(listener: () => void): () => void;
  /** The same object until the next announced change. */
  getSnapshot(): T;
}

/** The source's current snapshot, following its announcements. */
export function useSource<T>(source: Subscribable<T>): T {
  // Bound here (a class's methods lose `this` when handed over), and once per source so React does not resubscribe every render.
  const subscribe = useCallback((listener: () => void) => source.subscribe(listener), [source]);
  const getSnapshot = useCallback(() => source.getSnapshot(), [source]);
  return useSyncExternalStore(subscribe, getSnapshot);
}
