import { describe, expect, it } from 'vitest';
import { FrameBatcher } from '../../src/watch/frame-batcher.js';
import { ManualClock } from '../support/manual-clock.js';

/** FrameBatcher (src/watch/frame-batcher.ts): how LiveModel and FleetModel announce changes to the dashboard. */

function batcher(tickMs?: () => number | undefined) {
  const clock = new ManualClock(0);
  let builds = 0;
  let state = 'a';
  const b = new FrameBatcher({
    clock,
    build: (version) => {
      builds++;
      return { version, state };
    },
    ...(tickMs === undefined ? {} : { tickMs }),
  });
  let heard = 0;
  b.subscribe(() => heard++);
  return {
    b,
    clock,
    heard: () => heard,
    builds: () => builds,
    set: (s: string) => {
      state = s;
      b.changed();
    },
  };
}

describe('FrameBatcher', () => {
  it('announces any number of changes within a frame once, and at most once per 100 ms', async () => {
    const { b, clock, heard, set } = batcher();
    for (let i = 0; i < 1000; i++) set(`s${String(i)}`);
    expect(heard()).toBe(0);
    await clock.advance(0);
    expect(heard()).toBe(1);
    expect(b.getSnapshot()).toEqual({ version: 1, state: 's999' });
    // A change 10 ms later waits for the frame to end.
    await clock.advance(10);
    set('late');
    await clock.advance(89);
    expect(heard()).toBe(1);
    await clock.advance(1);
    expect(heard()).toBe(2);
    expect(b.getSnapshot().state).toBe('late');
  });

  it('builds each version once, when first asked, and returns the same object until the next announcement', async () => {
    const { b, clock, builds, set } = batcher();
    set('x');
    await clock.advance(0);
    expect(builds()).toBe(0);
    const one = b.getSnapshot();
    expect(b.getSnapshot()).toBe(one);
    expect(builds()).toBe(1);
    // A change not yet announced is not seen.
    set('y');
    expect(b.getSnapshot()).toBe(one);
    await clock.advance(100);
    expect(b.getSnapshot()).not.toBe(one);
    expect(builds()).toBe(2);
  });

  it('announces nothing while nothing changes, and ticks only when the source rests that long', async () => {
    let every: number | undefined = 1000;
    const { b, clock, heard, set } = batcher(() => every);
    await clock.advance(5000);
    expect(heard()).toBe(0);
    b.start();
    await clock.advance(999);
    expect(heard()).toBe(0);
    await clock.advance(1);
    expect(heard()).toBe(1);
    // Changes every 500 ms keep `now` moving: no tick in between.
    for (let i = 0; i < 4; i++) {
      set(`s${String(i)}`);
      await clock.advance(500);
    }
    expect(heard()).toBe(5);
    // At rest the tick slows down: the one due 1 s after the last change fires, the next 10 s after it.
    every = 10_000;
    await clock.advance(499);
    expect(heard()).toBe(5);
    await clock.advance(1);
    expect(heard()).toBe(6);
    await clock.advance(9999);
    expect(heard()).toBe(6);
    await clock.advance(1);
    expect(heard()).toBe(7);
  });

  it('leaves no timer once closed, and announces nothing after', async () => {
    const { b, clock, heard, set } = batcher(() => 1000);
    b.start();
    set('x');
    b.close();
    expect(clock.pending()).toBe(0);
    set('y');
    await clock.advance(10_000);
    expect(heard()).toBe(0);
    expect(clock.pending()).toBe(0);
  });

  it('stops telling a listener that unsubscribed', async () => {
    const { b, clock, set } = batcher();
    let mine = 0;
    const off = b.subscribe(() => mine++);
    set('x');
    await clock.advance(0);
    off();
    set('y');
    await clock.advance(100);
    expect(mine).toBe(1);
  });
});
