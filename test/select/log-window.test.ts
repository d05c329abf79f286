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
    const query = parseFilterQuery('/line 9[0-2]$/');
    expect(query.ok).toBe(true);
    const filter = query.ok ? query.filter : {};
    expect(selectLogWindow(events, filter, { height: 50 }).rows.map((e) => e.text)).toEqual(['line 91', 'line 92']);
  });

  it('ignores case without flags, and uses the flags given', () => {
    const matched = (query: string): number => {
      const parsed = parseFilterQuery(query);
      return parsed.ok ? selectLogWindow(events, parsed.filter, { height: 200 }).matched : -1;
    };
    expect(matched('/^FAILED/')).toBe(10);
    expect(matched('/^FAILED/m')).toBe(0);
    expect(matched('/^FAILED/i')).toBe(10);
    expect(matched('/^failed number [1-4]0$/g')).toBe(4);
  });

  it('rejects an invalid pattern with a readable reason', () => {
    expect(parseFilterQuery('/(unclosed/')).toEqual({ ok: false, error: expect.stringMatching(/^invalid filter \/\(unclosed\/: .*missing closing \)/) as unknown });
  });

  it.each([
    ['a backreference', '/(a)\\1/', /backreferences are not supported/],
    ['a lookahead', '/a(?=b)/', /lookahead and lookbehind are not supported/],
    ['a lookbehind', '/(?<!a)b/', /lookahead and lookbehind are not supported/],
    ['an unknown flag', '/a/x', /unknown flag "x"/],
    ['a pattern too large to match quickly', `/${'.{1000}'.repeat(5)}/`, /too complex/],
    ['a pattern longer than 1000 characters', `/${'a'.repeat(1001)}/`, /longer than 1000 characters/],
  ])('says what is wrong with %s instead of matching it', (_what, query, reason) => {
    const parsed = parseFilterQuery(query);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toMatch(reason);
  });

  it('matches a catastrophic pattern in linear time', () => {
    // A backtracking engine takes 2^n steps for /(.|.)*#/ on n characters without a `#`: seconds for 25.
    const texts = Array.from({ length: 6 }, (_, i) => logEvent(T0 + i, ('abcdef'[i] ?? 'x').repeat(25)));
    const parsed = parseFilterQuery('/(.|.)*#/');
    const started = performance.now();
    const w = selectLogWindow(texts, parsed.ok ? parsed.filter : {}, { height: 10 });
    expect(performance.now() - started).toBeLessThan(500);
    expect(w.matched).toBe(0);
  });

  it('treats text without slashes as plain text, special characters included', () => {
    expect(parseFilterQuery('a.b(')).toEqual({ ok: true, filter: { text: 'a.b(' } });
    expect(parseFilterQuery('')).toEqual({ ok: true, filter: {} });
  });
});
