import { describe, expect, it } from 'vitest';
import type { DmsEvent } from '../../src/events/types.js';
import { OrderedRelease } from '../../src/watch/ordered-release.js';
import { ManualClock } from '../support/manual-clock.js';
import { logEvent } from '../support/events.js';

function setUp(maxHeld?: number) {
  const clock = new ManualClock(Date.UTC(2024, 4, 1, 7, 16, 0));
  const written: DmsEvent[] = [];
  let gap = false;
  const release = new OrderedRelease({
    clock,
    gapOpen: () => gap,
    emit: (events) => written.push(...events),
    holdMs: 500,
    ...(maxHeld === undefined ? {} : { maxHeld }),
  });
  return { clock, release, written: () => written.map((e) => e.text), setGap: (open: boolean) => (gap = open) };
}

describe('OrderedRelease', () => {
  it('writes events that arrive out of order in time order after a short hold', async () => {
    const { clock, release, written } = setUp();
    release.push([logEvent(3, 'c'), logEvent(1, 'a')]);
    await clock.advance(200);
    release.push([logEvent(2, 'b')]);
    expect(written()).toEqual([]);
    await clock.advance(300);
    expect(written()).toEqual(['a', 'b', 'c']);
  });

  it('holds everything while a reconnect backfills its gap, then writes the backfill in its place', async () => {
    const { clock, release, written, setGap } = setUp();
    release.push([logEvent(10, 'before')]);
    await clock.advance(500);
    setGap(true);
    release.push([logEvent(40, 'live after reconnect')]);
    await clock.advance(5_000);
    expect(written()).toEqual(['before']);
    release.push([logEvent(20, 'backfilled 1'), logEvent(30, 'backfilled 2')]);
    setGap(false);
    await clock.advance(500);
    expect(written()).toEqual(['before', 'backfilled 1', 'backfilled 2', 'live after reconnect']);
  });

  it('keeps arrival order for equal times and never drops a straggler', async () => {
    const { clock, release, written } = setUp();
    release.push([logEvent(5, 'first'), logEvent(5, 'second')]);
    await clock.advance(500);
    release.push([logEvent(1, 'late')]);
    await clock.advance(500);
    expect(written()).toEqual(['first', 'second', 'late']);
  });

  it('stops holding when a gap stays open too long (a reconnect that keeps failing must not hide what happens)', async () => {
    const { clock, release, written, setGap } = setUp();
    setGap(true);
    release.push([logEvent(1, 'reconnecting')]);
    await clock.advance(14_000);
    expect(written()).toEqual([]);
    await clock.advance(2_000);
    expect(written()).toEqual(['reconnecting']);
  });

  it('stays bounded when a gap never closes', async () => {
    const { clock, release, written, setGap } = setUp(3);
    setGap(true);
    release.push([logEvent(1, 'a'), logEvent(2, 'b')]);
    await clock.advance(10_000);
    expect(written()).toEqual([]);
    release.push([logEvent(3, 'c')]);
    expect(written()).toEqual(['a', 'b', 'c']);
    expect(release.heldCount).toBe(0);
  });

  it('flush writes what is held at once, and stop leaves no timer', () => {
    const { clock, release, written } = setUp();
    release.push([logEvent(2, 'b'), logEvent(1, 'a')]);
    release.flush();
    expect(written()).toEqual(['a', 'b']);
    release.push([logEvent(3, 'c')]);
    release.stop();
    expect(clock.pending()).toBe(0);
  });
});
