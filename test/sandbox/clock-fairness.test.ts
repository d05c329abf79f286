import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../src/sandbox/clock.js';

/**
 * The clock must never starve the event loop: a turn runs a bounded batch of
 * due timers, then lets I/O (HTTP, signals) in; a timer far away never asks
 * Node for a delay above 2^31-1 ms (Node warns, then fires at once: a busy
 * loop); and when timers cannot keep up, virtual time waits for them instead
 * of running ahead with an ever-growing backlog.
 */

const clocks: VirtualClock[] = [];
afterEach(() => {
  for (const clock of clocks.splice(0)) clock.stop();
  vi.restoreAllMocks();
});

function clockOf(options: Partial<ConstructorParameters<typeof VirtualClock>[0]>): VirtualClock {
  const clock = new VirtualClock({ startTime: 1_000_000, speed: 1, manual: true, onError: () => undefined, ...options });
  clocks.push(clock);
  return clock;
}

const max = (values: readonly number[]): number => values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);

/** Resolves on the next turn of the event loop's check phase, as socket callbacks would get theirs. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('VirtualClock lets I/O in between batches of timers', () => {
  it('advance() yields to the event loop while it runs many timers', async () => {
    const clock = clockOf({ manual: true });
    let ran = 0;
    for (let i = 1; i <= 5000; i++) clock.after(i, () => { ran++; });
    const seenByIo: number[] = [];
    const probe = (): void => {
      seenByIo.push(ran);
      if (ran < 5000) setImmediate(probe);
    };
    setImmediate(probe);
    await clock.advance(10_000);
    expect(ran).toBe(5000);
    expect(seenByIo.some((n) => n > 0 && n < 5000)).toBe(true);
    expect(max(seenByIo.slice(1).map((n, i) => n - (seenByIo[i] ?? 0)))).toBeLessThanOrEqual(1000);
  });

  it('in real time, a backlog of due timers runs in batches of at most 1000 per turn', async () => {
    const clock = clockOf({ manual: false, startTime: Date.now(), speed: 1 });
    let ran = 0;
    for (let i = 0; i < 5000; i++) clock.at(clock.now() - 1, () => { ran++; });
    const seenByIo: number[] = [];
    while (ran < 5000) {
      await nextTurn();
      seenByIo.push(ran);
    }
    const steps = seenByIo.map((n, i) => n - (i === 0 ? 0 : (seenByIo[i - 1] ?? 0)));
    expect(max(steps)).toBeLessThanOrEqual(1000);
  });

  it('never asks setTimeout for more than 2^31-1 ms, however slow or far away', () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const clock = clockOf({ manual: false, startTime: Date.now(), speed: 0.1 });
    clock.after(10 * 365 * 24 * 3600 * 1000, () => undefined);
    const delays = spy.mock.calls.map((call) => call[1] ?? 0);
    expect(delays.length).toBeGreaterThan(0);
    expect(max(delays)).toBeLessThanOrEqual(2 ** 31 - 1);
  });

  it('when timers cannot keep up, virtual time waits for them: the lag stays bounded', async () => {
    // Each tick costs one more wall millisecond than it takes, 1000 virtual ones at speed 1000: ten times a 100 ms tick's share.
    let cost = 0;
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + cost);
    const clock = clockOf({ manual: false, startTime: 0, speed: 1000 });
    const ticks: number[] = [];
    clock.every(100, () => {
      ticks.push(clock.now());
      cost += 1;
    });
    const lags: number[] = [];
    const perTurn: number[] = [];
    let before = 0;
    while (ticks.length < 3000) {
      await nextTurn();
      lags.push(clock.now() - (ticks[ticks.length - 1] ?? 0));
      perTurn.push(ticks.length - before);
      before = ticks.length;
    }
    clock.stop();
    // While behind, time stays with the timers; between turns it follows the wall again for as long as a busy
    // machine takes to come back to them: 100 wall ms is generous. Before, the lag grew tenfold a turn.
    expect(max(perTurn)).toBeLessThanOrEqual(1000);
    expect(max(lags)).toBeLessThanOrEqual(100_000);
    // Time still moves: every tick ran, in order, 100 virtual ms apart.
    expect(ticks.slice(1).every((t, i) => t >= (ticks[i] ?? 0))).toBe(true);
  });

  it('refuses a repeating timer without an interval (it would run forever in one instant)', () => {
    const clock = clockOf({ manual: true });
    expect(() => clock.every(0, () => undefined)).toThrow(RangeError);
  });

  it('forgets cancelled timers at once, so closed sessions leave nothing behind', () => {
    const clock = clockOf({ manual: true });
    const timers = Array.from({ length: 100 }, (_, i) => clock.after(3 * 60 * 60 * 1000 + i, () => undefined));
    const repeating = clock.every(1000, () => undefined);
    expect(clock.pendingTimers).toBe(101);
    for (const timer of timers) timer.cancel();
    repeating.cancel();
    expect(clock.pendingTimers).toBe(0);
  });
});
