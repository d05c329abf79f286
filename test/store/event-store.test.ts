import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventStore } from '../../src/store/event-store.js';
import type { DmsEvent } from '../../src/events/types.js';
import { logEvent, stateEvent, T0 } from '../support/events.js';

const texts = (events: readonly DmsEvent[]): string[] => events.map((e) => e.text);

describe('EventStore ordering', () => {
  it('keeps events in time order and lands a late event where it belongs', () => {
    const store = new EventStore();
    store.add(logEvent(T0 + 1000, 'b'));
    store.add(logEvent(T0 + 3000, 'd'));
    store.add(logEvent(T0 + 2000, 'c'));
    store.add(logEvent(T0, 'a'));
    expect(texts(store.events())).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps arrival order for events with the same time', () => {
    const store = new EventStore();
    store.add(logEvent(T0 + 5, 'late'));
    for (const t of ['1', '2', '3']) store.add(logEvent(T0, t));
    store.add(logEvent(T0, '4'));
    expect(texts(store.events())).toEqual(['1', '2', '3', '4', 'late']);
  });
});

describe('EventStore de-duplication', () => {
  it('drops an event whose id it already holds', () => {
    const store = new EventStore();
    const e = logEvent(T0, 'once');
    expect(store.add(e)).toBe('added');
    expect(store.add({ ...e })).toBe('duplicate');
    expect(store.size).toBe(1);
    expect(store.stats.duplicates).toBe(1);
  });

  it('still recognises an event delivered again after it was evicted', () => {
    const store = new EventStore({ capacity: 2 });
    const first = logEvent(T0, 'first');
    store.add(first);
    store.add(logEvent(T0 + 1, 'second'));
    store.add(logEvent(T0 + 2, 'third'));
    expect(store.events()).not.toContain(first);
    expect(store.add({ ...first })).toBe('duplicate');
    expect(texts(store.events())).toEqual(['second', 'third']);
  });
});

describe('EventStore bound', () => {
  it('evicts the oldest events once full and reports each one', () => {
    const evicted: string[] = [];
    const store = new EventStore({ capacity: 3, onEvict: (e) => evicted.push(e.text) });
    for (let i = 0; i < 6; i++) store.add(logEvent(T0 + i, `e${String(i)}`));
    expect(texts(store.events())).toEqual(['e3', 'e4', 'e5']);
    expect(evicted).toEqual(['e0', 'e1', 'e2']);
    expect(store.stats).toEqual({ added: 6, duplicates: 0, evicted: 3 });
  });

  it('evicts a late event older than everything it holds straight away', () => {
    const evicted: string[] = [];
    const store = new EventStore({ capacity: 2, onEvict: (e) => evicted.push(e.text) });
    store.add(logEvent(T0 + 10, 'x'));
    store.add(logEvent(T0 + 20, 'y'));
    store.add(logEvent(T0, 'too old'));
    expect(evicted).toEqual(['too old']);
    expect(texts(store.events())).toEqual(['x', 'y']);
  });

  it('stays at its capacity over many events', () => {
    const store = new EventStore({ capacity: 1000 });
    for (let i = 0; i < 20_000; i++) store.add(logEvent(T0 + i, 'e'));
    expect(store.size).toBe(1000);
    expect(store.events()[0]?.time).toBe(T0 + 19_000);
  });

  it('drains every remaining event in order', () => {
    const out: string[] = [];
    const store = new EventStore({ onEvict: (e) => out.push(e.text) });
    store.add(logEvent(T0 + 2, 'b'));
    store.add(logEvent(T0 + 1, 'a'));
    store.drain();
    expect(out).toEqual(['a', 'b']);
    expect(store.size).toBe(0);
  });
});

describe('EventStore notifications', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('batches a burst of events into at most one notification per 100 ms', () => {
    const store = new EventStore();
    const seen: number[] = [];
    store.subscribe((v) => seen.push(v));
    for (let i = 0; i < 500; i++) {
      store.add(logEvent(T0 + i, 'line'));
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(200);
    // 500 ms of steady events: about 5 notifications, never one per event.
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.length).toBeLessThanOrEqual(7);
    expect(seen.at(-1)).toBe(store.version);
  });

  it('notifies at once when a failure arrives', () => {
    const store = new EventStore();
    const seen: number[] = [];
    store.subscribe((v) => seen.push(v));
    store.add(logEvent(T0, 'info'));
    expect(seen).toEqual([]);
    store.add(stateEvent(T0 + 1, 'failed'));
    expect(seen).toEqual([store.version]);
  });

  it('has a version that grows with every change and not with duplicates', () => {
    const store = new EventStore();
    const e = logEvent(T0, 'a');
    store.add(e);
    const v = store.version;
    store.add({ ...e });
    expect(store.version).toBe(v);
    store.add(logEvent(T0, 'b'));
    expect(store.version).toBeGreaterThan(v);
  });

  it('stops notifying after unsubscribe', () => {
    const store = new EventStore();
    const seen: number[] = [];
    const off = store.subscribe((v) => seen.push(v));
    off();
    store.add(stateEvent(T0, 'failed'));
    vi.advanceTimersByTime(500);
    expect(seen).toEqual([]);
  });
});
