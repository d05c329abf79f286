import { describe, expect, it } from 'vitest';
import { logMatchPositions } from '../../../components/panes/log/log-matches.js';
import { initialLogPane, logPaneReducer, type LogPaneAction, type LogPaneState } from '../../../components/panes/log/log-pane-state.js';
import { logEvent, T0 } from '../../support/events.js';

function run(actions: readonly LogPaneAction[], from: LogPaneState = initialLogPane): LogPaneState {
  return actions.reduce(logPaneReducer, from);
}

const next = (hits: number[], height = 10): LogPaneAction => ({ type: 'jump', direction: 'next', hits, height });
const previous = (hits: number[], height = 10): LogPaneAction => ({ type: 'jump', direction: 'previous', hits, height });

describe('n and N in the log pane state', () => {
  const at100 = run([{ type: 'arrived', matched: 100 }]);
  const hits = [5, 40, 60, 95];

  it('N goes to the newest match in view first, then to older ones, each the bottom line', () => {
    const first = run([previous(hits)], at100);
    expect(first).toMatchObject({ matchAt: 95, offsetFromEnd: 4, follow: false });
    const second = run([previous(hits)], first);
    expect(second).toMatchObject({ matchAt: 60, offsetFromEnd: 39 });
    expect(run([previous(hits), previous(hits)], second)).toMatchObject({ matchAt: 5, offsetFromEnd: 90 });
  });

  it('n goes to newer matches, and stays put past the last one', () => {
    const scrolled = run([{ type: 'scroll', by: 70, height: 10 }], at100);
    expect(run([next(hits)], scrolled)).toMatchObject({ matchAt: 40, offsetFromEnd: 59 });
    const last = run([next(hits), next(hits), next(hits)], scrolled);
    expect(last.matchAt).toBe(95);
    expect(run([next(hits)], last)).toBe(last);
    const oldest = run([previous(hits), previous(hits), previous(hits), previous(hits)], at100);
    expect(oldest.matchAt).toBe(5);
    expect(run([previous(hits)], oldest)).toBe(oldest);
  });

  it('keeps the view full: a match among the oldest lines shows with the first page', () => {
    expect(run([previous([3])], at100)).toMatchObject({ matchAt: 3, offsetFromEnd: 90 });
  });

  it('changes nothing without a match, and forgets the match on a new filter or at the newest line', () => {
    expect(run([next([])], at100)).toBe(at100);
    const moved = run([previous(hits)], at100);
    expect(run([{ type: 'newest' }], moved).matchAt).toBeUndefined();
    expect(run([{ type: 'filter', query: 'x' }], moved).matchAt).toBeUndefined();
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
