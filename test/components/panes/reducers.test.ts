import { describe, expect, it } from 'vitest';
import { failureCardReducer, initialFailureCard, visibleFailures } from '../../../components/panes/failures/failure-card-state.js';
import { initialListScroll, listScrollReducer, visibleRange } from '../../../components/panes/list-scroll.js';
import { initialLogPane, logPaneReducer, logPlace, MAX_HIGHLIGHTS, type LogPaneAction, type LogPaneState, type LogPlace } from '../../../components/panes/log/log-pane-state.js';
import type { DmsEvent } from '../../../src/events/types.js';
import { selectLogWindow } from '../../../src/select/log-window.js';
import type { FailureHighlight } from '../../../src/select/failures.js';
import { firstAfter, linesAfter, logAt, type LogAt } from '../../../components/panes/log/log-place.js';
import { logEvent, T0 } from '../../support/events.js';

function run(actions: readonly LogPaneAction[], from: LogPaneState = initialLogPane): LogPaneState {
  return actions.reduce(logPaneReducer, from);
}

/** Log lines `from` to `to` (exclusive), a second apart. */
const lines = (from: number, to: number): DmsEvent[] => Array.from({ length: to - from }, (_, i) => logEvent(T0 + (from + i) * 1000, `line ${String(from + i)}`));
const ALL = lines(0, 400);

/** Where the view of `s` is over `events`, as the pane works it out when it draws. */
const place = (s: LogPaneState, events: readonly DmsEvent[]): LogPlace => logPlace(s, linesAfter(events, s.filter, s.anchor));
/** The texts of the rows the pane shows over `events`, `height` tall. */
const shown = (s: LogPaneState, events: readonly DmsEvent[], height: number): string[] =>
  selectLogWindow(events, s.filter, { height, offsetFromEnd: place(s, events).offsetFromEnd }).rows.map((e) => e.text);
/** A key over `events`: the action gets the log as it is now, seen from the view's anchor (as dashboard-commands.ts does). */
const key = (s: LogPaneState, events: readonly DmsEvent[], make: (at: LogAt) => LogPaneAction): LogPaneState => logPaneReducer(s, make(logAt(events, s.filter)));
const scroll = (by: number, height = 20) => (at: LogAt): LogPaneAction => ({ type: 'scroll', by, height, at });

