import { describe, expect, it } from 'vitest';
import { LogPane } from '../../../components/panes/log/log-pane.js';
import { logAt, type LogAt } from '../../../components/panes/log/log-place.js';
import { initialLogPane, logPaneReducer, type LogPaneAction, type LogPaneState } from '../../../components/panes/log/log-pane-state.js';
import { wrapCells } from '../../../components/panes/log/wrap-cells.js';
import type { DmsEvent } from '../../../src/events/types.js';
import { toSafeLine } from '../../../src/parse/safe-text.js';
import { logEvent, T0 } from '../../support/events.js';
import { flush, renderAt } from '../render-at.js';
import { expectFits, HOSTILE, screenLines } from './support.js';

const lines = (n: number, from = 0): DmsEvent[] => Array.from({ length: n }, (_, i) => logEvent(T0 + (from + i) * 1000, `line ${String(from + i)}`, { source: 'dms' }));
const state = (...actions: LogPaneAction[]): LogPaneState => actions.reduce(logPaneReducer, initialLogPane);

/** A key on the pane over `events`, as the dashboard sends it: with the log seen from the view's anchor. */
const key = (s: LogPaneState, events: readonly DmsEvent[], make: (at: LogAt) => LogPaneAction): LogPaneState => logPaneReducer(s, make(logAt(events, s.filter)));

