import { describe, expect, it, vi } from 'vitest';
import { App } from '../../../components/app/app.js';
import { renderAt } from '../render-at.js';
import { expectFits, screenLines } from '../panes/support.js';
import { FakeDashboardSource, FakeFleetSource, fakeLaunch, listed } from './fake-sources.js';
import { failedEvents, runningEvents, sceneSnapshot } from './scenes.js';
import { ENTER, ESC, press } from './support.js';

const FLEET = [listed('orders-cdc', 'running'), listed('billing-load', 'stopped'), listed('audit-sync', 'failed')];

function withFleet() {
  const fleet = new FakeFleetSource({ replications: FLEET, lastPollAt: 0 });
  const fake = fakeLaunch({ fleet });
  const onExit = vi.fn();
  const app = renderAt(<App launch={fake.launch} onExit={onExit} />, { columns: 120, rows: 30 });
  return { fleet, ...fake, onExit, app };
}

describe('App with a replication named', () => {
  it('opens its dashboard at once, with the hint, and quits with 0 without closing what the launcher opened', async () => {
    const initial = new FakeDashboardSource(sceneSnapshot(runningEvents()));
    const onExit = vi.fn();
    const { launch } = fakeLaunch({ initial, hint: 'try x to stop it' });
    const app = renderAt(<App launch={launch} onExit={onExit} />, { columns: 120, rows: 30 });
    await press(app);
    expect(screenLines(app)[0]).toMatch(/^orders-cdc eu-central-1 +RUNNING/);
    expect(screenLines(app)[2]).toBe('→ try x to stop it');
    await press(app, ESC);
    expect(screenLines(app)[0]).toMatch(/^orders-cdc/);
    await press(app, 'q', 'q');
    await vi.waitFor(() => {
      expect(onExit).toHaveBeenCalledWith(0);
    });
    expect(onExit).toHaveBeenCalledTimes(1);
    expect(initial.closes).toBe(0);
  });

  it('quits on Ctrl-C too', async () => {
    const onExit = vi.fn();
    const app = renderAt(<App launch={fakeLaunch({ initial: new FakeDashboardSource() }).launch} onExit={onExit} />, { columns: 100, rows: 24 });
    await press(app, '\x03');
    await vi.waitFor(() => {
      expect(onExit).toHaveBeenCalledWith(0);
    });
  });

  it('keeps a whole frame, one row shorter than the terminal, across resizes', async () => {
    const initial = new FakeDashboardSource(sceneSnapshot(failedEvents()));
    const app = renderAt(<App launch={fakeLaunch({ initial }).launch} onExit={() => undefined} />, { columns: 140, rows: 40 });
    await press(app);
    expectFits(app, 140, 39);
    for (const [columns, rows] of [[100, 24], [40, 10], [130, 20], [80, 50]] as const) {
      app.resize(columns, rows);
      // The new size reaches React after Ink's own redraw of the old frame; the frame that follows fits.
      await vi.waitFor(() => {
        expectFits(app, columns, rows - 1);
        const lines = screenLines(app);
        if (columns >= 60 && rows >= 16) {
          expect(lines).toHaveLength(rows - 1);
          expect(lines[0]).toMatch(/^orders-cdc/);
          expect(lines.at(-1)).toMatch(/^q quit/);
        } else {
          expect(app.plainFrame()).toContain('too small');
        }
      });
    }
  });
});

