import { describe, expect, it, vi } from 'vitest';
import { FakeDashboardSource, T0 } from './fake-sources.js';
import { failedEvents, runningEvents, sceneSnapshot } from './scenes.js';
import { ESC, press, renderDashboard, SHIFT_TAB, TAB } from './support.js';
import { expectFits, screenLines } from '../panes/support.js';
import { logEvent } from '../../support/events.js';

describe('dashboard layout', () => {
  it.each([
    [160, 48],
    [140, 30],
    [120, 16],
    [119, 40],
    [90, 24],
    [60, 16],
  ])('at %i x %i draws a whole frame one row shorter than the terminal, colour on and off', async (columns, rows) => {
    for (const color of [false, true]) {
      for (const events of [runningEvents(), failedEvents()]) {
        const { app } = renderDashboard(new FakeDashboardSource(sceneSnapshot(events)), { columns, rows, color });
        await press(app);
        const lines = screenLines(app);
        expect(lines).toHaveLength(rows - 1);
        expectFits(app, columns, rows - 1);
        expect(lines[0]).toMatch(/^orders-cdc eu-central-1/);
        expect(lines.at(-1)).toMatch(/^q quit/);
        app.unmount();
      }
    }
  });

  it('stands timeline and connections side by side when wide, and stacks them when narrow', async () => {
    const wide = renderDashboard(new FakeDashboardSource(sceneSnapshot(runningEvents())), { columns: 140, rows: 40 }).app;
    await press(wide);
    expect(screenLines(wide).find((l) => l.includes('State timeline'))).toMatch(/State timeline .*PostgreSQL connections/);
    const narrow = renderDashboard(new FakeDashboardSource(sceneSnapshot(runningEvents())), { columns: 100, rows: 40 }).app;
    await press(narrow);
    const lines = screenLines(narrow);
    const timeline = lines.findIndex((l) => l.includes('State timeline'));
    const connections = lines.findIndex((l) => l.includes('PostgreSQL connections'));
    const log = lines.findIndex((l) => l.includes(' Log '));
    expect(timeline).toBeGreaterThan(0);
    expect(connections).toBeGreaterThan(timeline);
    expect(log).toBeGreaterThan(connections);
  });

  it('says the terminal is too small, and how big it must be, below 60x16', async () => {
    const { app, onQuit } = renderDashboard(new FakeDashboardSource(sceneSnapshot(runningEvents())), { columns: 100, rows: 12 });
    await press(app);
    expect(app.plainFrame().trim()).toBe('The terminal is too small (100×12): dms-live needs at least 60×16.');
    await press(app, 'x', 'y', 'q');
    expect(onQuit).toHaveBeenCalledTimes(1);
  });

  it('puts the failure card above the panes, with the message and its hint, and dismisses it with d', async () => {
    const { app } = renderDashboard(new FakeDashboardSource(sceneSnapshot(failedEvents())), { columns: 140, rows: 40 });
    await press(app);
    const lines = screenLines(app);
    const card = lines.findIndex((l) => l.includes('✗ 2 failures'));
    expect(card).toBe(4);
    expect(lines[card]).toMatch(/d dismiss/);
    expect(app.plainFrame()).toContain('Test connection for the source endpoint failed.');
    expect(app.plainFrame()).toMatch(/→ PostgreSQL received the connection but refused the login/);
    expect(lines.findIndex((l) => l.includes('State timeline'))).toBeGreaterThan(card);
    expect(lines.at(-1)).toContain('d dismiss');
    await press(app, 'd');
    expect(app.plainFrame()).not.toContain('failures');
    expect(screenLines(app).at(-1)).not.toContain('dismiss');
    expect(screenLines(app)).toHaveLength(39);
  });

  it('keeps a whole frame across resizes', async () => {
    const source = new FakeDashboardSource(sceneSnapshot(failedEvents()));
    const { app } = renderDashboard(source, { columns: 140, rows: 40 });
    await press(app);
    for (const [columns, rows] of [[90, 20], [50, 10], [160, 45]] as const) {
      app.rerender(
        // The app passes the terminal's size down; here the test does, as useTerminalSize would after a resize.
        (await import('./support.js')).dashboardElement(source, { columns, rows }),
      );
      app.resize(columns, rows);
      await press(app);
      expectFits(app, columns, rows - 1);
    }
  });
});