describe('log pane', () => {
  it('shows the newest lines with time, source and text, and a status line', () => {
    const events = [
      ...lines(10),
      logEvent(T0 + 20_000, 'FATAL:  password authentication failed', { source: 'postgres', severity: 'error' }),
      logEvent(T0 + 21_000, 'Task started', { source: 'dms-task' }),
    ];
    const r = renderAt(<LogPane events={events} state={initialLogPane} width={60} height={4} utc />, { columns: 60, rows: 4 });
    expect(screenLines(r)).toEqual([
      '14:44:09 dms  line 9',
      '14:44:20 pg   FATAL:  password authentication failed',
      '14:44:21 task Task started',
      expect.stringMatching(/^● follow +12 lines$/),
    ]);
    expectFits(r, 60, 4);
  });

  it('shows the filter and how many of all lines match it', () => {
    const events = [...lines(5), logEvent(T0 + 9000, 'connection refused', { source: 'postgres' })];
    const r = renderAt(<LogPane events={events} state={state({ type: 'filter', query: '/refused/' })} width={60} height={3} utc />, { columns: 60, rows: 3 });
    expect(screenLines(r)).toEqual(['14:44:09 pg   connection refused', '', expect.stringMatching(/^● follow {2}filter \/refused\/ +1\/6 lines$/)]);
  });

  it('shows an invalid regex as an error and keeps showing lines', () => {
    const r = renderAt(<LogPane events={lines(3)} state={state({ type: 'filter', query: '/(oops/' })} width={80} height={3} utc />, { columns: 80, rows: 3 });
    const shown = screenLines(r);
    expect(shown[1]).toBe('14:44:02 dms  line 2');
    expect(shown[2]).toMatch(/^● follow {2}invalid filter \/\(oops\/: missing closing \)/);
  });

  it('scrolled up, keeps the same lines while new ones arrive and counts them waiting, in one render each', async () => {
    const all = lines(30);
    const scrolled = key(initialLogPane, all.slice(0, 20), (at) => ({ type: 'scroll', by: 5, height: 3, at }));
    const r = renderAt(<LogPane events={all.slice(0, 20)} state={scrolled} width={60} height={4} utc />, { columns: 60, rows: 4 });
    await flush();
    expect(screenLines(r)[2]).toBe('14:44:14 dms  line 14');
    const frames = r.frames.length;
    r.rerender(<LogPane events={all.slice(0, 23)} state={scrolled} width={60} height={4} utc />);
    await flush();
    const shown = screenLines(r);
    expect(shown[2]).toBe('14:44:14 dms  line 14');
    expect(shown[3]).toMatch(/^‖ paused, 3 new below +23 lines$/);
    // A full store: 5 more lines push the 5 oldest out; the view stays on its lines.
    r.rerender(<LogPane events={all.slice(5, 28)} state={scrolled} width={60} height={4} utc />);
    await flush();
    expect(screenLines(r)[2]).toBe('14:44:14 dms  line 14');
    expect(screenLines(r)[3]).toMatch(/^‖ paused, 8 new below +23 lines$/);
    expect(r.frames.length - frames).toBe(2);
  });

  it('marks the line n/N moved to, and keeps the mark on it while the oldest lines leave', async () => {
    const all = lines(30);
    const s = key(initialLogPane, all.slice(0, 20), (at) => ({ type: 'jump', direction: 'previous', hits: [12], height: 3, at }));
    const r = renderAt(<LogPane events={all.slice(0, 20)} state={s} width={60} height={4} utc />, { columns: 60, rows: 4, color: true });
    await flush();
    const marked = (): string | undefined => r.lastFrame().split('\n').find((l) => l.includes('\u001b[7m'));
    expect(marked()).toContain('line 12');
    r.rerender(<LogPane events={all.slice(6, 26)} state={s} width={60} height={4} utc />);
    await flush();
    expect(marked()).toContain('line 12');
  });

  it('highlights terms wherever they appear, case-insensitively', () => {
    const r = renderAt(<LogPane events={[logEvent(T0, 'Connection REFUSED by host; refused again')]} state={state({ type: 'highlight', term: 'refused' })} width={70} height={2} utc />, { columns: 70, rows: 2, color: true });
    expect(screenLines(r)[0]).toBe('14:44:00 log  Connection REFUSED by host; refused again');
  });

  it('wraps long lines when wrap is on, newest at the bottom, and cuts them when off', () => {
    const long = logEvent(T0 + 5000, 'a'.repeat(100));
    const events = [...lines(3), long];
    const cut = screenLines(renderAt(<LogPane events={events} state={initialLogPane} width={40} height={3} utc />, { columns: 40, rows: 3 }));
    expect(cut[1]).toBe(`14:44:05 log  ${'a'.repeat(25)}…`);
    const wrapped = screenLines(renderAt(<LogPane events={events} state={state({ type: 'toggleWrap' })} width={40} height={6} utc />, { columns: 40, rows: 6 }));
    expect(wrapped.slice(0, 5)).toEqual([
      '14:44:02 dms  line 2',
      `14:44:05 log  ${'a'.repeat(26)}`,
      `              ${'a'.repeat(26)}`,
      `              ${'a'.repeat(26)}`,
      `              ${'a'.repeat(22)}`,
    ]);
    expect(wrapped[5]).toMatch(/wrap/);
  });

  it('wraps by cells, never splitting a wide character', () => {
    expect(wrapCells('表示テスト', 3, 10)).toEqual(['表', '示', 'テ', 'ス', 'ト']);
    expect(wrapCells('x'.repeat(10_000), 10, 2)).toEqual(['x'.repeat(10), `${'x'.repeat(9)}…`]);
  });

  it('says when there is nothing to show', () => {
    expect(screenLines(renderAt(<LogPane events={[]} state={initialLogPane} width={40} height={2} />, { columns: 40, rows: 2 }))[0]).toBe('No log lines yet.');
    expect(screenLines(renderAt(<LogPane events={lines(2)} state={state({ type: 'filter', query: 'zzz' })} width={40} height={2} />, { columns: 40, rows: 2 }))[0]).toBe('No line matches the filter.');
  });

  it('keeps hostile text visible but inert and within its size, wrapped or not, colour on or off', () => {
    const hostile = HOSTILE.map((text, i) => logEvent(T0 + i, toSafeLine(text), { raw: text, severity: 'error', source: 'postgres' }));
    for (const color of [true, false]) {
      for (const wrap of [false, true]) {
        for (const [w, h] of [[100, 8], [30, 5], [12, 2], [5, 1]] as const) {
          const s = state(...(wrap ? [{ type: 'toggleWrap' } as const] : []), { type: 'highlight', term: 'x' }, { type: 'filter', query: '\u001b[2J' });
          const r = renderAt(<LogPane events={hostile} state={{ ...s, filter: {} }} width={w} height={h} />, { columns: w, rows: h, color });
          expectFits(r, w, h);
          expect(r.lastFrame()).not.toContain('\u001b]0;');
          expect(r.lastFrame()).not.toContain('\u001b[2J');
          r.unmount();
        }
      }
    }
  });
});
