import { describe, expect, it } from 'vitest';
import { Backoff } from '../../src/sources/backoff.js';

describe('Backoff', () => {
  it('doubles the ceiling per attempt up to the cap (random near 1 shows the ceiling)', () => {
    const b = new Backoff({ baseMs: 100, maxMs: 1000, random: () => 0.999999 });
    const waits = Array.from({ length: 6 }, () => b.next());
    expect(waits).toEqual([99, 199, 399, 799, 999, 999]);
    expect(b.attempt).toBe(6);
  });

  it('draws every wait from [0, ceiling): full jitter', () => {
    const values = [0, 0.5, 0.25];
    let i = 0;
    const b = new Backoff({ baseMs: 1000, maxMs: 60_000, random: () => values[i++] ?? 0 });
    expect(b.next()).toBe(0);
    expect(b.next()).toBe(1000);
    expect(b.next()).toBe(1000);
  });

  it('never exceeds the cap, even after many attempts', () => {
    const b = new Backoff({ baseMs: 500, maxMs: 30_000 });
    for (let k = 0; k < 2000; k += 1) {
      const w = b.next();
      expect(w).toBeGreaterThanOrEqual(0);
      expect(w).toBeLessThan(30_000);
    }
    expect(b.ceilingMs).toBe(30_000);
  });

  it('reset starts over from the base', () => {
    const b = new Backoff({ baseMs: 100, maxMs: 10_000, random: () => 0.999999 });
    b.next();
    b.next();
    b.next();
    b.reset();
    expect(b.attempt).toBe(0);
    expect(b.next()).toBe(99);
  });

  it('rejects a cap below the base', () => {
    expect(() => new Backoff({ baseMs: 100, maxMs: 10 })).toThrow(RangeError);
    expect(() => new Backoff({ baseMs: 0, maxMs: 10 })).toThrow(RangeError);
  });
});
