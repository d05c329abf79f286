import { describe, expect, it } from 'vitest';
import { SummaryBuilder, summarize } from '../../src/select/summary.js';
import { connectionEvent, logEvent, stateEvent, taskEvent, T0 } from '../support/events.js';

/** The summary replay prints at the end (src/select/summary.ts): counts, span, and the views built over the same events. */

describe('summarize', () => {
  it('counts events by source and severity, and spans the earliest to the latest time whatever their order', () => {
    const summary = summarize([
      stateEvent(T0 + 5000, 'running'),
      taskEvent(T0 + 1000, 'TARGET_LOAD', 'E', 'boom'),
      logEvent(T0 + 9000, 'x', { source: 'postgres', severity: 'warning' }),
      logEvent(T0 + 2000, 'y'),
    ]);
    expect(summary.counts).toEqual({
      events: 4,
      bySource: { dms: 1, 'dms-task': 1, postgres: 1, api: 0, live: 0, other: 1 },
      bySeverity: { info: 2, warning: 1, error: 1 },
      first: T0 + 1000,
      last: T0 + 9000,
    });
  });

  it('has no span without events', () => {
    const summary = summarize([]);
    expect(summary.counts).toEqual({
      events: 0,
      bySource: { dms: 0, 'dms-task': 0, postgres: 0, api: 0, live: 0, other: 0 },
      bySeverity: { info: 0, warning: 0, error: 0 },
    });
    expect(summary.counts).not.toHaveProperty('first');
    expect(summary.counts).not.toHaveProperty('last');
  });

  it('times the current state to the last event, or to `now` when given', () => {
    const events = [stateEvent(T0, 'testing_connection'), stateEvent(T0 + 10_000, 'running'), logEvent(T0 + 30_000, 'later')];
    const last = summarize(events).timeline.at(-1);
    const now = summarize(events, T0 + 70_000).timeline.at(-1);
    expect([last?.state, last?.durationMs]).toEqual(['running', 20_000]);
    expect([now?.state, now?.durationMs]).toEqual(['running', 60_000]);
  });

  it('lists connections up to connectionLimit (10,000 by default) and counts them all', () => {
    const attempts = (n: number) => Array.from({ length: n }, (_, i) => connectionEvent(T0 + i, { event: 'received', pid: i, host: 'h', port: i }));
    const small = new SummaryBuilder({ connectionLimit: 3 });
    for (const e of attempts(5)) small.add(e);
    expect(small.summary().connections.map((a) => a.pid)).toEqual([2, 3, 4]);
    expect(small.summary().connectionCounts.total).toBe(5);
    const big = new SummaryBuilder();
    for (const e of attempts(10_001)) big.add(e);
    expect(big.summary().connections).toHaveLength(10_000);
    expect(big.summary().failures).toEqual([]);
  });
});
