import { describe, expect, it } from 'vitest';
import { OrderedRing } from '../../src/store/ordered-ring.js';
import { RecentIds } from '../../src/store/recent-ids.js';

interface Item {
  readonly t: number;
  readonly name: string;
}

const ring = (): OrderedRing<Item> => new OrderedRing<Item>((i) => i.t);
const names = (items: readonly (Item | undefined)[]): (string | undefined)[] => items.map((i) => i?.name);

describe('OrderedRing', () => {
  it('inserts in time order with stable ties and returns each item\'s index', () => {
    const r = ring();
    expect(r.insert({ t: 10, name: 'a' })).toBe(0);
    expect(r.insert({ t: 30, name: 'c' })).toBe(1);
    expect(r.insert({ t: 20, name: 'b' })).toBe(1);
    expect(r.insert({ t: 20, name: 'b2' })).toBe(2);
    expect(r.insert({ t: 5, name: 'first' })).toBe(0);
    expect(r.insert({ t: 30, name: 'c2' })).toBe(5);
    expect(names(r.toArray())).toEqual(['first', 'a', 'b', 'b2', 'c', 'c2']);
  });

  it('shift takes from the front; an empty ring gives undefined and stays usable', () => {
    const r = ring();
    expect(r.shift()).toBeUndefined();
    expect(r.shift()).toBeUndefined();
    expect(r.size).toBe(0);
    r.insert({ t: 2, name: 'b' });
    r.insert({ t: 1, name: 'a' });
    expect(r.shift()?.name).toBe('a');
    expect(r.size).toBe(1);
    expect(names(r.toArray())).toEqual(['b']);
  });

  it('reads by position: at, first, last, slice; clear empties it', () => {
    const r = ring();
    for (const [i, name] of ['a', 'b', 'c', 'd'].entries()) r.insert({ t: i, name });
    r.shift();
    expect(names([r.at(0), r.at(2), r.at(3), r.at(-1)])).toEqual(['b', 'd', undefined, undefined]);
    expect(names([r.first(), r.last()])).toEqual(['b', 'd']);
    expect(names(r.slice(1))).toEqual(['c', 'd']);
    expect(names(r.slice(-3, 2))).toEqual(['b', 'c']);
    expect(names(r.slice(0, 10))).toEqual(['b', 'c', 'd']);
    expect(r.slice(2, 2)).toEqual([]);
    // An end before the start, or before the first item, is an empty window (not counted from the end as Array#slice would).
    expect(r.slice(2, 1)).toEqual([]);
    expect(r.slice(0, -1)).toEqual([]);
    expect(r.slice(0, -2)).toEqual([]);
    r.clear();
    expect([r.size, r.first(), r.last()]).toEqual([0, undefined, undefined]);
    expect(r.insert({ t: 0, name: 'again' })).toBe(0);
  });

  it('stays right through many removals from the front (its storage is compacted on the way)', () => {
    const r = ring();
    for (let i = 0; i < 5000; i++) r.insert({ t: i * 2, name: String(i * 2) });
    for (let i = 0; i < 3000; i++) expect(r.shift()?.t).toBe(i * 2);
    expect(r.size).toBe(2000);
    expect(r.insert({ t: 6001, name: 'late' })).toBe(1);
    expect(names([r.at(0), r.at(1), r.at(2), r.last()])).toEqual(['6000', 'late', '6002', '9998']);
    expect(names(r.slice(0, 3))).toEqual(['6000', 'late', '6002']);
  });
});

describe('RecentIds', () => {
  it('remembers at least the last `capacity` ids, and forgets what is older than twice that', () => {
    const ids = new RecentIds(2);
    for (const id of ['a', 'b', 'c', 'd', 'e']) ids.add(id);
    expect(['c', 'd', 'e'].map((id) => ids.has(id))).toEqual([true, true, true]);
    expect(['a', 'b'].map((id) => ids.has(id))).toEqual([false, false]);
  });
});
