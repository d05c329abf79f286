import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/output/report.js';
import { summarize } from '../../src/select/summary.js';
import type { Summary } from '../../src/select/summary.js';
import { hasTerminalControls } from '../support/text.js';
import { connectionEvent, logEvent, stateEvent, T0 } from '../support/events.js';

const s = (n: number): number => T0 + n * 1000;

describe('renderReport', () => {
  const summary = summarize([
    logEvent(s(0), 'ready', { source: 'postgres', pg: { level: 'LOG' } }),
    stateEvent(s(0), 'initializing'),
    stateEvent(s(12), 'testing_connection'),
    connectionEvent(s(20), { event: 'received', pid: 3000, host: '10.0.0.75', port: 48820 }),
    connectionEvent(s(20), { event: 'auth_failed', pid: 3000, user: 'dynapipe', database: 'postgres', reason: 'password authentication failed for user "dynapipe"' }),
    stateEvent(s(75), 'failed', { failureMessage: "Test connection failed for endpoint 'src'" }),
  ]);
  const report = renderReport(summary, { inputName: 'saved.json', duplicates: 2 });

  it('opens with what was read and the time span', () => {
    expect(report.split('\n')[0]).toBe('Replay of saved.json: 6 events, 2024-08-03 14:44:00 → 2024-08-03 14:45:15 UTC (1m 15s)');
  });

  it('shows the timeline with durations and the step that failed', () => {
    expect(report).toMatch(/14:44:00 {2}initializing +12s/);
    expect(report).toMatch(/14:44:12 {2}testing_connection +1m 03s +✗ failed/);
    expect(report).toContain("Test connection failed for endpoint 'src'");
  });

  it('lists the connection attempts with their outcome', () => {
    expect(report).toContain('PostgreSQL saw 1 attempt: 1 refused');
    expect(report).toMatch(/3000 +10\.0\.0\.75:48820 +dynapipe@postgres .*refused: password authentication failed/);
  });

  it('lists failures with what to check next', () => {
    expect(report).toContain('Replication failed [dms]');
    expect(report).toMatch(/→ PostgreSQL received the connection but refused the login/);
  });

  it('ends with counts', () => {
    expect(report).toContain('by source: dms 3, dms-task 0, postgres 3, api 0, other 0');
    expect(report).toContain('duplicates dropped: 2');
  });

  it('says plainly when a section has nothing', () => {
    const empty = renderReport(summarize([logEvent(s(0), 'x')]), { inputName: 'f', duplicates: 0 });
    expect(empty).toContain('No replication state reports');
    expect(empty).toContain('PostgreSQL logged no connection attempts');
    expect(empty).toContain('None found.');
  });

  it('escapes every field it prints, exact or not, however the summary was built', () => {
    const hostile = 'line one\nline two\tand \u001b[31mred\u001b[0m \u202eevil';
    const built = summarize([
      stateEvent(s(0), 'testing_connection', { message: hostile }),
      connectionEvent(s(1), { event: 'received', pid: 9, host: '10.0.0.75', port: 1 }),
      connectionEvent(s(1), { event: 'auth_failed', pid: 9, user: 'u', database: 'd', reason: hostile }),
      stateEvent(s(2), 'failed', { failureMessage: hostile }),
    ]);
    // A summary made by another producer (the dashboard's incremental selectors, say) may carry raw text anywhere.
    const forged: Summary = {
      ...built,
      timeline: built.timeline.map((seg) => ({ ...seg, state: `${seg.state}\u001b[2J`, replication: 'r\u009b1' })),
      failures: built.failures.map((f) => ({ ...f, title: `${f.title}\u001b]0;x\u0007`, text: hostile, hint: hostile })),
    };
    for (const summary of [built, forged]) {
      const out = renderReport(summary, { inputName: 'in\u001b[1m.json', duplicates: 0 });
      expect(hasTerminalControls(out, true)).toBe(false);
      expect(out).toContain('line one\\nline two and \\x1b[31mred\\x1b[0m \\u202eevil');
    }
  });
});
