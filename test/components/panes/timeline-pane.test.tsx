import { describe, expect, it } from 'vitest';
import { TimelinePane, timelineClock } from '../../../components/panes/timeline/timeline-pane.js';
import type { TimelineSegment } from '../../../src/select/timeline.js';
import { renderAt } from '../render-at.js';
import { expectFits, screenLines } from './support.js';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const S = 1000;

function seg(run: number, state: string, start: number, end: number | undefined, outcome: TimelineSegment['outcome'] = 'done'): TimelineSegment {
  return { run, state, start, ...(end !== undefined && { end, durationMs: end - start }), outcome };
}

const firstRun = [seg(1, 'initializing', T0, T0 + 5 * S), seg(1, 'running', T0 + 5 * S, T0 + 60 * S), seg(1, 'stopped', T0 + 60 * S, T0 + 100 * S, 'stopped')];
const secondRun = [
  seg(2, 'initializing', T0 + 100 * S, T0 + 102 * S),
  seg(2, 'testing_connection', T0 + 102 * S, T0 + 142 * S),
  seg(2, 'provisioning_capacity', T0 + 142 * S, undefined, 'current'),
];

describe('timeline pane', () => {
  it('shows each state of the current run with its start, a bar and its duration; the current one spins and counts up', () => {
    const now = T0 + 142 * S + 65 * S;
    const r = renderAt(<TimelinePane segments={[...firstRun, ...secondRun]} now={now} width={70} height={8} utc />, { columns: 70, rows: 8 });
    const lines = screenLines(r);
    expect(lines[0]).toMatch(/^12:00:00 ▸ run 1: 3 states, ended stopped, 1m 40s$/);
    expect(lines[1]).toMatch(/^12:01:40 ✓ initializing +█+░* +2s/);
    expect(lines[2]).toMatch(/^12:01:42 ✓ testing_connection +█+░* +40s/);
    expect(lines[3]).toMatch(/^12:02:22 [⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] provisioning_capacity +█+ +1m 05s/);
    expect(lines[3]).not.toContain('⚠');
    // The longest state fills the bar; a 2 s state gets a sliver.
    expect((lines[3]?.match(/█/g) ?? []).length).toBeGreaterThan((lines[1]?.match(/█/g) ?? []).length);
    expectFits(r, 70, 8);
  });

  it('marks a state that lasts far longer than usual', () => {
    const now = T0 + 142 * S + 90 * 60 * S;
    const r = renderAt(<TimelinePane segments={secondRun} now={now} width={70} height={5} utc />, { columns: 70, rows: 5 });
    expect(screenLines(r)[2]).toMatch(/provisioning_capacity .* 1h 30m ⚠$/);
  });

  it('the spinner moves with `now` and never with a timer of its own', () => {
    const frame = (now: number): string => {
      const r = renderAt(<TimelinePane segments={secondRun} now={now} width={60} height={4} utc />, { columns: 60, rows: 4 });
      const line = screenLines(r)[2] ?? '';
      r.unmount();
      return line.slice(9, 10);
    };
    expect(frame(T0 + 200 * S)).not.toBe(frame(T0 + 200 * S + 80));
  });

  it('counts a current state that rests (running) in whole minutes, without a spinner, so the clock moves it once a minute', () => {
    const running = [seg(1, 'initializing', T0, T0 + 5 * S), seg(1, 'running', T0 + 5 * S, undefined, 'current')];
    const line = (now: number): string => {
      const r = renderAt(<TimelinePane segments={running} now={now} width={60} height={2} utc />, { columns: 60, rows: 2 });
      const shown = screenLines(r)[1] ?? '';
      r.unmount();
      return shown;
    };
    expect(line(T0 + 35 * S)).toMatch(/^12:00:05 ● running +█+ +<1m$/);
    expect(line(T0 + 64 * S)).toBe(line(T0 + 35 * S));
    expect(line(T0 + 66 * S)).toMatch(/ 1m$/);
    expect(line(T0 + 2 * 3600 * S + 5 * S)).toMatch(/ 2h 00m$/);
    expect(timelineClock(running, T0 + 35 * S)).toBe(timelineClock(running, T0 + 64 * S));
    expect(timelineClock(running, T0 + 35 * S)).not.toBe(timelineClock(running, T0 + 66 * S));
    expect(timelineClock(secondRun, T0 + 200 * S)).not.toBe(timelineClock(secondRun, T0 + 201 * S));
  });

  it('keeps the newest states when they do not fit, and says how many did not', () => {
    const many = Array.from({ length: 30 }, (_, i) => seg(1, i % 2 === 0 ? 'running' : 'testing_connection', T0 + i * S, T0 + (i + 1) * S));
    const r = renderAt(<TimelinePane segments={many} now={T0 + 40 * S} width={50} height={5} utc />, { columns: 50, rows: 5 });
    const lines = screenLines(r);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('+26 earlier states');
    expect(lines[4]).toMatch(/^12:00:29/);
  });

  it('folds earlier runs to one line each, with a count of those that do not fit', () => {
    const runs = [1, 2, 3, 4].flatMap((n) => [seg(n, 'running', T0 + n * 100 * S, T0 + n * 100 * S + 50 * S), seg(n, 'stopped', T0 + n * 100 * S + 50 * S, T0 + (n + 1) * 100 * S, 'stopped')]);
    const r = renderAt(<TimelinePane segments={[...runs, seg(5, 'running', T0 + 500 * S, undefined, 'current')]} now={T0 + 510 * S} width={60} height={4} utc />, { columns: 60, rows: 4 });
    const lines = screenLines(r);
    expect(lines[0]).toBe('+2 earlier runs');
    expect(lines[1]).toMatch(/run 3: 2 states, ended stopped/);
    expect(lines[2]).toMatch(/run 4: 2 states/);
    expect(lines[3]).toMatch(/running/);
  });

  it('says when no state has been seen, and draws nothing at height 0', () => {
    expect(screenLines(renderAt(<TimelinePane segments={[]} now={T0} width={40} height={3} />, { columns: 40, rows: 3 }))[0]).toBe('No state seen yet.');
    expect(renderAt(<TimelinePane segments={secondRun} now={T0} width={40} height={0} />, { columns: 40, rows: 3 }).plainFrame().trim()).toBe('');
  });

  it('never grows wider or taller than its size, however narrow, with colour on or off', () => {
    for (const color of [true, false]) {
      for (const [w, h] of [[10, 2], [20, 3], [33, 10], [120, 4]] as const) {
        const r = renderAt(<TimelinePane segments={[...firstRun, ...secondRun]} now={T0 + 500 * S} width={w} height={h} />, { columns: w, rows: h, color });
        expectFits(r, w, h);
        r.unmount();
      }
    }
  });
});
