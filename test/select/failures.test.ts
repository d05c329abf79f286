import { describe, expect, it } from 'vitest';
import { selectFailures } from '../../src/select/failures.js';
import { hasTerminalControls } from '../support/text.js';
import { connectionEvent, logEvent, snapshot, stateEvent, statusEvent, taskEvent, T0 } from '../support/events.js';

const s = (n: number): number => T0 + n * 1000;
const testFailed = (at: number) =>
  stateEvent(at, 'failed', {
    message: 'Test connection failed for endpoint src.',
    failureMessage: "Test connection failed for endpoint 'src' and replication config 'cfg'.",
  });
const pgSeen = logEvent(s(1), 'database system is ready to accept connections', { source: 'postgres', pg: { level: 'LOG' } });

describe('selectFailures: a failed test connection, read with what PostgreSQL saw', () => {
  it('points at the network when PostgreSQL saw no connection', () => {
    const [f] = selectFailures([pgSeen, stateEvent(s(10), 'testing_connection'), testFailed(s(70))]);
    expect(f?.title).toBe('Replication failed');
    expect(f?.hint).toMatch(/saw no connection/);
    expect(f?.hint).toMatch(/security group/);
  });

  it('points at credentials when PostgreSQL refused the password', () => {
    const failures = selectFailures([
      stateEvent(s(10), 'testing_connection'),
      connectionEvent(s(20), { event: 'received', pid: 3000, host: '10.0.0.75', port: 48820 }),
      connectionEvent(s(20), { event: 'auth_failed', pid: 3000, user: 'dynapipe', reason: 'password authentication failed for user "dynapipe"' }),
      testFailed(s(70)),
    ]);
    const replication = failures.find((f) => f.title === 'Replication failed');
    expect(replication?.hint).toMatch(/refused the login/);
    expect(replication?.hint).toMatch(/password/);
    expect(failures.find((f) => f.title === 'PostgreSQL refused login')?.text).toContain('dynapipe');
  });

  it('points at DatabaseName when the database does not exist', () => {
    const failures = selectFailures([
      stateEvent(s(10), 'testing_connection'),
      connectionEvent(s(20), { event: 'received', pid: 1, host: '10.0.0.75', port: 1 }),
      connectionEvent(s(20), { event: 'failed', pid: 1, reason: 'database "no_such_db" does not exist' }),
      testFailed(s(70)),
    ]);
    expect(failures.find((f) => f.title === 'Replication failed')?.hint).toMatch(/DatabaseName/);
  });

  it('says the PostgreSQL log is missing when there is none', () => {
    const [f] = selectFailures([stateEvent(s(10), 'testing_connection'), testFailed(s(70))]);
    expect(f?.hint).toMatch(/No PostgreSQL log/);
  });

  it('ignores connections from before the test began', () => {
    const failures = selectFailures([
      connectionEvent(s(0), { event: 'received', pid: 1, host: 'h', port: 1 }),
      connectionEvent(s(0), { event: 'auth_failed', pid: 1, reason: 'password authentication failed for user "x"' }),
      stateEvent(s(10), 'testing_connection'),
      testFailed(s(70)),
    ]);
    expect(failures.find((f) => f.title === 'Replication failed')?.hint).toMatch(/saw no connection/);
  });
});

