import { describe, expect, it } from 'vitest';
import { dashboardLayout, layoutRows, PANE_MIN, type PanesLayout } from '../../../components/app/dashboard/layout.js';

function panes(columns: number, rows: number, failures = 0): PanesLayout {
  const layout = dashboardLayout({ columns, rows }, failures);
  if (layout.kind === 'tiny') throw new Error(`tiny at ${String(columns)}x${String(rows)}`);
  return layout;
}

describe('dashboard layout', () => {
  it('puts timeline and connections side by side from 120 columns, stacked below', () => {
    const wide = panes(160, 50);
    expect(wide.kind).toBe('wide');
    expect(wide.timeline.height).toBe(wide.connections.height);
    expect(wide.timeline.width + wide.connections.width).toBe(160);
    expect(wide.log.height).toBeGreaterThan(wide.timeline.height);
    const narrow = panes(100, 50);
    expect(narrow.kind).toBe('narrow');
    expect(narrow.timeline.width).toBe(100);
    expect(narrow.timeline.height).toBeLessThan(wide.timeline.height);
  });

  it('says the terminal is too small, and how big it must be, below 60x16', () => {
    for (const [c, r] of [[59, 40], [200, 15], [20, 5]] as const) {
      const layout = dashboardLayout({ columns: c, rows: r }, 0);
      expect(layout.kind).toBe('tiny');
      if (layout.kind === 'tiny') expect(layout.message).toBe(`The terminal is too small (${String(c)}×${String(r)}): dms-live needs at least 60×16.`);
    }
  });

  it('gives the failure card room for at least one failure, and about two fifths at most', () => {
    expect(panes(160, 50, 1).failures).toBe(6);
    expect(panes(160, 50, 10).failures).toBe(18);
    expect(panes(160, 50, 2).failures).toBe(9);
    expect(panes(80, 16, 3).failures).toBe(6);
  });

  it('adds up to one row less than the terminal at every size, every pane either left out or at least a border and a row', () => {
    for (let columns = 60; columns <= 220; columns += 7) {
      for (let rows = 16; rows <= 90; rows++) {
        for (const failures of [0, 1, 2, 9]) {
          const layout = panes(columns, rows, failures);
          expect(layoutRows(layout), `${String(columns)}x${String(rows)} with ${String(failures)}`).toBe(rows - 1);
          expect(layout.log.height).toBeGreaterThanOrEqual(PANE_MIN);
          for (const pane of [layout.timeline, layout.connections]) expect(pane.height === 0 || pane.height >= PANE_MIN).toBe(true);
          if (failures > 0) expect(layout.failures).toBeGreaterThanOrEqual(6);
        }
      }
    }
  });
});
