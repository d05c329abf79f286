import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../src/sandbox/clock.js';

const manual = (onError: (err: unknown) => void = () => undefined): VirtualClock =>
  new VirtualClock({ startTime: 1_000_000, speed: 1, manual: true, onError });

describe('VirtualClock in manual mode', () => {
  it('runs timers in time order, each seeing its own time, and only when advanced', async () => {
    const clock = manual();
    const seen: [string, number][] = [];
    clock.after(3000, () => seen.push(['c', clock.now()]));
    clock.after(1000, () => seen.push(['a', clock.now()]));
    clock.at(1_002_000, () => seen.push(['b', clock.now()]));
    expect(seen).toEqual([]);
    await clock.advance(2500);
    expect(seen).toEqual([['a', 1_001_000], ['b', 1_002_000]]);
    expect(clock.now()).toBe(1_002_500);
    await clock.advance(500);
    expect(seen.map(([name]) => name)).toEqual(['a', 'b', 'c']);
  });

  it('repeats with every() until cancelled, and skips cancelled timers', async () => {
    const clock = manual();
    const ticks: number[] = [];
    const timer = clock.every(1000, () => ticks.push(clock.now()));
    const never = clock.after(500, () => ticks.push(-1));
    never.cancel();
    await clock.advance(3000);
    timer.cancel();
    await clock.advance(3000);
    expect(ticks).toEqual([1_001_000, 1_002_000, 1_003_000]);
  });

  it('runs timers scheduled by timers within the same advance', async () => {
    const clock = manual();
    const seen: number[] = [];
    clock.after(1000, () => clock.after(1000, () => seen.push(clock.now())));
    await clock.advance(5000);
    expect(seen).toEqual([1_002_000]);
  });

  it('reports a throwing timer and keeps running the others', async () => {
    const errors: unknown[] = [];
    const clock = manual((err) => errors.push(err));
    const ran: string[] = [];
    clock.after(1000, () => {
      throw new Error('boom');
    });
    clock.after(2000, () => ran.push('next'));
    await clock.advance(2000);
    expect((errors[0] as Error).message).toBe('boom');
    expect(ran).toEqual(['next']);
  });

  it('refuses to go backwards', async () => {
    await expect(manual().advance(-1)).rejects.toThrow(RangeError);
  });
});

describe('VirtualClock in real-time mode', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at speed x wall time', () => {
    vi.useFakeTimers({ now: 0 });
    const clock = new VirtualClock({ startTime: 5_000_000, speed: 10, manual: false, onError: () => undefined });
    const fired: number[] = [];
    clock.after(1000, () => fired.push(clock.now()));
    vi.advanceTimersByTime(99);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([5_001_000]);
    expect(clock.now()).toBe(5_001_000);
    clock.stop();
  });

  it('stops firing after stop()', () => {
    vi.useFakeTimers({ now: 0 });
    const clock = new VirtualClock({ startTime: 0, speed: 1, manual: false, onError: () => undefined });
    const fired: number[] = [];
    clock.every(100, () => fired.push(1));
    vi.advanceTimersByTime(250);
    clock.stop();
    vi.advanceTimersByTime(1000);
    expect(fired).toHaveLength(2);
  });
});
