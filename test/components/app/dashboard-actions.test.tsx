import { describe, expect, it } from 'vitest';
import { createKeymap } from '../../../components/keys/keymap.js';
import { FakeDashboardSource } from './fake-sources.js';
import { failedEvents, runningEvents, sceneSnapshot } from './scenes.js';
import { ENTER, ESC, press, renderDashboard } from './support.js';
import { expectFits, screenLines } from '../panes/support.js';

const running = (): FakeDashboardSource => new FakeDashboardSource(sceneSnapshot(runningEvents()));
const failed = (): FakeDashboardSource => new FakeDashboardSource(sceneSnapshot(failedEvents()));

describe('stop confirmation', () => {
  it('x opens a confirmation naming the replication and the action, over panes that keep updating', async () => {
    const source = running();
    const { app } = renderDashboard(source, { columns: 120, rows: 36 });
    await press(app, 'x');
    expect(app.plainFrame()).toContain('Stop replication orders-cdc? y/N');
    expect(app.plainFrame()).toContain('n Esc Enter no (the default)');
    expect(screenLines(app).at(-1)).toBe('q quit  y yes  n no');
    expectFits(app, 120, 35);
    source.set({ replication: { ...source.getSnapshot().replication, status: 'running', provisionedCapacityUnits: 16 } });
    await press(app);
    expect(screenLines(app)[0]).toContain('16 DCU');
    expect(app.plainFrame()).toContain('Stop replication orders-cdc? y/N');
  });

  it.each([
    ['n', 'n'],
    ['Esc', ESC],
    ['Enter (the default is No)', ENTER],
  ])('%s closes it without a call', async (_name, key) => {
    const source = running();
    const { app } = renderDashboard(source);
    await press(app, 'x', key);
    expect(app.plainFrame()).not.toContain('Stop replication');
    await press(app, 'y');
    expect(source.stops).toBe(0);
  });

  it.each([
    ['y', ['x', 'y']],
    ['yy typed fast (one input)', ['x', 'yy']],
    ['y pressed twice', ['x', 'y', 'y']],
    ['xyy in one input', ['xyy']],
    ['x pressed twice, then y twice', ['x', 'x', 'y', 'y']],
  ])('%s makes exactly one stop call', async (_name, inputs) => {
    const source = running();
    const { app } = renderDashboard(source);
    await press(app, ...inputs);
    expect(source.stops).toBe(1);
    expect(source.starts).toEqual([]);
    expect(app.plainFrame()).not.toContain('Stop replication');
  });

  it('makes no call when the replication can no longer be stopped, and says why', async () => {
    const source = running();
    const { app } = renderDashboard(source);
    await press(app, 'x');
    source.set({ canStop: false, replication: { ...source.getSnapshot().replication, status: 'stopped' } });
    await press(app, 'y');
    expect(source.stops).toBe(0);
    expect(screenLines(app)[2]).toBe('Not stopped: orders-cdc is stopped now.');
  });
});

describe('start', () => {
  it('with several start types, chooses one, then confirms it', async () => {
    const source = failed();
    const { app } = renderDashboard(source);
    await press(app, 's');
    expect(app.plainFrame()).toContain('Start orders-cdc: how?');
    expect(app.plainFrame()).toMatch(/▶ resume-processing +go on from where it stopped/);
    expect(app.plainFrame()).toContain('reload-target  load every table again, then replicate');
    await press(app, 'j', ENTER);
    expect(app.plainFrame()).toContain('Start replication orders-cdc (reload-target)? y/N');
    await press(app, 'yy');
    expect(source.starts).toEqual(['reload-target']);
  });

  it('with one start type, goes straight to the confirmation', async () => {
    const source = new FakeDashboardSource(sceneSnapshot(failedEvents(), { startTypes: ['start-replication'] }));
    const { app } = renderDashboard(source);
    await press(app, 's');
    expect(app.plainFrame()).toContain('Start replication orders-cdc (start-replication)? y/N');
    await press(app, 'y');
    expect(source.starts).toEqual(['start-replication']);
  });

  it('Esc closes the start types without a call', async () => {
    const source = failed();
    const { app } = renderDashboard(source);
    await press(app, 's', ESC, 'y');
    expect(app.plainFrame()).not.toContain('how?');
    expect(source.starts).toEqual([]);
  });

  it('is not offered while the replication runs, nor stop while it cannot stop', async () => {
    const source = running();
    const { app } = renderDashboard(source);
    expect(screenLines(app).at(-1)).toContain('x stop');
    expect(screenLines(app).at(-1)).not.toContain('s start');
    await press(app, 's', 'y');
    expect(source.starts).toEqual([]);
    const stopped = failed();
    const other = renderDashboard(stopped).app;
    await press(other, 'x', 'y');
    expect(stopped.stops).toBe(0);
  });
});

describe('dialogs at the smallest size', () => {
  it('fit a 60x16 terminal, with a long name cut', async () => {
    const source = new FakeDashboardSource(sceneSnapshot(failedEvents(), { name: 'a-very-long-replication-name-that-goes-on-and-on-for-ever' }));
    const { app } = renderDashboard(source, { columns: 60, rows: 16 });
    await press(app, 's');
    expect(app.plainFrame()).toContain('resume-processing');
    expectFits(app, 60, 15);
    await press(app, ENTER);
    expect(app.plainFrame()).toContain('Start replication a-very-long');
    expectFits(app, 60, 15);
    await press(app, 'n');
    expect(source.starts).toEqual([]);
  });
});

describe('read-only', () => {
  it('shows neither start nor stop in the footer or help, and ignores s and x', async () => {
    for (const source of [running(), failed()]) {
      const { app } = renderDashboard(source, { readOnly: true, rows: 60 });
      await press(app);
      expect(screenLines(app).at(-1)).not.toMatch(/start|stop/);
      await press(app, 'x', 'y', 's', ENTER, 'y');
      expect(app.plainFrame()).not.toContain('y/N');
      expect(source.stops).toBe(0);
      expect(source.starts).toEqual([]);
      await press(app, '?');
      expect(app.plainFrame()).toContain('Keys (Esc or ? to close)');
      expect(app.plainFrame()).not.toContain('Stop the replication');
      expect(app.plainFrame()).not.toContain('Start the replication');
      app.unmount();
    }
  });
});

describe('help', () => {
  it('lists every command that can apply on the dashboard, and closes with Esc', async () => {
    const { app } = renderDashboard(running(), { rows: 70 });
    await press(app, '?');
    const frame = app.plainFrame();
    for (const section of createKeymap().helpSections('dashboard')) {
      for (const row of section.rows) expect(frame, row.id).toContain(row.description);
    }
    expect(frame).not.toContain('Open the selected replication');
    await press(app, ESC);
    expect(app.plainFrame()).not.toContain('Keys (Esc or ? to close)');
  });

  it('fits a small terminal, saying more keys exist', async () => {
    const { app } = renderDashboard(running(), { columns: 60, rows: 16 });
    await press(app, '?');
    expect(app.plainFrame()).toContain('more keys');
    expectFits(app, 60, 15);
  });
});
