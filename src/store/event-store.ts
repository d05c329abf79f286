import type { DmsEvent } from '../events/types.js';
import { OrderedRing } from './ordered-ring.js';
import { RecentIds } from './recent-ids.js';

export interface EventStoreOptions {
  /** Most events kept; the oldest leave first. @default 50000 */
  readonly capacity?: number;
  /** Least time between two change notifications, in ms. @default 100 */
  readonly notifyIntervalMs?: number;
  /** Called with each event that leaves the store to stay within `capacity`. */
  readonly onEvict?: (event: DmsEvent) => void;
}

export type AddResult = 'added' | 'duplicate';

export interface EventStoreStats {
  readonly added: number;
  readonly duplicates: number;
  readonly evicted: number;
}

export type StoreListener = (version: number) => void;

/**
 * Where a consumer left off reading the store (from `cursor()` or
 * `changesSince()`). Opaque: pass it back to `changesSince`.
 */
export interface StoreCursor {
  /** The store's `version` when the cursor was taken. */
  readonly version: number;
  /** Events added, removed and inserted late in the store's life so far, and its size, then. */
  readonly added: number;
  readonly removed: number;
  readonly lateInserts: number;
  readonly size: number;
}

/** What changed since a cursor: what a consumer needs to fold new events instead of re-reading all of them. */
export interface StoreChanges {
  /**
   * Events added since the cursor and still held, in time order; they are
   * the newest events of the store. Empty when `lateInsert` is true: the
   * order changed, so re-read `events()`.
   */
  readonly added: readonly DmsEvent[];
  /**
   * An event was inserted before the newest one held (a late event: a
   * backfill, a poller behind Live Tail), or the store was drained: what was
   * derived from the old order must be derived again from `events()`.
   */
  readonly lateInsert: boolean;
  /**
   * How many of the events held at the cursor have left since (always the
   * oldest ones). Events added and evicted between two reads are in neither
   * `added` nor this count.
   */
  readonly evicted: number;
  readonly version: number;
  /** Pass it to the next `changesSince`. */
  readonly cursor: StoreCursor;
}

export const DEFAULT_STORE_CAPACITY = 50_000;

/**
 * The one event store: ordered by event time with stable ties, de-duplicated
 * by event id, bounded, with batched change notifications (at most one per
 * `notifyIntervalMs`; an error event notifies at once, so a failure is never
 * held back behind a batch). `version` grows with every change.
 */
export class EventStore {
  readonly capacity: number;
  private readonly notifyIntervalMs: number;
  private readonly onEvict: ((event: DmsEvent) => void) | undefined;
  private readonly ring = new OrderedRing<DmsEvent>((e) => e.time);
  /**
   * Ids seen lately: every event added in the last `capacity` additions at
   * least, and up to twice that. One structure serves the events held and
   * those recently evicted (a reconnect or a backfill delivering an event
   * again after it left), at two Set operations per event.
   */
  private readonly seen: RecentIds;
  private readonly listeners = new Set<StoreListener>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastNotify = 0;
  private notifiedVersion = 0;
  private snapshot: { version: number; events: readonly DmsEvent[] } = { version: 0, events: [] };
  private counts = { added: 0, duplicates: 0, evicted: 0 };
  private currentVersion = 0;
  /** For `changesSince`: every event that left (evicted, drained) and every insert before the newest event. */
  private removed = 0;
  private lateInserts = 0;

  constructor(options: EventStoreOptions = {}) {
    this.capacity = Math.max(1, Math.floor(options.capacity ?? DEFAULT_STORE_CAPACITY));
    this.notifyIntervalMs = options.notifyIntervalMs ?? 100;
    this.onEvict = options.onEvict;
    this.seen = new RecentIds(this.capacity);
  }

  /** Grows with every change; consumers compare it to know whether to re-select. */
  get version(): number {
    return this.currentVersion;
  }

  get size(): number {
    return this.ring.size;
  }

  get stats(): EventStoreStats {
    return { ...this.counts };
  }