describe('App with the picker', () => {
  it('opens the replication under the cursor, showing what it opens meanwhile', async () => {
    const { app, opens } = withFleet();
    await press(app);
    expect(screenLines(app)[0]).toMatch(/^DMS Serverless replications eu-central-1/);
    await press(app, 'j', ENTER, ENTER);
    expect(opens.map((o) => o.arn)).toEqual([listed('orders-cdc', 'running').configArn]);
    expect(screenLines(app)[1]).toMatch(/opening orders-cdc…$/);
    const source = new FakeDashboardSource(sceneSnapshot(runningEvents()));
    opens[0]?.result.resolve(source);
    await vi.waitFor(() => {
      expect(screenLines(app)[0]).toMatch(/^orders-cdc eu-central-1 +RUNNING/);
    });
    expect(screenLines(app).at(-1)).toContain('Esc back');
  });

  it('hands the very first key after the dashboard appears to the dashboard (regression: it reached the picker that left)', async () => {
    const { app, opens } = withFleet();
    await press(app, 'j', ENTER);
    const source = new FakeDashboardSource(sceneSnapshot(runningEvents()));
    opens[0]?.result.resolve(source);
    await vi.waitFor(() => {
      expect(screenLines(app)[0]).toMatch(/^orders-cdc eu-central-1/);
    });
    await press(app, 'x');
    expect(app.plainFrame()).toContain('Stop replication orders-cdc? y/N');
    await press(app, ESC, ESC);
    expect(source.closes).toBe(1);
    expect(screenLines(app)[0]).toMatch(/^DMS Serverless replications/);
  });

  it('shows why an open failed, in one line, and opens again on Enter', async () => {
    const { app, opens } = withFleet();
    await press(app, ENTER);
    opens[0]?.result.reject(new Error('replication audit-sync not found in eu-central-1: check the name'));
    await vi.waitFor(() => {
      expect(screenLines(app)[1]).toBe('✗ replication audit-sync not found in eu-central-1: check the name');
    });
    await press(app, ENTER);
    expect(opens).toHaveLength(2);
  });

  it('goes back with Esc, closing the source it opened, the cursor where it was', async () => {
    const { app, opens, onExit } = withFleet();
    await press(app, 'j', ENTER);
    const source = new FakeDashboardSource(sceneSnapshot(runningEvents()));
    opens[0]?.result.resolve(source);
    await vi.waitFor(() => {
      expect(screenLines(app)[0]).toMatch(/^orders-cdc eu-central-1/);
    });
    await press(app, ESC);
    expect(source.closes).toBe(1);
    expect(source.listenerCount).toBe(0);
    expect(screenLines(app)[0]).toMatch(/^DMS Serverless replications/);
    expect(app.plainFrame()).toMatch(/▶ orders-cdc/);
    await press(app, 'q');
    await vi.waitFor(() => {
      expect(onExit).toHaveBeenCalledWith(0);
    });
    expect(source.closes).toBe(1);
  });

  it('on quit, closes the source it opened before it exits', async () => {
    const { app, opens, onExit, fleet } = withFleet();
    await press(app, ENTER);
    const source = new FakeDashboardSource(sceneSnapshot(runningEvents()));
    const order: string[] = [];
    source.close = () => {
      order.push('close');
      return Promise.resolve();
    };
    onExit.mockImplementation(() => order.push('exit'));
    opens[0]?.result.resolve(source);
    await vi.waitFor(() => {
      expect(screenLines(app)[0]).toMatch(/RUNNING/);
    });
    await press(app, 'q');
    await vi.waitFor(() => {
      expect(order).toEqual(['close', 'exit']);
    });
    expect(fleet.closes).toBe(0);
  });

  it('closes a replication that finishes opening after the user quit', async () => {
    const { app, opens, onExit } = withFleet();
    await press(app, ENTER, 'q');
    await vi.waitFor(() => {
      expect(onExit).toHaveBeenCalledWith(0);
    });
    const late = new FakeDashboardSource();
    opens[0]?.result.resolve(late);
    await vi.waitFor(() => {
      expect(late.closes).toBe(1);
    });
  });

  it('shows no hint on a dashboard opened from the picker, and no start or stop when read-only', async () => {
    const fleet = new FakeFleetSource({ replications: FLEET });
    const { launch, opens } = fakeLaunch({ fleet, hint: 'try x', readOnly: true });
    const app = renderAt(<App launch={launch} onExit={() => undefined} />, { columns: 120, rows: 30 });
    await press(app, ENTER);
    const source = new FakeDashboardSource(sceneSnapshot(runningEvents()));
    opens[0]?.result.resolve(source);
    await vi.waitFor(() => {
      expect(screenLines(app)[0]).toMatch(/RUNNING/);
    });
    expect(screenLines(app)[2]).toBe('');
    expect(screenLines(app).at(-1)).not.toContain('stop');
    await press(app, 'x', 'y');
    expect(source.stops).toBe(0);
  });
});
