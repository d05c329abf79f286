/**
 * The log pane in the dashboard under a flood: the store is full, so every
 * batch that arrives pushes as many of the oldest lines out. A paused view
 * must stay on the lines the user reads, and count the new ones below.
 */
import { describe, expect, it } from 'vitest';
import type { DmsEvent } from '../../../src/events/types.js';
import { logEvent, T0 } from '../../support/events.js';
import { screenLines } from '../panes/support.js';
import { FakeDashboardSource } from './fake-sources.js';
import { runningEvents, sceneSnapshot } from './scenes.js';
import { press, renderDashboard } from './support.js';

/** Log lines `from` to `to` (exclusive), a second apart. */
const lines = (from: number, to: number): DmsEvent[] =>
  Array.from({ length: to - from }, (_, i) => logEvent(T0 + (from + i) * 1000, `line ${String(from + i)}`, { source: 'dms' }));

/** The log pane's rows between its border, without the status line. */
function logRows(app: Parameters<typeof screenLines>[0]): string[] {
  const screen = screenLines(app);
  const top = screen.findIndex((l) => l.includes(' Log '));
  const rows: string[] = [];
  for (const line of screen.slice(top + 1)) {
    const inner = line.replace(/^[│┃]/, '').replace(/[│┃]$/, '');
    if (/^[●‖]/.test(inner) || /^[╰┗]/.test(line)) break;
    rows.push(inner.trimEnd());
  }
  return rows;
}

/** The store's events after `batches` batches of `size` new lines, each pushing as many old ones out (capacity 200). */
function full(batches: number, size = 25): DmsEvent[] {
  return lines(batches * size, 200 + batches * size);
}

describe('the paused log under a flood that fills the store', () => {
  it('keeps showing the same lines while the oldest are evicted, and counts the new ones below', async () => {
    const all = lines(0, 300);
    const at = (k: number): DmsEvent[] => all.slice(k * 25, 200 + k * 25);
    const source = new FakeDashboardSource(sceneSnapshot(at(0)));
    const { app } = renderDashboard(source, { columns: 100, rows: 30 });
    await press(app, 'k', 'k');
    const before = logRows(app);
    expect(before.at(-1)).toContain('line 197');
    expect(app.plainFrame()).toContain('‖ paused');
    for (let k = 1; k <= 4; k++) {
      source.set({ events: at(k) });
      await press(app);
      expect(logRows(app)).toEqual(before);
      expect(app.plainFrame()).toContain(`‖ paused, ${String(25 * k)} new below`);
    }
    // j moves the view one line down, from where it is, not hundreds of lines away.
    await press(app, 'j');
    const after = logRows(app);
    expect(after.slice(0, -1)).toEqual(before.slice(1));
    expect(after.at(-1)).toContain('line 198');
    await press(app, 'G');
    expect(logRows(app).at(-1)).toContain('line 299');
    expect(app.plainFrame()).toContain('● follow');
  });

  it('stays put when the view was paused with f, and when a batch is evicted between two key presses', async () => {
    const source = new FakeDashboardSource(sceneSnapshot(full(0)));
    const { app } = renderDashboard(source, { columns: 100, rows: 30 });
    await press(app, 'f');
    const before = logRows(app);
    expect(before.at(-1)).toContain('line 199');
    source.set({ events: full(1) });
    await press(app, 'k');
    source.set({ events: full(2) });
    await press(app, 'j');
    expect(logRows(app)).toEqual(before);
    expect(app.plainFrame()).toContain('‖ paused, 50 new below');
  });

  it('draws one frame per update of the source, following or paused', async () => {
    const source = new FakeDashboardSource(sceneSnapshot(lines(0, 100)));
    const { app } = renderDashboard(source, { columns: 100, rows: 30 });
    await press(app);
    // Under the test's renderer every React commit writes a frame: a second render per update would show here.
    for (const batch of [1, 2, 3]) {
      const frames = app.frames.length;
      source.set({ events: lines(0, 100 + 10 * batch) });
      await press(app);
      expect(app.frames.length - frames).toBe(1);
    }
    await press(app, 'k');
    for (const batch of [4, 5]) {
      const frames = app.frames.length;
      source.set({ events: lines(10 * batch, 100 + 10 * batch) });
      await press(app);
      expect(app.frames.length - frames).toBe(1);
    }
  });

  it('draws nothing for a tick or a poll at rest that changes nothing on screen, and draws when the minute changes', async () => {
    // Running for 1m05s: its time reads 1m until 55 s from now.
    const first = sceneSnapshot(runningEvents(), { now: T0 + 7 * 60_000 + 65_000, lastPollAt: T0 + 7 * 60_000 + 63_000 });
    const source = new FakeDashboardSource(first);
    const { app } = renderDashboard(source, { columns: 100, rows: 30 });
    await press(app);
    const frames = app.frames.length;
    // Ticks every 10 s and polls every 15 s (a new copy of the same replication), for 50 s.
    for (let s = 10; s <= 50; s += 10) {
      source.set({ now: first.now + s * 1000, ...(s % 15 === 0 ? { lastPollAt: first.now + s * 1000, replication: { ...first.replication } } : {}) });
      await press(app);
    }
    expect(app.frames.length).toBe(frames);
    // A minute on: the running state's time reads one more minute.
    source.set({ now: first.now + 70_000 });
    await press(app);
    expect(app.frames.length).toBe(frames + 1);
  });
});
