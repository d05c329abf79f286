import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventStore } from '../../src/store/event-store.js';
import type { DmsEvent } from '../../src/events/types.js';
import { logEvent, stateEvent, T0 } from '../support/events.js';

/** What the store promises its readers beyond ordering (event-store.test.ts): batches, reads, eviction, notifications. */

const texts = (events: readonly DmsEvent[]): string[] => events.map((e) => e.text);

describe('EventStore.addAll', () => {
  it('adds a batch, counting only the new events: repeats within the batch and of held events are dropped', () => {
    const store = new EventStore();
    const a = logEvent(T0, 'a');
    store.add(a);
    const b = logEvent(T0 + 1, 'b');
    expect(store.addAll([{ ...a }, b, { ...b }, logEvent(T0 + 2, 'c')])).toBe(2);
    expect(texts(store.events())).toEqual(['a', 'b', 'c']);
    expect(store.stats).toEqual({ added: 3, duplicates: 2, evicted: 0 });
  });

  it('a batch of nothing new changes nothing', () => {
    const store = new EventStore();
    const a = logEvent(T0, 'a');
    store.add(a);
    const version = store.version;
    expect(store.addAll([{ ...a }])).toBe(0);
    expect(store.addAll([])).toBe(0);
    expect(store.version).toBe(version);
  });
});

describe('EventStore reads', () => {
  it('an empty store holds nothing', () => {
    const store = new EventStore();
    expect(store.events()).toEqual([]);
    expect(store.size).toBe(0);
    expect(store.slice(0)).toEqual([]);
  });

  it('events() is the same array until the next change, then a new one', () => {
    const store = new EventStore();
    store.add(logEvent(T0, 'a'));
    const first = store.events();
    expect(store.events()).toBe(first);
    store.add(logEvent(T0 + 1, 'b'));
    expect(store.events()).not.toBe(first);
    expect(texts(first)).toEqual(['a']);
  });

  it('slice() gives a window in time order, clamped to what is held', () => {
    const store = new EventStore();
    for (const [i, t] of ['c', 'a', 'b', 'd'].entries()) store.add(logEvent(T0 + (t.charCodeAt(0) - 97) * 10 + i, t));
    expect(texts(store.slice(1, 3))).toEqual(['b', 'c']);
    expect(texts(store.slice(2))).toEqual(['c', 'd']);
    expect(texts(store.slice(-5, 2))).toEqual(['a', 'b']);
    expect(texts(store.slice(3, 99))).toEqual(['d']);
    expect(store.slice(3, 3)).toEqual([]);
    expect(store.slice(3, 1)).toEqual([]);
  });

  it('has() knows held events and recently evicted ones, not others', () => {
    const store = new EventStore({ capacity: 1 });
    const a = logEvent(T0, 'a');
    store.add(a);
    store.add(logEvent(T0 + 1, 'b'));
    expect(store.has(a.id)).toBe(true);
    expect(store.has('never-seen')).toBe(false);
  });
});

describe('EventStore.evictOldest and drain', () => {
  it('evictOldest removes the oldest through onEvict, counts it and moves the version; false when empty', () => {
    const evicted: string[] = [];
    const store = new EventStore({ onEvict: (e) => evicted.push(e.text) });
    expect(store.evictOldest()).toBe(false);
    store.add(logEvent(T0 + 1, 'b'));
    store.add(logEvent(T0, 'a'));
    const before = store.version;
    expect(texts(store.events())).toEqual(['a', 'b']);
    expect(store.evictOldest()).toBe(true);
    expect(evicted).toEqual(['a']);
    expect(store.stats.evicted).toBe(1);
    expect(store.version).toBeGreaterThan(before);
    expect(texts(store.events())).toEqual(['b']);
  });

  it('drain empties the store and moves the version, so readers see it empty', () => {
    const store = new EventStore();
    store.add(logEvent(T0, 'a'));
    expect(texts(store.events())).toEqual(['a']);
    const before = store.version;
    store.drain();
    expect(store.version).toBeGreaterThan(before);
    expect(store.events()).toEqual([]);
  });

  it('works without an onEvict', () => {
    const store = new EventStore({ capacity: 1 });
    store.add(logEvent(T0, 'a'));
    store.add(logEvent(T0 + 1, 'b'));
    expect(store.evictOldest()).toBe(true);
    store.add(logEvent(T0 + 2, 'c'));
    store.drain();
    expect(store.size).toBe(0);
  });
});

