import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventStore } from '../../src/store/event-store.js';
import type { DmsEvent } from '../../src/events/types.js';
import { logEvent, T0 } from '../support/events.js';

/** `changesSince` (src/store/event-store.ts): what a consumer needs to fold new events instead of re-reading the store. */

const texts = (events: readonly DmsEvent[]): string[] => events.map((e) => e.text);

describe('EventStore.changesSince', () => {
  it('gives the events added since the cursor, in time order, and nothing when nothing changed', () => {
    const store = new EventStore();
    store.add(logEvent(T0, 'a'));
    const start = store.cursor();
    store.addAll([logEvent(T0 + 1, 'b'), logEvent(T0 + 1, 'c'), logEvent(T0 + 2, 'd')]);
    const changes = store.changesSince(start);
    expect(texts(changes.added)).toEqual(['b', 'c', 'd']);
    expect(changes).toMatchObject({ lateInsert: false, evicted: 0, version: store.version });
    const none = store.changesSince(changes.cursor);
    expect(none).toMatchObject({ added: [], lateInsert: false, evicted: 0, version: changes.version });
  });

  it('does not count a duplicate as added', () => {
    const store = new EventStore();
    const e = logEvent(T0, 'once');
    store.add(e);
    const start = store.cursor();
    store.add({ ...e });
    expect(store.changesSince(start)).toMatchObject({ added: [], lateInsert: false, evicted: 0 });
  });

  it('says when an event landed before the newest one, and then lists nothing: the order changed', () => {
    const store = new EventStore();
    store.addAll([logEvent(T0, 'a'), logEvent(T0 + 10, 'c')]);
    const start = store.cursor();
    store.add(logEvent(T0 + 5, 'b'));
    store.add(logEvent(T0 + 20, 'd'));
    const changes = store.changesSince(start);
    expect(changes.lateInsert).toBe(true);
    expect(changes.added).toEqual([]);
    // From the next cursor on, in-order adds are listed again.
    store.add(logEvent(T0 + 30, 'e'));
    const next = store.changesSince(changes.cursor);
    expect(next.lateInsert).toBe(false);
    expect(texts(next.added)).toEqual(['e']);
  });

  it('does not call an event with the newest time late: equal times keep arrival order', () => {
    const store = new EventStore();
    store.add(logEvent(T0, 'a'));
    const start = store.cursor();
    store.add(logEvent(T0, 'b'));
    expect(store.changesSince(start)).toMatchObject({ lateInsert: false, added: [expect.objectContaining({ text: 'b' })] });
  });

  it('counts the held events that a full store evicted, and leaves out new ones evicted before they were read', () => {
    const store = new EventStore({ capacity: 3 });
    store.addAll([logEvent(T0, 'a'), logEvent(T0 + 1, 'b')]);
    const start = store.cursor();
    store.addAll([logEvent(T0 + 2, 'c'), logEvent(T0 + 3, 'd')]);
    const one = store.changesSince(start);
    expect(one.evicted).toBe(1);
    expect(texts(one.added)).toEqual(['c', 'd']);
    // Five more through a store of three: the three held at the cursor left, and two of the new ones too.
    store.addAll(['e', 'f', 'g', 'h', 'i'].map((t, i) => logEvent(T0 + 10 + i, t)));
    const two = store.changesSince(one.cursor);
    expect(two.evicted).toBe(3);
    expect(texts(two.added)).toEqual(['g', 'h', 'i']);
    expect(texts(store.events())).toEqual(['g', 'h', 'i']);
  });

  it('counts evictOldest as an eviction and drain as a change of order', () => {
    const store = new EventStore();
    store.addAll([logEvent(T0, 'a'), logEvent(T0 + 1, 'b')]);
    const start = store.cursor();
    store.evictOldest();
    const evicted = store.changesSince(start);
    expect(evicted).toMatchObject({ evicted: 1, lateInsert: false, added: [] });
    store.drain();
    expect(store.changesSince(evicted.cursor).lateInsert).toBe(true);
  });

  it('after a drain, says every event held at the cursor left and asks for a re-read, even after a late insert', () => {
    const store = new EventStore();
    store.addAll([logEvent(T0, 'a'), logEvent(T0 + 10, 'c'), logEvent(T0 + 20, 'd')]);
    const start = store.cursor();
    store.drain();
    expect(store.changesSince(start)).toMatchObject({ evicted: 3, lateInsert: true, added: [] });
    store.addAll([logEvent(T0, 'a2'), logEvent(T0 + 10, 'c2')]);
    const again = store.cursor();
    store.add(logEvent(T0 + 5, 'late'));
    store.drain();
    expect(store.changesSince(again)).toMatchObject({ evicted: 2, lateInsert: true, added: [] });
  });

  it('lets a consumer rebuild exactly what the store holds, for any adds, late adds and evictions', () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('add' as const), dt: fc.integer({ min: -5, max: 5 }), batch: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ op: fc.constant('evict' as const) }),
      fc.record({ op: fc.constant('read' as const) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(step, { maxLength: 40 }), (capacity, steps) => {
        const store = new EventStore({ capacity });
        let mirror: DmsEvent[] = [];
        let cursor = store.cursor();
        let time = T0;
        const read = (): void => {
          const changes = store.changesSince(cursor);
          cursor = changes.cursor;
          if (changes.lateInsert) mirror = [...store.events()];
          else mirror = [...mirror.slice(changes.evicted), ...changes.added];
          expect(mirror).toEqual(store.events());
        };
        for (const s of steps) {
          if (s.op === 'add') {
            time += s.dt;
            store.addAll(Array.from({ length: s.batch }, (_, i) => logEvent(time + i, 'x')));
          } else if (s.op === 'evict') store.evictOldest();
          else read();
        }
        read();
      }),
    );
  });
});
