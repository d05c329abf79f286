import { describe, expect, it } from 'vitest';
import type { KeyContext } from '../../../components/keys/commands.js';
import { Footer } from '../../../components/keys/footer.js';
import { HelpOverlay } from '../../../components/keys/help-overlay.js';
import { createKeymap } from '../../../components/keys/keymap.js';
import { cellWidth } from '../../../components/text/cells.js';
import { renderAt } from '../render-at.js';

const DASHBOARD: KeyContext = {
  view: 'dashboard',
  focus: 'log',
  overlay: 'none',
  canGoBack: true,
  hasFailures: false,
  canStart: true,
  canStop: true,
};

function lines(frame: string): string[] {
  return frame.split('\n');
}

describe('Footer', () => {
  it('shows the hints that apply now', () => {
    const app = renderAt(<Footer hints={createKeymap().footerHints(DASHBOARD)} width={100} />);
    expect(app.plainFrame()).toBe('q quit  ? help  Tab focus  Esc back  / filter  f follow  s start  x stop');
  });

  it('has no stop or start in read-only mode', () => {
    const app = renderAt(<Footer hints={createKeymap({ readOnly: true }).footerHints(DASHBOARD)} width={100} />);
    expect(app.plainFrame()).not.toContain('stop');
    expect(app.plainFrame()).not.toContain('start');
    expect(app.plainFrame()).toContain('q quit');
  });

  it('leaves out whole hints that do not fit, never half of one', () => {
    const app = renderAt(<Footer hints={createKeymap().footerHints(DASHBOARD)} width={20} />, { columns: 20 });
    expect(app.plainFrame()).toBe('q quit  ? help');
  });

  it('colours keys with the accent token when colour is on', () => {
    const app = renderAt(<Footer hints={createKeymap().footerHints(DASHBOARD)} width={100} />, { color: true });
    expect(app.plainFrame()).toContain('q quit');
    expect(app.lastFrame()).not.toBe(app.plainFrame());
  });

  it('writes no colour when colour is off', () => {
    const app = renderAt(<Footer hints={createKeymap().footerHints(DASHBOARD)} width={100} />, { color: false });
    expect(app.lastFrame()).toBe(app.plainFrame());
  });
});

describe('HelpOverlay', () => {
  it('lists the keys of the view by category', () => {
    const app = renderAt(<HelpOverlay sections={createKeymap().helpSections('dashboard')} width={70} height={60} />);
    const frame = app.plainFrame();
    expect(frame).toContain('Keys (Esc or ? to close)');
    expect(frame).toMatch(/j ↓\s+Down one line/);
    expect(frame).toMatch(/x\s+Stop the replication/);
    expect(frame).toContain('Replication');
  });

  it('has no start or stop in read-only mode', () => {
    const app = renderAt(<HelpOverlay sections={createKeymap({ readOnly: true }).helpSections('dashboard')} width={70} height={60} />);
    expect(app.plainFrame()).not.toContain('Stop the replication');
    expect(app.plainFrame()).not.toContain('Start the replication');
  });

  it.each([
    [70, 12],
    [40, 20],
    [24, 8],
  ])('fits inside %i x %i, saying when keys were left out', (width, height) => {
    const app = renderAt(<HelpOverlay sections={createKeymap().helpSections('dashboard')} width={width} height={height} />, {
      columns: width + 10,
      rows: height + 5,
    });
    const out = lines(app.plainFrame());
    expect(out.length).toBeLessThanOrEqual(height);
    for (const line of out) expect(cellWidth(line), line).toBeLessThanOrEqual(width);
    expect(app.plainFrame()).toContain('more keys');
  });
});
