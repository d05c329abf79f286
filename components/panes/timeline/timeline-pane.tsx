import { Box } from 'ink';
import { memo, useMemo, type ReactNode } from 'react';
import { formatDuration } from '../../../src/output/format.js';
import { isSettledStatus } from '../../../src/parse/replication-status.js';
import type { TimelineSegment } from '../../../src/select/timeline.js';
import { cutCells, fitCells } from '../../text/cells.js';
import type { ThemeToken } from '../../theme.js';
import { Line, type Span } from '../line.js';
import { visibleRange } from '../list-scroll.js';
import { spinnerFrame } from '../spinner.js';
import { clockText, minutesText } from '../time-text.js';
import { timelineRows, type FoldedRun } from './timeline-rows.js';
import { lastsTooLong } from './usual-durations.js';

export interface TimelinePaneProps {
  /** The timeline (Summary.timeline): every replication's segments, in time order. */
  readonly segments: readonly TimelineSegment[];
  /** Keep only this replication's segments. @default undefined (all) */
  readonly replication?: string;
  /** The current time, epoch ms: the current state's elapsed time and spinner frame. */
  readonly now: number;
  /** Cells wide. */
  readonly width: number;
  /** Rows tall: the pane never draws more. */
  readonly height: number;
  /** Clock times in UTC rather than local time. @default false */
  readonly utc?: boolean;
  /** Rows scrolled up from the newest (ListScrollState.offsetFromEnd): the rows of earlier runs and states. @default 0 */
  readonly offsetFromEnd?: number;
}

const TIME = 8;
const STATE = 22;
const DURATION = 8;
const BAR_MIN = 4;

/**
 * The state timeline: the newest run's states, one row each (start time,
 * state, a bar as long as its share of the run, duration; the current state
 * spins and counts up; ⚠ when it lasts far longer than usual), earlier runs
 * folded to one line each above it. When rows do not fit, the newest win.
 */
function TimelinePaneView({ segments, replication, now, width, height, utc = false, offsetFromEnd = 0 }: TimelinePaneProps): ReactNode {
  const rows = useMemo(() => timelineRows(segments, replication), [segments, replication]);
  const lines: Span[][] = [];
  const h = Math.max(0, Math.floor(height));
  if (h > 0) {
    if (rows.current.length === 0) {
      lines.push([{ text: cutCells('No state seen yet.', width), token: 'text.dim' }]);
    } else if (offsetFromEnd > 0) {
      // Scrolled up: every run and state as one list, the window the scroll asks for.
      const longest = Math.max(1, ...rows.current.map((s) => barOf(s, now) ?? 0));
      const total = rows.earlier.length + rows.current.length;
      const { start, end } = visibleRange(total, h, offsetFromEnd);
      for (let i = start; i < end; i++) {
        const run = rows.earlier[i];
        const state = rows.current[i - rows.earlier.length];
        if (run !== undefined) lines.push(runLine(run, width, utc));
        else if (state !== undefined) lines.push(stateLine(state, now, longest, width, utc));
      }
    } else {
      const longest = Math.max(1, ...rows.current.map((s) => barOf(s, now) ?? 0));
      let states = rows.current;
      let earlier = rows.earlier;
      if (states.length > h) {
        // The newest states win; one line says how many did not fit.
        const keep = Math.max(0, h - 1);
        lines.push([{ text: fitCells(`+${String(states.length - keep)} earlier states`, width), token: 'text.dim' }]);
        states = states.slice(states.length - keep);
        earlier = [];
      } else if (earlier.length > h - states.length) {
        const room = h - states.length;
        const keep = Math.max(0, room - 1);
        if (room > 0) lines.push([{ text: fitCells(`+${String(earlier.length - keep)} earlier runs`, width), token: 'text.dim' }]);
        earlier = earlier.slice(earlier.length - keep);
      }
      for (const run of earlier) lines.push(runLine(run, width, utc));
      for (const s of states) lines.push(stateLine(s, now, longest, width, utc));
    }
  }
  return (
    <Box flexDirection="column" width={width} height={h} overflowY="hidden">
      {lines.slice(0, h).map((spans, i) => (
        <Line key={i} spans={spans} width={width} />
      ))}
    </Box>
  );
}

