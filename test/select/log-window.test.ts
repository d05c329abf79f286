import { describe, expect, it } from 'vitest';
import { parseFilterQuery, selectLogWindow } from '../../src/select/log-window.js';
import { logEvent, stateEvent, T0 } from '../support/events.js';

const events = Array.from({ length: 100 }, (_, i) =>
  i % 10 === 0 ? stateEvent(T0 + i, 'failed', { text: `failed number ${String(i)}` }) : logEvent(T0 + i, `line ${String(i)}`),
);

describe('selectLogWindow', () => {
  it('shows the newest rows that fit', () => {
    const w = selectLogWindow(events, {}, { height: 3 });
    expect(w.rows.map((e) => e.text)).toEqual(['line 97', 'line 98', 'line 99']);
    expect(w).toMatchObject({ matched: 100, total: 100, offsetFromEnd: 0 });
  });

  it('scrolls up and stops at the oldest row', () => {
    expect(selectLogWindow(events, {}, { height: 2, offsetFromEnd: 5 }).rows.map((e) => e.text)).toEqual(['line 93', 'line 94']);
    const top = selectLogWindow(events, {}, { height: 2, offsetFromEnd: 1000 });
    expect(top.rows.map((e) => e.text)).toEqual(['failed number 0', 'line 1']);
    expect(top.offsetFromEnd).toBe(98);
  });

  it('filters by text, ignoring case', () => {
    const w = selectLogWindow(events, { text: 'FAILED' }, { height: 20 });
    expect(w.matched).toBe(10);
    expect(w.rows).toHaveLength(10);
  });

  it('filters by severity and source', () => {
    expect(selectLogWindow(events, { minSeverity: 'error' }, { height: 50 }).matched).toBe(10);
    expect(selectLogWindow(events, { sources: new Set(['dms'] as const) }, { height: 50 }).matched).toBe(10);
    expect(selectLogWindow(events, { minSeverity: 'warning', sources: new Set(['other'] as const) }, { height: 50 }).matched).toBe(0);
  });

  it('filters by a regular expression typed as /pattern/', () => {
    const filter = parseFilterQuery('/line 9[0-2]$/');
    expect(selectLogWindow(events, filter, { height: 50 }).rows.map((e) => e.text)).toEqual(['line 91', 'line 92']);
  });

  it('rejects an invalid pattern with a readable message', () => {
    expect(() => parseFilterQuery('/(unclosed/')).toThrow(/invalid regular expression/);
  });

  it('treats text without slashes as plain text, special characters included', () => {
    expect(parseFilterQuery('a.b(')).toEqual({ text: 'a.b(' });
  });
});
