import { describe, expect, it } from 'vitest';
import { failureCardReducer, initialFailureCard, visibleFailures } from '../../../components/panes/failures/failure-card-state.js';
import { initialListScroll, listScrollReducer, visibleRange } from '../../../components/panes/list-scroll.js';
import { initialLogPane, logPaneReducer, MAX_HIGHLIGHTS, type LogPaneAction, type LogPaneState } from '../../../components/panes/log/log-pane-state.js';
import type { FailureHighlight } from '../../../src/select/failures.js';

function run(actions: readonly LogPaneAction[], from: LogPaneState = initialLogPane): LogPaneState {
  return actions.reduce(logPaneReducer, from);
}

describe('log pane state', () => {
  it('follows the newest line while following, and counts nothing waiting', () => {
    const s = run([{ type: 'arrived', matched: 100 }, { type: 'arrived', matched: 150 }]);
    expect(s).toMatchObject({ follow: true, offsetFromEnd: 0, waiting: 0, matched: 150 });
  });

  it('scrolled up, keeps the same lines in view and counts the new ones waiting', () => {
    const s = run([
      { type: 'arrived', matched: 100 },
      { type: 'scroll', by: 10, height: 20 },
      { type: 'arrived', matched: 107 },
      { type: 'arrived', matched: 110 },
    ]);
    expect(s).toMatchObject({ follow: false, offsetFromEnd: 20, waiting: 10 });
    expect(run([{ type: 'newest' }], s)).toMatchObject({ follow: true, offsetFromEnd: 0, waiting: 0 });
  });

  it('turning follow off stays put and counts new lines; turning it on jumps to the newest', () => {
    const off = run([{ type: 'arrived', matched: 10 }, { type: 'toggleFollow' }, { type: 'arrived', matched: 13 }]);
    expect(off).toMatchObject({ follow: false, waiting: 3, offsetFromEnd: 3 });
    expect(run([{ type: 'toggleFollow' }], off)).toMatchObject({ follow: true, waiting: 0, offsetFromEnd: 0 });
  });

  it('never scrolls past the oldest line nor below the newest; scrolling back down to the newest follows again', () => {
    const top = run([{ type: 'arrived', matched: 30 }, { type: 'scroll', by: 1000, height: 20 }]);
    expect(top.offsetFromEnd).toBe(10);
    expect(run([{ type: 'oldest', height: 20 }, { type: 'scroll', by: -3, height: 20 }], run([{ type: 'arrived', matched: 30 }])).offsetFromEnd).toBe(7);
    const back = run([{ type: 'scroll', by: -1000, height: 20 }], top);
    expect(back).toMatchObject({ offsetFromEnd: 0, follow: true });
    expect(run([{ type: 'arrived', matched: 5 }, { type: 'scroll', by: 3, height: 20 }]).follow).toBe(true);
  });

  it('highlights up to five terms, a sixth replacing the oldest; the same term again removes it', () => {
    const terms = ['a', 'b', 'c', 'd', 'e', 'f'];
    const s = run(terms.map((term) => ({ type: 'highlight', term })));
    expect(s.highlights).toEqual(['b', 'c', 'd', 'e', 'f']);
    expect(s.highlights).toHaveLength(MAX_HIGHLIGHTS);
    expect(run([{ type: 'highlight', term: 'C' }], s).highlights).toEqual(['b', 'd', 'e', 'f']);
    expect(run([{ type: 'highlight', term: '  ' }], s)).toBe(s);
    expect(run([{ type: 'clearHighlights' }], s).highlights).toEqual([]);
  });

  it('a text or /regex/ filter applies and starts over at the newest line', () => {
    const s = run([{ type: 'arrived', matched: 50 }, { type: 'scroll', by: 5, height: 10 }, { type: 'filter', query: 'fatal' }]);
    expect(s).toMatchObject({ query: 'fatal', filter: { text: 'fatal' }, filterError: undefined, offsetFromEnd: 0, follow: true, matched: undefined });
    // The count after a filter change is a new baseline, not new lines.
    expect(run([{ type: 'toggleFollow' }, { type: 'arrived', matched: 3 }], s).waiting).toBe(0);
    const re = run([{ type: 'filter', query: '/refused|fatal/' }]);
    expect(re.filter.regex?.test('connection REFUSED')).toBe(true);
  });

  it('an invalid regex shows its error and keeps the last good filter, never throwing', () => {
    const good = run([{ type: 'filter', query: 'fatal' }]);
    const bad = run([{ type: 'filter', query: '/(a/' }], good);
    expect(bad.filterError).toMatch(/^invalid filter \/\(a\//);
    expect(bad.query).toBe('/(a/');
    expect(bad.filter).toBe(good.filter);
    expect(run([{ type: 'filter', query: '/(a)\\1/' }]).filterError).toMatch(/backreferences are not supported/);
    expect(run([{ type: 'filter', query: '' }], bad)).toMatchObject({ filter: {}, filterError: undefined });
  });

  it('wrap toggles', () => {
    expect(run([{ type: 'toggleWrap' }]).wrap).toBe(true);
    expect(run([{ type: 'toggleWrap' }, { type: 'toggleWrap' }]).wrap).toBe(false);
  });
});

function failure(key: string, lastTime: number, time = lastTime): FailureHighlight {
  return { key, time, lastTime, count: 1, source: 'dms', title: 'Replication failed', text: key, hint: 'check', eventId: key };
}

describe('failure card state', () => {
  it('shows failures newest first', () => {
    expect(visibleFailures([failure('a', 1), failure('b', 3), failure('c', 2)], initialFailureCard).map((f) => f.key)).toEqual(['b', 'c', 'a']);
  });

  it('dismissing hides what was shown; a new failure, or the same one again later, shows again', () => {
    const shown = [failure('a', 1), failure('b', 2)];
    const s = failureCardReducer(initialFailureCard, { type: 'dismiss', failures: shown });
    expect(visibleFailures(shown, s)).toEqual([]);
    expect(visibleFailures([...shown, failure('c', 3)], s).map((f) => f.key)).toEqual(['c']);
    expect(visibleFailures([failure('a', 5, 1), failure('b', 2)], s).map((f) => f.key)).toEqual(['a']);
    expect(visibleFailures(shown, failureCardReducer(s, { type: 'restore' }))).toHaveLength(2);
    expect(failureCardReducer(s, { type: 'dismiss', failures: [] })).toBe(s);
  });
});

describe('list scroll', () => {
  it('scrolls within the rows and shows the newest by default', () => {
    expect(visibleRange(100, 10, 0)).toEqual({ start: 90, end: 100 });
    const s = listScrollReducer(initialListScroll, { type: 'scroll', by: 500, max: 90 });
    expect(s.offsetFromEnd).toBe(90);
    expect(visibleRange(100, 10, s.offsetFromEnd)).toEqual({ start: 0, end: 10 });
    expect(listScrollReducer(s, { type: 'newest' }).offsetFromEnd).toBe(0);
    expect(listScrollReducer(initialListScroll, { type: 'oldest', max: 4 }).offsetFromEnd).toBe(4);
    expect(listScrollReducer(initialListScroll, { type: 'scroll', by: -3, max: 4 })).toBe(initialListScroll);
    expect(visibleRange(3, 10, 7)).toEqual({ start: 0, end: 3 });
  });
});
