import { afterEach, describe, expect, it } from 'vitest';
import type { ActionEvent, ActionInfo, DmsEvent, SessionInfo } from '../../src/events/types.js';
import { toPlainLine } from '../../src/output/plain-line.js';
import { parseLogRecord } from '../../src/parse/log-record.js';
import { sessionEvent } from '../../src/sources/session-event.js';
import { hasTerminalControls } from '../support/text.js';
import { connectionEvent, logEvent, snapshot, stateEvent, statusEvent, taskEvent, T0 } from '../support/events.js';

/** T0 is 2024-08-03 14:44:00 UTC. */
const AT = '2024-08-03 14:44:00';
const ARN = 'arn:aws:dms:eu-central-1:123456789012:replication-config:RID1';

const session = (info: SessionInfo, text = ''): DmsEvent => sessionEvent(T0, info, text);
function action(info: Omit<ActionInfo, 'replicationConfigArn'>, severity: ActionEvent['severity'] = 'info'): ActionEvent {
  return { kind: 'action', id: 'a1', time: T0, source: 'api', severity, text: '', raw: '', action: { ...info, replicationConfigArn: ARN } };
}

describe('toPlainLine: one readable line per event', () => {
  it.each<[string, DmsEvent, string]>([
    ['a state', stateEvent(T0, 'testing_connection'), `${AT} dms      state testing_connection`],
    [
      'a state with its message',
      stateEvent(T0, 'initializing', { message: 'Initializing the replication workflow.' }),
      `${AT} dms      state initializing: Initializing the replication workflow.`,
    ],
    [
      'a failed state with its failure',
      stateEvent(T0, 'failed', { message: 'Test connection failed.', failureMessage: "Test connection failed for endpoint 'src'" }),
      `${AT} dms      ERROR state failed: Test connection failed. — Test connection failed for endpoint 'src'`,
    ],
    ['a state report cut short', stateEvent(T0, 'failed', { failureMessage: "replication config 'x-", truncated: true }), `${AT} dms      ERROR state failed — replication config 'x-…`],
    [
      'a status with full-load progress',
      statusEvent(T0, 'running', { snapshot: snapshot({ status: 'running', stats: { fullLoadProgressPercent: 42 } }) }),
      `${AT} api      status running (full load 42%)`,
    ],
    [
      'a status with its stop reason',
      statusEvent(T0, 'stopped', { message: 'Stop Reason NORMAL', snapshot: snapshot({ status: 'stopped', stopReason: 'Stop Reason NORMAL' }) }),
      `${AT} api      status stopped (Stop Reason NORMAL)`,
    ],
    [
      'a failed status with its failure messages',
      statusEvent(T0, 'failed', { failureMessage: 'Test connection failed', changes: ['status', 'failureMessages'] }),
      `${AT} api      ERROR status failed — Test connection failed`,
    ],
    [
      'a change that is not the status',
      statusEvent(T0, 'running', { text: 'capacity 2 → 4 DCU', changes: ['provisionedCapacityUnits'] }),
      `${AT} api      status running: capacity 2 → 4 DCU`,
    ],
    ['a connection received', connectionEvent(T0, { event: 'received', pid: 3000, host: '10.0.0.75', port: 48820 }), `${AT} postgres connection received from 10.0.0.75:48820`],
    [
      'a refused login',
      connectionEvent(T0, { event: 'auth_failed', pid: 3000, user: 'dynapipe', database: 'postgres', host: '10.0.0.75', port: 48820, reason: 'password authentication failed for user "dynapipe"' }),
      `${AT} postgres ERROR connection auth_failed dynapipe@postgres from 10.0.0.75:48820: password authentication failed for user "dynapipe"`,
    ],
    [
      'an authentication with its method',
      connectionEvent(T0, { event: 'authenticated', pid: 1, user: 'dms', database: 'appdb', method: 'scram-sha-256' }),
      `${AT} postgres connection authenticated dms@appdb (scram-sha-256)`,
    ],
    [
      'a disconnection with its session time',
      connectionEvent(T0, { event: 'disconnected', pid: 1, user: 'dms', host: '[local]', sessionMs: 83_000 }),
      `${AT} postgres connection disconnected dms@? from [local] after 1m 23s`,
    ],
    ['a task line', taskEvent(T0, 'SOURCE_CAPTURE', 'E', 'Failed to connect to database. [1020401]'), `${AT} dms-task ERROR [SOURCE_CAPTURE] Failed to connect to database. [1020401]`],
    ['a task warning', taskEvent(T0, 'TARGET_APPLY', 'W', 'Slow'), `${AT} dms-task WARN [TARGET_APPLY] Slow`],
    ['a log line', logEvent(T0, 'checkpoint starting: time', { source: 'postgres', pg: { level: 'LOG' } }), `${AT} postgres checkpoint starting: time`],
    [
      'a reconnect',
      session({ event: 'reconnecting', reason: 'SessionTimeoutException', retryInMs: 2000, attempt: 1 }, 'Live Tail ended'),
      `${AT} live     WARN reconnecting (SessionTimeoutException), retry in 2s`,
    ],
    ['a later reconnect', session({ event: 'reconnecting', reason: 'heartbeat lost', retryInMs: 8000, attempt: 3 }), `${AT} live     WARN reconnecting (heartbeat lost), retry in 8s, attempt 3`],
    ['a session connected', session({ event: 'connected', groups: ['dms-serverless-replication-RID1', '/aws/rds/instance/db/postgresql'] }), `${AT} live     connected: dms-serverless-replication-RID1, /aws/rds/instance/db/postgresql`],
    ['a backfill with a cut', session({ event: 'backfilled', count: 10_000, cut: 312, groups: ['g'] }), `${AT} live     backfilled 10,000 events, 312 older ones left out: g`],
    ['a group joined', session({ event: 'joined', groups: ['dms-serverless-replication-RID1'] }), `${AT} live     joined: dms-serverless-replication-RID1`],
    ['sampling', session({ event: 'sampled', sampled: true }), `${AT} live     WARN sampled: CloudWatch sends a sample of the events`],
    ['the rate', session({ event: 'rate', eventsPerSecond: 12.5, billedMinutes: 61 }), `${AT} live     rate 12.5 events/s, 61 session minutes billed`],
    [
      'a session warning, in its own words',
      session({ event: 'warning', reason: 'missing log group' }, 'the log group /aws/rds/instance/db/postgresql does not exist: export the postgresql log'),
      `${AT} live     WARN the log group /aws/rds/instance/db/postgresql does not exist: export the postgresql log`,
    ],
    ['an idle close', session({ event: 'idle' }, 'nothing arrived for 60 minutes; polling goes on'), `${AT} live     idle: nothing arrived for 60 minutes; polling goes on`],
    ['an action requested', action({ name: 'start', startType: 'resume-processing', outcome: 'requested' }), `${AT} api      start (resume-processing) requested`],
    ['an action that succeeded', action({ name: 'stop', outcome: 'succeeded', status: 'stopping' }), `${AT} api      stop succeeded, status stopping`],
    [
      'an action refused',
      action({ name: 'start', startType: 'reload-target', outcome: 'failed', error: 'the replication is running: stop it first' }, 'error'),
      `${AT} api      ERROR start (reload-target) failed: the replication is running: stop it first`,
    ],
  ])('%s', (_name, event, line) => {
    expect(toPlainLine(event)).toBe(line);
  });
});

