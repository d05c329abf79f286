import { describe, expect, it } from 'vitest';
import { toNdjsonLine } from '../../src/output/ndjson.js';
import { hasTerminalControls } from '../support/text.js';
import { connectionEvent, logEvent, snapshot, stateEvent, statusEvent, taskEvent, T0 } from '../support/events.js';

const parse = (line: string): Record<string, unknown> => JSON.parse(line) as Record<string, unknown>;

describe('toNdjsonLine', () => {
  it('writes one line of JSON with the time in ISO 8601 UTC', () => {
    const line = toNdjsonLine(logEvent(T0, 'hello'));
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(parse(line)).toMatchObject({ time: '2024-08-03T14:44:00.000Z', source: 'other', kind: 'log', severity: 'info', text: 'hello', raw: 'hello' });
  });

  it('carries state, message and failure message for a state report', () => {
    const r = parse(toNdjsonLine(stateEvent(T0, 'failed', { message: 'm', failureMessage: 'f' })));
    expect(r).toMatchObject({ kind: 'state', state: 'failed', message: 'm', failureMessage: 'f', severity: 'error', logGroup: 'dms-serverless-replication-RID1' });
  });

  it('carries the connection step for a PostgreSQL connection event', () => {
    const r = parse(toNdjsonLine(connectionEvent(T0, { event: 'authorized', pid: 3, user: 'u', database: 'd', host: 'h', port: 5, replication: true })));
    expect(r.connection).toEqual({ event: 'authorized', user: 'u', database: 'd', host: 'h', port: 5, pid: 3, replication: true });
  });

  it('carries the component for a task line and leaves out fields that do not apply', () => {
    const r = parse(toNdjsonLine(taskEvent(T0, 'SOURCE_CAPTURE', 'E', 'x')));
    expect(r.component).toBe('SOURCE_CAPTURE');
    expect(r).not.toHaveProperty('state');
    expect(r).not.toHaveProperty('connection');
  });

  it('carries the status, stop reason and changes for a DescribeReplications change', () => {
    const r = parse(toNdjsonLine(statusEvent(T0, 'stopped', { snapshot: snapshot({ status: 'stopped', stopReason: 'Stop Reason NORMAL' }), changes: ['status', 'stopReason'] })));
    expect(r).toMatchObject({ source: 'api', kind: 'status', state: 'stopped', stopReason: 'Stop Reason NORMAL', changes: ['status', 'stopReason'] });
  });

  it('escapes characters a terminal would act on, even inside raw, and stays valid JSON', () => {
    const nasty = 'a\u001b[2Jb\u009b31mc\u202ed\u2028e';
    const line = toNdjsonLine(logEvent(T0, 'safe', { raw: nasty }));
    expect(hasTerminalControls(line, true)).toBe(false);
    expect(parse(line).raw).toBe(nasty);
  });
});

describe('toNdjsonLine: exact structured fields', () => {
  const HOSTILE = 'line one\nline two\twith a tab \u001b[31mred\u001b[0m \u202eevil\u202c end';

  it('carries a failure message exactly, newlines and escapes included, as JSON that is safe to look at', () => {
    const line = toNdjsonLine(stateEvent(T0, 'failed', { message: HOSTILE, failureMessage: HOSTILE }));
    expect(hasTerminalControls(line.slice(0, -1))).toBe(false);
    expect(parse(line)).toMatchObject({ message: HOSTILE, failureMessage: HOSTILE });
  });

  it('carries extra values and keys exactly, and marks a report cut short', () => {
    const r = parse(toNdjsonLine(stateEvent(T0, 'failed', { extra: { capacity: '4', 'odd\nkey': 'v\u009b' }, truncated: true })));
    expect(r).toMatchObject({ extra: { capacity: '4', 'odd\nkey': 'v\u009b' }, truncated: true });
    const whole = parse(toNdjsonLine(stateEvent(T0, 'running')));
    expect(whole).not.toHaveProperty('truncated');
    expect(whole).not.toHaveProperty('extra');
  });

  it('carries the connection reason and the status failure message exactly', () => {
    const c = parse(toNdjsonLine(connectionEvent(T0, { event: 'auth_failed', pid: 1, reason: HOSTILE })));
    expect(c.connection).toMatchObject({ reason: HOSTILE });
    const s = parse(toNdjsonLine(statusEvent(T0, 'failed', { failureMessage: HOSTILE, message: 'Stop Reason\tFATAL_ERROR' })));
    expect(s).toMatchObject({ failureMessage: HOSTILE, message: 'Stop Reason\tFATAL_ERROR' });
  });
});