describe('log pane state', () => {
  it('follows the newest line while following, and counts nothing waiting', () => {
    expect(place(initialLogPane, ALL.slice(0, 100))).toMatchObject({ offsetFromEnd: 0, waiting: 0 });
    expect(place(initialLogPane, ALL.slice(50, 150))).toMatchObject({ offsetFromEnd: 0, waiting: 0 });
  });

  it('scrolled up, keeps the same lines in view and counts the new ones waiting', () => {
    const s = key(initialLogPane, ALL.slice(0, 100), scroll(10));
    const before = shown(s, ALL.slice(0, 100), 20);
    expect(before.at(-1)).toBe('line 89');
    expect(shown(s, ALL.slice(0, 107), 20)).toEqual(before);
    expect(place(s, ALL.slice(0, 110))).toMatchObject({ offsetFromEnd: 20, waiting: 10 });
    expect(shown(s, ALL.slice(0, 110), 20)).toEqual(before);
    expect(place(run([{ type: 'newest' }], s), ALL.slice(0, 110))).toMatchObject({ offsetFromEnd: 0, waiting: 0 });
    expect(run([{ type: 'newest' }], s).follow).toBe(true);
  });

  it('scrolled up in a full store, stays on its lines while every batch pushes as many of the oldest out', () => {
    // Capacity 200: each batch of 25 new lines evicts the 25 oldest, so as many lines match before and after.
    const store = (batches: number): DmsEvent[] => ALL.slice(25 * batches, 200 + 25 * batches);
    const s = key(initialLogPane, store(0), scroll(10));
    const before = shown(s, store(0), 20);
    for (let k = 1; k <= 4; k++) {
      expect(shown(s, store(k), 20)).toEqual(before);
      expect(place(s, store(k))).toMatchObject({ offsetFromEnd: 10 + 25 * k, waiting: 25 * k });
    }
    // j after the evictions moves one line down from there.
    const down = key(s, store(4), scroll(-1));
    expect(shown(down, store(4), 20)).toEqual([...before.slice(1), 'line 190']);
    expect(place(down, store(4)).waiting).toBe(100);
  });

  it('stays put when late lines are inserted above or below the view, and counts those below as new', () => {
    const events = ALL.slice(0, 100);
    const s = key(initialLogPane, events, scroll(10));
    const before = shown(s, events, 20);
    const above = [...events.slice(0, 10), logEvent(T0 + 9500, 'late, above'), ...events.slice(10)];
    expect(shown(s, above, 20)).toEqual(before);
    expect(place(s, above).waiting).toBe(0);
    // Late lines between the view and the newest line (a group behind another, a backfill page).
    const below = [...events.slice(0, 95), logEvent(T0 + 94_500, 'late, below'), logEvent(T0 + 94_600, 'late, below'), ...events.slice(95)];
    expect(shown(s, below, 20)).toEqual(before);
    expect(place(s, below)).toMatchObject({ offsetFromEnd: 12, waiting: 2 });
  });

  it('turning follow off stays put and counts new lines; turning it on jumps to the newest', () => {
    const off = key(initialLogPane, ALL.slice(0, 10), (at) => ({ type: 'toggleFollow', at }));
    expect(place(off, ALL.slice(0, 13))).toMatchObject({ waiting: 3, offsetFromEnd: 3 });
    expect(shown(off, ALL.slice(3, 13), 5).at(-1)).toBe('line 9');
    const on = key(off, ALL.slice(0, 13), (at) => ({ type: 'toggleFollow', at }));
    expect(on.follow).toBe(true);
    expect(place(on, ALL.slice(0, 13))).toMatchObject({ waiting: 0, offsetFromEnd: 0 });
  });

  it('paused before the first line arrived, counts every line as new and shows the oldest', () => {
    const off = key(initialLogPane, [], (at) => ({ type: 'toggleFollow', at }));
    expect(place(off, ALL.slice(0, 30))).toMatchObject({ waiting: 30, offsetFromEnd: 30 });
    expect(shown(off, ALL.slice(0, 30), 5)[0]).toBe('line 0');
  });

  it('never scrolls past the oldest line nor below the newest; scrolling back down to the newest follows again', () => {
    const events = ALL.slice(0, 30);
    const top = key(initialLogPane, events, scroll(1000));
    expect(place(top, events).offsetFromEnd).toBe(10);
    const oldest = key(initialLogPane, events, (at) => ({ type: 'oldest', height: 20, at }));
    expect(place(key(oldest, events, scroll(-3)), events).offsetFromEnd).toBe(7);
    expect(key(top, events, scroll(-1000)).follow).toBe(true);
    // Every line fits: there is nothing above to scroll to, and the view keeps following.
    expect(key(initialLogPane, ALL.slice(0, 5), scroll(3))).toBe(initialLogPane);
  });

  it('finds the anchor by time and, among lines of the same time, by identity; an evicted anchor has every line after it', () => {
    const same = [logEvent(T0, 'a'), logEvent(T0, 'b'), logEvent(T0, 'c'), logEvent(T0 + 1, 'd')];
    expect(firstAfter(same, same[1])).toBe(2);
    expect(firstAfter(same, same[3])).toBe(4);
    expect(firstAfter(same.slice(2), same[1])).toBe(0);
    expect(firstAfter(same, undefined)).toBe(0);
    expect(linesAfter(same, { text: 'd' }, same[0])).toBe(1);
  });

  it('moves from the oldest line shown when evictions carried the view past it', () => {
    const s = key(initialLogPane, ALL.slice(0, 100), (at) => ({ type: 'oldest', height: 20, at }));
    // 150 new lines, 150 of the oldest gone: the view shows the oldest lines held.
    expect(shown(s, ALL.slice(150, 250), 20)[0]).toBe('line 150');
    const down = key(s, ALL.slice(150, 250), scroll(-1));
    expect(shown(down, ALL.slice(150, 250), 20)[0]).toBe('line 151');
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
    const scrolled = key(initialLogPane, ALL.slice(0, 50), scroll(5, 10));
    const s = run([{ type: 'filter', query: 'fatal' }], scrolled);
    expect(s).toMatchObject({ query: 'fatal', filter: { text: 'fatal' }, filterError: undefined, follow: true, anchor: undefined });
    // Paused after a filter change, only lines arriving after that count as new.
    const paused = key(s, [...ALL.slice(0, 50), logEvent(T0 + 60_000, 'fatal one')], (at) => ({ type: 'toggleFollow', at }));
    expect(place(paused, [...ALL.slice(0, 50), logEvent(T0 + 60_000, 'fatal one'), logEvent(T0 + 61_000, 'fatal two')]).waiting).toBe(1);
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