describe('dashboard notices', () => {
  it('shows the launch hint until the first key press', async () => {
    const { app } = renderDashboard(new FakeDashboardSource(sceneSnapshot(runningEvents())), { hint: 'try x to stop it, then s to start it again' });
    await press(app);
    expect(screenLines(app)[2]).toBe('→ try x to stop it, then s to start it again');
    await press(app, 'w');
    expect(screenLines(app)[2]).toBe('');
  });

  it('keeps the hint however fast the source clock runs (the demo plays at 10x), until a key is pressed', async () => {
    const source = new FakeDashboardSource(sceneSnapshot(runningEvents()));
    const { app } = renderDashboard(source, { hint: 'try x' });
    await press(app);
    const before = screenLines(app).join('\n');
    source.set({ now: source.getSnapshot().now + 10 * 60_000 });
    // The frame moved on (elapsed times, the poll's age) and the hint is still there.
    await vi.waitFor(() => {
      expect(screenLines(app).join('\n')).not.toBe(before);
    });
    expect(screenLines(app)[2]).toBe('→ try x');
  });

  it('shows the last action by its phase, and a fatal error that stays', async () => {
    const source = new FakeDashboardSource(sceneSnapshot(runningEvents()));
    const { app } = renderDashboard(source);
    const at = source.getSnapshot().now;
    source.set({ action: { name: 'stop', phase: 'sending', message: 'stop sent', at } });
    await vi.waitFor(() => {
      expect(screenLines(app)[2]).toBe('◌ stop sent');
    });
    source.set({ action: { name: 'stop', phase: 'failed', message: 'not allowed to call dms:StopReplication: add it to the policy', at: at + 1 } });
    await vi.waitFor(() => {
      expect(screenLines(app)[2]).toBe('✗ not allowed to call dms:StopReplication: add it to the policy');
    });
    expect(screenLines(app)[1]).toContain('✗ stop failed');
    source.set({ fatal: 'not allowed to call logs:DescribeLogGroups: add it to the policy of profile default' });
    await vi.waitFor(() => {
      expect(screenLines(app)[2]).toBe('✗ not allowed to call logs:DescribeLogGroups: add it to the policy of profile default');
    });
  });

  it('exports with e and shows the path, or the one-line error', async () => {
    const source = new FakeDashboardSource(sceneSnapshot(runningEvents()));
    const { app } = renderDashboard(source);
    await press(app, 'e', 'e');
    expect(screenLines(app)[2]).toBe("Exporting this session's events…");
    expect(source.exports).toHaveLength(1);
    source.exports[0]?.resolve({ path: '/home/me/dms-live-orders-cdc-20240803T144400Z.ndjson', count: 1234 });
    await vi.waitFor(() => {
      expect(screenLines(app)[2]).toBe('Exported 1,234 events to /home/me/dms-live-orders-cdc-20240803T144400Z.ndjson');
    });
    await press(app, 'e');
    source.exports[1]?.reject(new Error('cannot write /home/me/x.ndjson: permission denied (EACCES); export from a directory you can write to'));
    await vi.waitFor(() => {
      expect(screenLines(app)[2]).toBe('cannot write /home/me/x.ndjson: permission denied (EACCES); export from a directory you can write to');
    });
  });
});

