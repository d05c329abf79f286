import { describe, expect, it } from 'vitest';
import { logMatchPositions } from '../../../components/panes/log/log-matches.js';
import { linesAfter, logAt } from '../../../components/panes/log/log-place.js';
import type { DmsEvent } from '../../../src/events/types.js';
import { initialLogPane, logPaneReducer, logPlace, type LogPaneAction, type LogPaneState } from '../../../components/panes/log/log-pane-state.js';
import { logEvent, T0 } from '../../support/events.js';

function run(actions: readonly LogPaneAction[], from: LogPaneState = initialLogPane): LogPaneState {
  return actions.reduce(logPaneReducer, from);
}

/** Lines `from` to `to` (exclusive), a second apart. */
const lines = (from: number, to: number): DmsEvent[] => Array.from({ length: to - from }, (_, i) => logEvent(T0 + (from + i) * 1000, `line ${String(from + i)}`));
const ALL = lines(0, 200);
const LOG = ALL.slice(0, 100);
const at = logAt(LOG, {});
const next = (hits: number[], height = 10): LogPaneAction => ({ type: 'jump', direction: 'next', hits, height, at });
const previous = (hits: number[], height = 10): LogPaneAction => ({ type: 'jump', direction: 'previous', hits, height, at });
/** The position among the 100 lines of the line n/N moved to. */
const matchAt = (s: LogPaneState): number | undefined => (s.match === undefined ? undefined : LOG.indexOf(s.match));
/** Lines after the view's bottom line: how far it is scrolled up. */
const offset = (s: LogPaneState, events: readonly DmsEvent[] = LOG): number => logPlace(s, linesAfter(events, {}, s.anchor)).offsetFromEnd;

describe('n and N in the log pane state', () => {
  const at100 = initialLogPane;
  const hits = [5, 40, 60, 95];

  it('N goes to the newest match in view first, then to older ones, each the bottom line', () => {
    const first = run([previous(hits)], at100);
    expect(matchAt(first)).toBe(95);
    expect(offset(first)).toBe(4);
    expect(first.follow).toBe(false);
    const second = run([previous(hits)], first);
    expect(matchAt(second)).toBe(60);
    expect(offset(second)).toBe(39);
    const third = run([previous(hits), previous(hits)], second);
    expect(matchAt(third)).toBe(5);
    expect(offset(third)).toBe(90);
  });

  it('n goes to newer matches, and stays put past the last one', () => {
    const scrolled = run([{ type: 'scroll', by: 70, height: 10, at }], at100);
    const moved = run([next(hits)], scrolled);
    expect(matchAt(moved)).toBe(40);
    expect(offset(moved)).toBe(59);
    const last = run([next(hits), next(hits), next(hits)], scrolled);
    expect(matchAt(last)).toBe(95);
    expect(run([next(hits)], last)).toBe(last);
    const oldest = run([previous(hits), previous(hits), previous(hits), previous(hits)], at100);
    expect(matchAt(oldest)).toBe(5);
    expect(run([previous(hits)], oldest)).toBe(oldest);
  });

  it('keeps the view full: a match among the oldest lines shows with the first page', () => {
    const s = run([previous([3])], at100);
    expect(matchAt(s)).toBe(3);
    expect(offset(s)).toBe(90);
  });

  it('goes on from the line it moved to after lines arrived and the oldest left', () => {
    const moved = run([previous(hits)], at100);
    // 25 new lines, and as many of the oldest evicted: the hits are 25 lower, the view and its mark on the same lines.
    const later = ALL.slice(25, 125);
    expect(offset(moved, later)).toBe(29);
    const again = logPaneReducer(moved, { type: 'jump', direction: 'previous', hits: hits.map((h) => h - 25).filter((h) => h >= 0), height: 10, at: logAt(later, {}) });
    expect(again.match?.text).toBe('line 60');
    expect(offset(again, later)).toBe(64);
  });

  it('changes nothing without a match, and forgets the match on a new filter or at the newest line', () => {
    expect(run([next([])], at100)).toBe(at100);
    const moved = run([previous(hits)], at100);
    expect(run([{ type: 'newest' }], moved).match).toBeUndefined();
    expect(run([{ type: 'filter', query: 'x' }], moved).match).toBeUndefined();
  });
});

describe('logMatchPositions', () => {
  const events = [
    logEvent(T0, 'connection received'),
    logEvent(T0 + 1, 'FATAL: password authentication failed'),
    logEvent(T0 + 2, 'checkpoint complete'),
    logEvent(T0 + 3, 'connection authorized'),
    logEvent(T0 + 4, 'fatal: no pg_hba.conf entry'),
  ];

  it('counts positions among the lines the filter keeps, matching any term regardless of case', () => {
    expect(logMatchPositions(events, {}, ['fatal'])).toEqual([1, 4]);
    expect(logMatchPositions(events, {}, ['FATAL', 'checkpoint'])).toEqual([1, 2, 4]);
    expect(logMatchPositions(events, { text: 'connection' }, ['authorized'])).toEqual([1]);
  });

  it('takes every kept line when there is no term', () => {
    expect(logMatchPositions(events, { text: 'connection' }, [])).toEqual([0, 1]);
  });
});
