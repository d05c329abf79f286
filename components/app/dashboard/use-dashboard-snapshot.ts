/**
 * The dashboard's snapshot, read so that a snapshot which would draw the
 * same frame draws nothing. At rest the source still announces its clock's
 * ticks and every poll's answer (a new `now`, a new `lastPollAt`, a new
 * copy of an unchanged replication); the header and the timeline show them
 * in whole minutes then (pollAgeText, timelineClock), so most of those
 * announcements change nothing on screen. Handing React the snapshot it
 * drew last for them makes it skip the render, and Ink draws no frame.
 */
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { DashboardSnapshot, DashboardSource } from '../../../src/watch/dashboard-source.js';
import { headerLines } from '../../panes/header/header.js';
import type { Span } from '../../panes/line.js';
import { timelineClock } from '../../panes/timeline/timeline-pane.js';

function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    return y !== undefined && x.text === y.text && x.token === y.token && x.bold === y.bold && x.inverse === y.inverse;
  });
}

function header(s: DashboardSnapshot): ReturnType<typeof headerLines> {
  return headerLines({
    name: s.name,
    region: s.region,
    snapshot: s.replication,
    liveTail: s.liveTail,
    ...(s.lastPollAt === undefined ? {} : { lastPollAt: s.lastPollAt }),
    now: s.now,
    pollStale: s.pollStale,
    ...(s.action === undefined ? {} : { action: s.action }),
  });
}

/**
 * Whether `next` draws what `shown` drew: the same data the panes read
 * (the same objects: the source makes new ones only when they change), the
 * same header text, and the timeline at the same place on its clock.
 */
export function drawsTheSame(shown: DashboardSnapshot, next: DashboardSnapshot): boolean {
  if (
    shown.events !== next.events ||
    shown.summary.timeline !== next.summary.timeline ||
    shown.summary.connections !== next.summary.connections ||
    shown.summary.failures !== next.summary.failures ||
    shown.name !== next.name ||
    shown.region !== next.region ||
    shown.configArn !== next.configArn ||
    shown.pollStale !== next.pollStale ||
    shown.action !== next.action ||
    shown.fatal !== next.fatal ||
    shown.canStop !== next.canStop ||
    shown.startTypes.length !== next.startTypes.length ||
    shown.startTypes.some((t, i) => next.startTypes[i] !== t)
  ) {
    return false;
  }
  if (timelineClock(shown.summary.timeline, shown.now) !== timelineClock(next.summary.timeline, next.now)) return false;
  const [a1, a2] = header(shown);
  const [b1, b2] = header(next);
  return sameSpans(a1, b1) && sameSpans(a2, b2);
}

/** The source's snapshot, or the one drawn last while a newer one would draw the same (drawsTheSame). */
export function useDashboardSnapshot(source: DashboardSource): DashboardSnapshot {
  const subscribe = useCallback((listener: () => void) => source.subscribe(listener), [source]);
  const getSnapshot = useMemo(() => {
    let seen: DashboardSnapshot | undefined;
    let shown: DashboardSnapshot | undefined;
    return (): DashboardSnapshot => {
      const next = source.getSnapshot();
      if (next === seen && shown !== undefined) return shown;
      seen = next;
      if (shown === undefined || !drawsTheSame(shown, next)) shown = next;
      return shown;
    };
  }, [source]);
  return useSyncExternalStore(subscribe, getSnapshot);
}
