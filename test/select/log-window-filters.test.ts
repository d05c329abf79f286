import { describe, expect, it } from 'vitest';
import { MAX_PATTERN_CHARS, parseFilterQuery, selectLogWindow } from '../../src/select/log-window.js';
import { logEvent, stateEvent, T0 } from '../support/events.js';

/** The log pane's replication filter and what a typed query means (src/select/log-window.ts). */

const OTHER = { logGroup: 'dms-serverless-replication-RID2', logStream: 'dms-serverless-replication-orchestrator-RID2' };

describe('selectLogWindow by replication', () => {
  const events = [
    stateEvent(T0, 'running'),
    stateEvent(T0 + 1, 'failed', OTHER),
    logEvent(T0 + 2, 'a line that names no replication'),
    stateEvent(T0 + 3, 'stopped'),
  ];

  it('keeps the chosen replication’s events and those that belong to none, and leaves out the others', () => {
    const w = selectLogWindow(events, { replication: 'RID1' }, { height: 10 });
    expect(w.rows.map((e) => e.text)).toEqual(['running: ', 'a line that names no replication', 'stopped: ']);
    expect(w).toMatchObject({ matched: 3, total: 4 });
    expect(selectLogWindow(events, { replication: 'RID2' }, { height: 10 }).rows.map((e) => e.text)).toEqual(['failed: ', 'a line that names no replication']);
  });

  it('keeps warnings and errors for a minimum severity of warning', () => {
    const mixed = [logEvent(T0, 'info'), logEvent(T0 + 1, 'warn', { severity: 'warning' }), logEvent(T0 + 2, 'err', { severity: 'error' })];
    expect(selectLogWindow(mixed, { minSeverity: 'warning' }, { height: 10 }).rows.map((e) => e.text)).toEqual(['warn', 'err']);
  });
});

describe('parseFilterQuery', () => {
  it('takes text with slashes that is not /pattern/flags as plain text', () => {
    expect(parseFilterQuery('see /var/log/')).toEqual({ ok: true, filter: { text: 'see /var/log/' } });
    expect(parseFilterQuery('/tmp/ and more')).toEqual({ ok: true, filter: { text: '/tmp/ and more' } });
  });

  it('accepts a pattern of exactly the longest length', () => {
    expect(parseFilterQuery(`/${'a'.repeat(MAX_PATTERN_CHARS)}/`).ok).toBe(true);
  });

  it('quotes a long query shortened in its error, a short one whole', () => {
    const long = `/(${'x'.repeat(100)}/`;
    const shortened = parseFilterQuery(long);
    expect(shortened.ok ? '' : shortened.error).toMatch(new RegExp(`^invalid filter \\/\\(${'x'.repeat(57)}…: `));
    const sixty = `/(${'x'.repeat(57)}/`;
    expect(sixty).toHaveLength(60);
    const whole = parseFilterQuery(sixty);
    expect(whole.ok ? '' : whole.error.startsWith(`invalid filter ${sixty}: `)).toBe(true);
  });
});