describe('dashboard keys', () => {
  it('moves the focus with Tab and Shift-Tab, the focused border heavy without colour', async () => {
    const { app } = renderDashboard(new FakeDashboardSource(sceneSnapshot(runningEvents())), { columns: 100, rows: 40 });
    await press(app);
    const heavyTitle = (): string | undefined => screenLines(app).find((l) => l.startsWith('┏'));
    expect(heavyTitle()).toMatch(/^┏━ Log ━/);
    await press(app, TAB);
    expect(heavyTitle()).toMatch(/^┏━ State timeline ━/);
    await press(app, TAB);
    expect(heavyTitle()).toMatch(/^┏━ PostgreSQL connections ━/);
    await press(app, SHIFT_TAB, SHIFT_TAB);
    expect(heavyTitle()).toMatch(/^┏━ Log ━/);
  });

  it('colours the focused border with the focus token', async () => {
    const { app } = renderDashboard(new FakeDashboardSource(sceneSnapshot(runningEvents())), { columns: 100, rows: 40, color: true });
    await press(app);
    // Cyan (SGR 36) is border.focused; the idle borders are gray (90).
    const logTop = app.lastFrame().split('\n').find((l) => l.includes(' Log '));
    expect(logTop).toContain('\u001b[36m╭─');
    const timelineTop = app.lastFrame().split('\n').find((l) => l.includes('State timeline'));
    expect(timelineTop).toContain('\u001b[90m╭─');
  });

  it('scrolls the log with k, j, g and G, and follows again at the newest line', async () => {
    const { app } = renderDashboard(new FakeDashboardSource(sceneSnapshot(runningEvents())), { columns: 100, rows: 30 });
    await press(app);
    const last = (): string => screenLines(app).filter((l) => l.startsWith('┃')).at(-2) ?? '';
    expect(last()).toContain('checkpoint 39 complete');
    await press(app, 'kk');
    expect(last()).toContain('checkpoint 37 complete');
    expect(app.plainFrame()).toContain('‖ paused');
    await press(app, 'j');
    expect(last()).toContain('checkpoint 38 complete');
    await press(app, 'g');
    expect(app.plainFrame()).toContain('initializing:');
    await press(app, 'G');
    expect(last()).toContain('checkpoint 39 complete');
    expect(app.plainFrame()).toContain('● follow');
  });

  it('filters the log with /, shows an invalid pattern as it is typed, and keeps the filter on Enter', async () => {
    const { app } = renderDashboard(new FakeDashboardSource(sceneSnapshot(runningEvents())), { columns: 100, rows: 30 });
    await press(app, '/', '/(x/');
    expect(screenLines(app).at(-1)).toMatch(/^filter: \/\(x\/ +invalid filter \/\(x\/: missing closing \)/);
    await press(app, '\x7f', '\x7f\x7f\x7f', 'checkpoint 1\r');
    expect(app.plainFrame()).toContain('filter checkpoint 1');
    expect(app.plainFrame()).toContain('11/49 lines');
    expect(app.plainFrame()).not.toContain('checkpoint 20 complete');
    await press(app, '/', ESC);
    expect(app.plainFrame()).toContain('filter checkpoint 1');
  });

  it('jumps to the next and previous highlighted match with N and n', async () => {
    const { app } = renderDashboard(new FakeDashboardSource(sceneSnapshot(runningEvents())), { columns: 100, rows: 30 });
    await press(app, 'h', 'checkpoint 3 complete\r');
    expect(app.plainFrame()).toContain('1 highlighted');
    await press(app, 'N');
    const bottom = (): string => screenLines(app).filter((l) => l.startsWith('┃')).at(-2) ?? '';
    expect(bottom()).toContain('checkpoint 3 complete');
    await press(app, 'N');
    expect(screenLines(app)[2]).toBe('No match above for checkpoint 3 complete.');
    await press(app, 'h', 'initializing\r', 'N');
    // The oldest line cannot be the bottom one: the first page shows it.
    expect(app.plainFrame()).toContain('14:44:00 dms  initializing:');
    await press(app, 'n');
    expect(bottom()).toContain('checkpoint 3 complete');
  });

  it('says what n looks for when nothing is highlighted or filtered', async () => {
    const { app } = renderDashboard(new FakeDashboardSource(sceneSnapshot(runningEvents())), { columns: 100, rows: 30 });
    await press(app, 'n');
    expect(screenLines(app)[2]).toBe('Nothing to look for: highlight a term with h, or filter with /.');
  });

  it('toggles follow, wrap and UTC', async () => {
    const { app } = renderDashboard(new FakeDashboardSource(sceneSnapshot(runningEvents())), { columns: 100, rows: 30 });
    await press(app, 'f');
    expect(app.plainFrame()).toContain('‖ paused');
    await press(app, 'w');
    expect(app.plainFrame()).toContain('wrap');
    await press(app, 't');
    expect(screenLines(app)[1]).toContain('times UTC');
    expect(app.plainFrame()).toContain('14:52:39 pg   checkpoint 39 complete');
  });

  it('refreshes with r, and goes back with Esc only when it came from the picker', async () => {
    const source = new FakeDashboardSource(sceneSnapshot(runningEvents()));
    const direct = renderDashboard(source);
    await press(direct.app, 'r', ESC);
    expect(source.refreshes).toBe(1);
    expect(direct.onBack).not.toHaveBeenCalled();
    const fromPicker = renderDashboard(source, { canGoBack: true });
    await press(fromPicker.app, ESC);
    expect(fromPicker.onBack).toHaveBeenCalledTimes(1);
    await press(fromPicker.app, 'q');
    expect(fromPicker.onQuit).toHaveBeenCalledTimes(1);
  });

  it('scrolls the timeline when it has the focus', async () => {
    const many = Array.from({ length: 30 }, (_, i) => logEvent(T0 + i, `line ${String(i)}`));
    const { app } = renderDashboard(new FakeDashboardSource(sceneSnapshot([...runningEvents(), ...many])), { columns: 100, rows: 24 });
    await press(app);
    expect(app.plainFrame()).not.toContain('initializing ');
    await press(app, TAB, 'g');
    expect(app.plainFrame()).toContain('✓ initializing');
  });
});
