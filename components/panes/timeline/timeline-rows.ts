import type { TimelineSegment } from '../../../src/select/timeline.js';

/** An earlier run, folded to one line. */
export interface FoldedRun {
  readonly run: number;
  readonly start: number;
  /** When its last state began (the run's end is unknown when its last state never finished). */
  readonly lastStart: number;
  readonly durationMs: number | undefined;
  readonly states: number;
  readonly lastState: string;
  readonly outcome: TimelineSegment['outcome'];
}

export interface TimelineRows {
  /** Earlier runs, oldest first. */
  readonly earlier: readonly FoldedRun[];
  /** The states of the newest run, oldest first. */
  readonly current: readonly TimelineSegment[];
  /** The newest run's number (0 before the first start). */
  readonly run: number;
}

/**
 * Splits a replication's segments into its newest run, state by state, and
 * the runs before it, one line each. `replication` keeps one replication's
 * segments when the timeline holds several.
 */
export function timelineRows(segments: readonly TimelineSegment[], replication?: string): TimelineRows {
  const mine = replication === undefined ? segments : segments.filter((s) => s.replication === undefined || s.replication === replication);
  let run = 0;
  for (const s of mine) run = Math.max(run, s.run);
  const current: TimelineSegment[] = [];
  const byRun = new Map<number, TimelineSegment[]>();
  for (const s of mine) {
    if (s.run === run) {
      current.push(s);
      continue;
    }
    const list = byRun.get(s.run);
    if (list === undefined) byRun.set(s.run, [s]);
    else list.push(s);
  }
  const earlier: FoldedRun[] = [];
  for (const [n, list] of [...byRun].sort((a, b) => a[0] - b[0])) {
    const first = list[0];
    const last = list[list.length - 1];
    if (first === undefined || last === undefined) continue;
    const end = last.end;
    earlier.push({
      run: n,
      start: first.start,
      lastStart: last.start,
      durationMs: end === undefined ? undefined : end - first.start,
      states: list.length,
      lastState: last.state,
      outcome: last.outcome,
    });
  }
  return { earlier, current, run };
}

/** Rows the timeline has when scrolled through: one per earlier run and one per state of the newest. */
export function timelineRowCount(rows: TimelineRows): number {
  return rows.earlier.length + rows.current.length;
}
