import { describe, expect, it } from 'vitest';
import { logMatchPositions } from '../../../components/panes/log/log-matches.js';
import type { LogAt } from '../../../components/panes/log/log-place.js';
import { initialLogPane, logPaneReducer, logPlace, type LogPaneAction, type LogPaneState } from '../../../components/panes/log/log-pane-state.js';
import { logEvent, T0 } from '../../support/events.js';

function run(actions: readonly LogPaneAction[], from: LogPaneState = initialLogPane): LogPaneState {
  return actions.reduce(logPaneReducer, from);
}

/** 100 lines, nothing new since the view was placed. */
const at: LogAt = { matched: 100, below: 0, newest: logEvent(T0 + 99, 'line 99') };
const next = (hits: number[], height = 10): LogPaneAction => ({ type: 'jump', direction: 'next', hits, height, at });
const previous = (hits: number[], height = 10): LogPaneAction => ({ type: 'jump', direction: 'previous', hits, height, at });
/** The position among the matching lines, oldest first, of the line n/N moved to. */
const matchAt = (s: LogPaneState): number | undefined => (s.matchFromEnd === undefined ? undefined : 99 - s.matchFromEnd);

describe('n and N in the log pane state', () => {
  const at100 = initialLogPane;
  const hits = [5, 40, 60, 95];

  it('N goes to the newest match in view first, then to older ones, each the bottom line', () => {
    const first = run([previous(hits)], at100);
    expect(first).toMatchObject({ matchFromEnd: 4, offsetFromEnd: 4, follow: false });
    const second = run([previous(hits)], first);
    expect(second).toMatchObject({ matchFromEnd: 39, offsetFromEnd: 39 });
    const third = run([previous(hits), previous(hits)], second);
    expect(matchAt(third)).toBe(5);
    expect(third.offsetFromEnd).toBe(90);
  });

  it('n goes to newer matches, and stays put past the last one', () => {
    const scrolled = run([{ type: 'scroll', by: 70, height: 10, at }], at100);
    const moved = run([next(hits)], scrolled);
    expect(matchAt(moved)).toBe(40);
    expect(moved.offsetFromEnd).toBe(59);
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
    expect(s.offsetFromEnd).toBe(90);
  });

  it('keeps the mark on the line it moved to while lines arrive and the oldest leave', () => {
    const moved = run([previous(hits)], at100);
    // 25 new lines after the anchor, and as many of the oldest evicted: the line is 25 further from the end.
    expect(logPlace(moved, 25)).toMatchObject({ matchFromEnd: 29, offsetFromEnd: 29 });
    const again = run([{ type: 'jump', direction: 'previous', hits: hits.map((h) => h - 25).filter((h) => h >= 0), height: 10, at: { ...at, below: 25 } }], moved);
    expect(matchAt(again)).toBe(60 - 25);
  });

  it('changes nothing without a match, and forgets the match on a new filter or at the newest line', () => {
    expect(run([next([])], at100)).toBe(at100);
    const moved = run([previous(hits)], at100);
    expect(run([{ type: 'newest' }], moved).matchFromEnd).toBeUndefined();
    expect(run([{ type: 'filter', query: 'x' }], moved).matchFromEnd).toBeUndefined();
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