describe('selectFailures: other highlights', () => {
  it('folds repeats into one highlight with a count', () => {
    const failures = selectFailures(
      Array.from({ length: 5 }, (_, i) =>
        connectionEvent(s(i), { event: 'auth_failed', pid: i, user: 'dms', reason: 'password authentication failed for user "dms"' }),
      ),
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ count: 5, time: s(0), lastTime: s(4) });
  });

  it('folds errors that differ only in their numbers', () => {
    const failures = selectFailures([
      taskEvent(s(1), 'TARGET_LOAD', 'E', "Failed to load table 'public'.'orders_15': 12 rows rejected"),
      taskEvent(s(2), 'TARGET_LOAD', 'E', "Failed to load table 'public'.'orders_93': 7 rows rejected"),
      taskEvent(s(3), 'TARGET_LOAD', 'E', "Failed to create table 'public'.'orders_93'"),
    ]);
    expect(failures.map((f) => f.count)).toEqual([2, 1]);
    expect(failures[0]?.text).toContain('orders_15');
  });

  it('folds the orchestrator and DescribeReplications reporting one failure', () => {
    const failures = selectFailures([
      stateEvent(s(1), 'failed', { failureMessage: 'boom' }),
      statusEvent(s(2), 'failed', { snapshot: snapshot({ status: 'failed', failureMessages: ['boom'] }), changes: ['status', 'failureMessages'] }),
    ]);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.count).toBe(2);
  });

  it('highlights an abnormal stop reason but not a normal one', () => {
    const failures = selectFailures([
      statusEvent(s(1), 'stopped', { snapshot: snapshot({ status: 'stopped', stopReason: 'Stop Reason NORMAL' }), changes: ['status', 'stopReason'] }),
      statusEvent(s(2), 'stopped', { snapshot: snapshot({ status: 'stopped', stopReason: 'Stop Reason FATAL_ERROR' }), changes: ['stopReason'] }),
    ]);
    expect(failures.map((f) => f.text)).toEqual(['Stop Reason FATAL_ERROR']);
  });

  it('highlights DMS task errors with a hint for their component, not warnings', () => {
    const failures = selectFailures([
      taskEvent(s(1), 'SOURCE_CAPTURE', 'E', 'Could not find replication slot'),
      taskEvent(s(2), 'SOURCE_CAPTURE', 'W', 'Slow'),
    ]);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.hint).toMatch(/logical replication/);
  });

  it('highlights FATAL entries that are not connection steps', () => {
    const [f] = selectFailures([logEvent(s(1), 'could not open file "base/1/2"', { source: 'postgres', pg: { level: 'PANIC' } })]);
    expect(f?.title).toBe('PostgreSQL PANIC');
  });

  it('shows that a failure message was cut short', () => {
    const [f] = selectFailures([stateEvent(s(1), 'failed', { failureMessage: "Test connection failed for endpoint 'src' and replication config 'x-", truncated: true })]);
    expect(f?.text).toBe("Test connection failed for endpoint 'src' and replication config 'x-…");
  });

  it('keeps highlight text terminal-safe', () => {
    const [f] = selectFailures([stateEvent(s(1), 'failed', { failureMessage: 'bad \u001b]52;c;aGk=\u0007 thing' })]);
    expect(hasTerminalControls(f?.text ?? '')).toBe(false);
  });

  it('keeps the title, the text and a hint that quotes an exact PostgreSQL reason terminal-safe', () => {
    const reason = 'password authentication failed for user "x"\nDETAIL \u001b[2J\u202e';
    const failures = selectFailures([
      stateEvent(s(0), 'testing_connection'),
      connectionEvent(s(1), { event: 'received', pid: 7, host: '10.0.0.1', port: 5 }),
      connectionEvent(s(1), { event: 'auth_failed', pid: 7, user: 'x', database: 'd', reason }),
      stateEvent(s(2), 'failed', { failureMessage: 'Test connection failed\nfor endpoint \u001b]0;t\u0007' }),
      taskEvent(s(3), 'SOURCE\u001b[1m', 'E', 'boom'),
    ]);
    expect(failures.map((f) => f.title)).toEqual(['PostgreSQL refused login', 'Replication failed', 'DMS task error (SOURCE\\x1b[1m)']);
    for (const f of failures) {
      expect(hasTerminalControls(`${f.title}${f.text}${f.hint}`)).toBe(false);
    }
    expect(failures[1]?.hint).toContain('refused the login (password authentication failed for user "x"\\nDETAIL \\x1b[2J\\u202e)');
  });
});