export const TimelinePane = memo(TimelinePaneView);

/**
 * A state that rests (running, stopped, failed, created) counts in whole
 * minutes while it is the current one: nothing else moves then, and the
 * clock's ticks in between change nothing on screen, so they draw nothing.
 * A state on its way somewhere counts in seconds, with a spinner.
 */
function resting(s: TimelineSegment): boolean {
  return s.outcome === 'current' && isSettledStatus(s.state);
}

function durationOf(s: TimelineSegment, now: number): number | undefined {
  if (s.outcome !== 'current') return s.durationMs;
  const d = Math.max(0, now - s.start);
  return resting(s) ? d - (d % 60_000) : d;
}

/** How long a state's bar is: its duration, and at least a minute for a resting one counted in minutes (`<1m` is not nothing). */
function barOf(s: TimelineSegment, now: number): number | undefined {
  const d = durationOf(s, now);
  return d !== undefined && resting(s) ? Math.max(60_000, d) : d;
}

/**
 * What of the timeline moves with `now`: equal for two times at which it
 * draws the same (the current states' whole minutes when they all rest),
 * else `now` itself.
 */
export function timelineClock(segments: readonly TimelineSegment[], now: number): string {
  let key = '';
  for (const s of segments) {
    if (s.outcome !== 'current') continue;
    if (!resting(s)) return String(now);
    key += `${String(durationOf(s, now))};`;
  }
  return key;
}

function tokenOf(s: { readonly outcome: TimelineSegment['outcome']; readonly state?: string }): ThemeToken {
  switch (s.outcome) {
    case 'failed':
      return 'status.error';
    case 'stopped':
      return 'status.warning';
    case 'current':
      return s.state === 'running' ? 'status.ok' : 'status.transitional';
    case 'done':
      return 'status.ok';
  }
}

function stateLine(s: TimelineSegment, now: number, longest: number, width: number, utc: boolean): Span[] {
  const duration = durationOf(s, now);
  const bar = barOf(s, now);
  const current = s.outcome === 'current';
  const warn = lastsTooLong(s.state, duration);
  const token = tokenOf(s);
  const mark = current ? (resting(s) ? '●' : spinnerFrame(now)) : s.outcome === 'failed' ? '✗' : s.outcome === 'stopped' ? '■' : '✓';
  const spans: Span[] = [
    { text: fitCells(clockText(s.start, utc), Math.min(TIME, width)), token: 'text.dim' },
    { text: fitCells(` ${mark} `, Math.max(0, Math.min(3, width - TIME))), token },
  ];
  let left = width - TIME - 3;
  const stateCells = Math.min(STATE, Math.max(0, left));
  spans.push({ text: fitCells(s.state, stateCells), token, bold: current });
  left -= stateCells;
  const tail = 1 + DURATION + 2;
  const barCells = left - tail - 1;
  if (barCells >= BAR_MIN) {
    const filled = bar === undefined ? 0 : Math.max(1, Math.round((barCells * Math.min(bar, longest)) / longest));
    spans.push({ text: ' ' });
    spans.push({ text: '█'.repeat(filled), token });
    spans.push({ text: '░'.repeat(barCells - filled), token: 'text.dim' });
    left -= barCells + 1;
  }
  if (left >= tail) {
    const text = duration === undefined ? '' : resting(s) ? minutesText(duration) : formatDuration(duration);
    spans.push({ text: ` ${fitCells(text, DURATION, 'right')}`, token: current ? 'text.accent' : 'text.normal' });
    spans.push({ text: warn ? ' ⚠' : '  ', token: 'status.warning', bold: true });
  }
  return spans;
}

function runLine(run: FoldedRun, width: number, utc: boolean): Span[] {
  const head = fitCells(clockText(run.start, utc), Math.min(TIME, width));
  const took = run.durationMs === undefined ? '' : `, ${formatDuration(run.durationMs)}`;
  const text = ` ▸ run ${String(run.run)}: ${String(run.states)} states, ended ${run.lastState}${took}`;
  return [
    { text: head, token: 'text.dim' },
    { text: cutCells(text, Math.max(0, width - TIME)), token: run.outcome === 'failed' ? 'status.error' : 'text.dim' },
  ];
}