describe('toPlainLine: hostile text', () => {
  const HOSTILE = 'line one\nline two\twith a tab \u001b[31mred\u001b[0m \u001b]52;c;cHduZWQ=\u0007 \u009b2J \u202eevil\u202c\u2028end\r';

  it.each<[string, DmsEvent, string]>([
    [
      'an exact failure message',
      stateEvent(T0, 'failed', { failureMessage: HOSTILE }),
      'state failed — line one\\nline two with a tab \\x1b[31mred\\x1b[0m \\x1b]52;c;cHduZWQ=\\x07 \\x9b2J \\u202eevil\\u202c\\u2028end\\r',
    ],
    ['an exact connection reason', connectionEvent(T0, { event: 'failed', pid: 1, reason: HOSTILE }), 'connection failed: line one\\nline two'],
    ['an exact status failure', statusEvent(T0, 'failed', { failureMessage: HOSTILE }), 'status failed — line one\\nline two'],
    ['a hostile user name', connectionEvent(T0, { event: 'authorized', pid: 1, user: 'u\u001b[2J', database: 'd\n' }), 'connection authorized u\\x1b[2J@d\\n'],
    ['a hostile component', taskEvent(T0, 'X\u001b[1m', 'I', HOSTILE), '[X\\x1b[1m] line one\\nline two'],
    ['a hostile session reason', session({ event: 'reconnecting', reason: HOSTILE }), 'reconnecting (line one\\nline two'],
    ['a hostile action error', action({ name: 'stop', outcome: 'failed', error: HOSTILE }, 'error'), 'stop failed: line one\\nline two'],
    ['a hostile log line, as parsed', parseLogRecord({ message: HOSTILE }, T0), 'line one\\nline two'],
  ])('%s: one safe line', (_name, event, shown) => {
    const line = toPlainLine(event);
    expect(hasTerminalControls(line)).toBe(false);
    expect(line).not.toContain('\n');
    expect(line).toBe(line.trimEnd());
    expect(line).toContain(shown);
  });

  it('never ends in spaces, even when the text does', () => {
    expect(toPlainLine(logEvent(T0, 'trailing \t  '))).toBe(`${AT} other    trailing`);
    expect(toPlainLine(stateEvent(T0, 'running', { message: 'tab\t' }))).toBe(`${AT} dms      state running: tab`);
  });

  it('caps a huge line, still one line', () => {
    const line = toPlainLine(stateEvent(T0, 'failed', { failureMessage: 'x\n'.repeat(100_000) }));
    expect(line.length).toBeLessThan(10_100);
    expect(line).toMatch(/more characters cut\]$/);
  });
});

describe('toPlainLine: time', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('is UTC by default, and local time with its offset on request', () => {
    process.env.TZ = 'Europe/Berlin';
    const event = logEvent(T0, 'x');
    expect(toPlainLine(event)).toBe(`${AT} other    x`);
    expect(toPlainLine(event, { utc: true })).toBe(`${AT} other    x`);
    expect(toPlainLine(event, { utc: false })).toBe('2024-08-03 16:44:00+02:00 other    x');
    process.env.TZ = 'America/St_Johns';
    expect(toPlainLine(event, { utc: false })).toBe('2024-08-03 12:14:00-02:30 other    x');
  });

  it('shows a time it cannot represent as a dash', () => {
    expect(toPlainLine(logEvent(Number.NaN, 'x'))).toBe('- other    x');
  });
});