describe('EventStore notifications of batches and timing', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a batch notifies once; a batch holding an error notifies at once', () => {
    const store = new EventStore();
    const seen: number[] = [];
    store.subscribe((v) => seen.push(v));
    store.addAll(Array.from({ length: 50 }, (_, i) => logEvent(T0 + i, 'info')));
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(seen).toEqual([store.version]);
    store.addAll([logEvent(T0 + 100, 'info'), stateEvent(T0 + 101, 'failed'), logEvent(T0 + 102, 'info')]);
    expect(seen).toEqual([seen[0], store.version]);
  });

  it('a batch of duplicates notifies nobody', () => {
    const store = new EventStore();
    const e = stateEvent(T0, 'failed');
    store.add(e);
    const seen: number[] = [];
    store.subscribe((v) => seen.push(v));
    store.addAll([{ ...e }]);
    vi.advanceTimersByTime(500);
    expect(seen).toEqual([]);
  });

  it('waits only what is left of the interval since the last notification', () => {
    const store = new EventStore();
    const seen: number[] = [];
    store.subscribe((v) => seen.push(v));
    store.add(stateEvent(T0, 'failed'));
    expect(seen).toHaveLength(1);
    vi.advanceTimersByTime(60);
    store.add(logEvent(T0 + 1, 'info'));
    vi.advanceTimersByTime(39);
    expect(seen).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(seen).toHaveLength(2);
  });

  it('keeps one timer however many events arrive, and none when nobody listens', () => {
    const quiet = new EventStore();
    quiet.add(logEvent(T0, 'a'));
    expect(vi.getTimerCount()).toBe(0);
    const store = new EventStore();
    store.subscribe(() => undefined);
    for (let i = 0; i < 10; i++) store.add(logEvent(T0 + i, 'info'));
    expect(vi.getTimerCount()).toBe(1);
    store.close();
  });

  it('flush delivers a pending notification now, once, and its timer no longer fires', () => {
    const store = new EventStore();
    const seen: number[] = [];
    store.subscribe((v) => seen.push(v));
    store.add(logEvent(T0, 'a'));
    store.flush();
    expect(seen).toEqual([store.version]);
    store.flush();
    vi.advanceTimersByTime(500);
    expect(seen).toEqual([store.version]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('close stops the pending notification and forgets the listeners; the store stays readable', () => {
    const store = new EventStore();
    const seen: number[] = [];
    store.subscribe((v) => seen.push(v));
    store.add(logEvent(T0, 'a'));
    store.close();
    vi.advanceTimersByTime(500);
    store.add(stateEvent(T0 + 1, 'failed'));
    expect(seen).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    expect(texts(store.events())).toEqual(['a', 'failed: ']);
  });

  it('close leaves no timer pending, so a closed store never keeps the process alive', () => {
    const store = new EventStore({ notifyIntervalMs: 60_000 });
    store.subscribe(() => undefined);
    store.flush();
    store.add(logEvent(T0, 'a'));
    expect(vi.getTimerCount()).toBe(1);
    store.close();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('after a flush, the next notification still waits a whole interval from that flush', () => {
    const store = new EventStore();
    const seen: number[] = [];
    store.subscribe((v) => seen.push(v));
    store.add(stateEvent(T0, 'failed'));
    expect(seen).toHaveLength(1);
    vi.advanceTimersByTime(10);
    store.add(logEvent(T0 + 1, 'b'));
    vi.advanceTimersByTime(10);
    store.flush();
    expect(seen).toHaveLength(2);
    vi.advanceTimersByTime(10);
    store.add(logEvent(T0 + 2, 'c'));
    // 80 ms after the last notification is not yet 100: nothing; at 100 the batch comes.
    vi.advanceTimersByTime(89);
    expect(seen).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual([seen[0], seen[1], store.version]);
  });
});
