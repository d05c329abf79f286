import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { StringPool } from '../../src/parse/string-pool.js';

// Sharing cannot be seen from JavaScript (equal strings are ===), only in
// the heap: measure what stays live after a full collection. `gc` is exposed
// at run time so the suite needs no node flag.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap bytes still live after `run`, whose result is kept alive while measuring. */
function retainedBy(run: () => unknown): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = run();
  gc();
  const after = process.memoryUsage().heapUsed;
  expect(kept).toBeDefined();
  return after - before;
}

/** A fresh copy of a 1 KB string each call, as JSON.parse makes one for every event's log group. */
const freshCopy = (suffix: number): string => JSON.parse(`"${'x'.repeat(1000)}${String(suffix)}"`) as string;

const MB = 1024 * 1024;

describe('StringPool', () => {
  it('always answers with an equal string, also once full', () => {
    const pool = new StringPool(3);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 50; i++) expect(pool.intern(`s${String(i % 7)}`)).toBe(`s${String(i % 7)}`);
    }
  });

  it('keeps one copy of each value: 20,000 events of three 1 KB groups hold three strings, not 20 MB', () => {
    const pool = new StringPool();
    const held = retainedBy(() => Array.from({ length: 20_000 }, (_, i) => pool.intern(freshCopy(i % 3))));
    // Without pooling the array holds 20,000 copies: about 20 MB.
    expect(held).toBeLessThan(2 * MB);
  });

  it('holds at most its capacity: 5,000 distinct 1 KB values leave no more than a few behind', () => {
    const pool = new StringPool(10);
    const held = retainedBy(() => {
      for (let i = 0; i < 5_000; i++) pool.intern(freshCopy(i));
      return pool;
    });
    // An unbounded pool would keep all 5,000: about 5 MB.
    expect(held).toBeLessThan(1 * MB);
  });
});