  add(event: DmsEvent): AddResult {
    const result = this.insert(event);
    if (result === 'added') this.changed(event.severity === 'error');
    return result;
  }

  /** Adds a batch with a single notification. Returns how many were new. */
  addAll(events: Iterable<DmsEvent>): number {
    let added = 0;
    let urgent = false;
    for (const event of events) {
      if (this.insert(event) === 'added') {
        added += 1;
        urgent ||= event.severity === 'error';
      }
    }
    if (added > 0) this.changed(urgent);
    return added;
  }

  /** Whether an event with this id was added lately (it may have been evicted since). */
  has(id: string): boolean {
    return this.seen.has(id);
  }

  /** All events in time order. The same array is returned until the next change. */
  events(): readonly DmsEvent[] {
    if (this.snapshot.version !== this.currentVersion) {
      this.snapshot = { version: this.currentVersion, events: this.ring.toArray() };
    }
    return this.snapshot.events;
  }

  /** Where the store stands now, for a later `changesSince`. */
  cursor(): StoreCursor {
    return { version: this.currentVersion, added: this.counts.added, removed: this.removed, lateInserts: this.lateInserts, size: this.ring.size };
  }

  /**
   * What changed since `since`, in time proportional to the events added:
   * consumers (the dashboard's selectors) fold those into what they derived
   * instead of re-reading the whole store on every notification. Removals
   * are always of the oldest events, so `evicted` says which ones left.
   */
  changesSince(since: StoreCursor): StoreChanges {
    const cursor = this.cursor();
    const lateInsert = this.lateInserts !== since.lateInserts;
    const removed = this.removed - since.removed;
    const evicted = Math.min(removed, since.size);
    let added: readonly DmsEvent[] = [];
    if (!lateInsert) {
      // Removals take the oldest first: those held at the cursor, then new ones.
      const kept = this.counts.added - since.added - (removed - evicted);
      if (kept > 0) added = this.ring.slice(this.ring.size - kept);
    }
    return { added, lateInsert, evicted, version: cursor.version, cursor };
  }

  /** Events `start` to `end` (exclusive) in time order, without copying the rest. */
  slice(start: number, end?: number): DmsEvent[] {
    return this.ring.slice(start, end);
  }

  /** Removes the oldest event through `onEvict`, as a full store does (replay's bound in bytes); false when empty. */
  evictOldest(): boolean {
    const old = this.ring.shift();
    if (old === undefined) return false;
    this.counts.evicted += 1;
    this.removed += 1;
    this.currentVersion += 1;
    this.onEvict?.(old);
    return true;
  }

  /** Removes every event, in order, through `onEvict` (used to drain a replay). */
  drain(): void {
    let event = this.ring.shift();
    while (event !== undefined) {
      this.removed += 1;
      this.onEvict?.(event);
      event = this.ring.shift();
    }
    // Consumers start over, as after a late insert.
    this.lateInserts += 1;
    this.currentVersion += 1;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers a pending notification now. */
  flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.notifiedVersion === this.currentVersion) return;
    this.notifiedVersion = this.currentVersion;
    this.lastNotify = Date.now();
    for (const listener of this.listeners) listener(this.currentVersion);
  }

  /** Stops the notification timer; the store stays readable. */
  close(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  private insert(event: DmsEvent): AddResult {
    if (this.seen.has(event.id)) {
      this.counts.duplicates += 1;
      return 'duplicate';
    }
    this.seen.add(event.id);
    if (this.ring.insert(event) !== this.ring.size - 1) this.lateInserts += 1;
    this.counts.added += 1;
    this.currentVersion += 1;
    while (this.ring.size > this.capacity) {
      const old = this.ring.shift();
      if (old === undefined) break;
      this.counts.evicted += 1;
      this.removed += 1;
      this.onEvict?.(old);
    }
    return 'added';
  }

  private changed(urgent: boolean): void {
    if (this.listeners.size === 0) return;
    if (urgent) {
      this.flush();
      return;
    }
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.notifyIntervalMs - (Date.now() - this.lastNotify));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }
}
