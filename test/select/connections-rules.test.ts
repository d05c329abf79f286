import { describe, expect, it } from 'vitest';
import type { ConnectionEvent } from '../../src/events/types.js';
import { ConnectionsBuilder, selectConnections } from '../../src/select/connections.js';
import { replicationKeyOf, resourceIdOf } from '../../src/select/replication-key.js';
import { connectionEvent, logEvent, stateEvent, T0 } from '../support/events.js';

/** How PostgreSQL connection steps fold into attempts (src/select/connections.ts), each rule pinned. */

const host = { host: '10.0.0.75', port: 48820 };

describe('one attempt, step by step', () => {
  it('authenticated but never authorized stays "authenticated"; a late authentication does not undo "connected"', () => {
    const [only] = selectConnections([connectionEvent(T0, { event: 'received', pid: 1, ...host }), connectionEvent(T0 + 1, { event: 'authenticated', pid: 1, method: 'md5' })]);
    expect(only).toMatchObject({ outcome: 'authenticated', method: 'md5', last: T0 + 1 });
    const [late] = selectConnections([
      connectionEvent(T0, { event: 'received', pid: 2, ...host }),
      connectionEvent(T0 + 1, { event: 'authorized', pid: 2, user: 'dms' }),
      connectionEvent(T0 + 1, { event: 'authenticated', pid: 2 }),
    ]);
    expect(late?.outcome).toBe('connected');
  });

  it('keeps what each step tells: names from the step or the line prefix, application, replication, ssl, session time', () => {
    const base = connectionEvent(T0, { event: 'received', pid: 7, ...host });
    const authorized = connectionEvent(T0 + 2, { event: 'authorized', pid: 7, application: 'dms-app', replication: true, ssl: false });
    const [a] = selectConnections([
      base,
      { ...authorized, pg: { ...authorized.pg, user: 'from_prefix', database: 'db_prefix' } },
      connectionEvent(T0 + 900, { event: 'disconnected', pid: 7, sessionMs: 898 }),
    ]);
    expect(a).toMatchObject({ key: `7@${String(T0)}`, pid: 7, host: '10.0.0.75', port: 48820, user: 'from_prefix', database: 'db_prefix', application: 'dms-app', replication: true, ssl: false, outcome: 'closed', sessionMs: 898, logGroup: '/aws/rds/instance/db1/postgresql' });
  });

  it('takes host and port from the line prefix when the step does not say, and the step\'s names over the prefix\'s', () => {
    const step = connectionEvent(T0, { event: 'authorized', pid: 3, user: 'step_user', database: 'step_db' });
    const [a] = selectConnections([{ ...step, pg: { ...step.pg, host: '10.9.9.9', port: 5555, user: 'prefix_user', database: 'prefix_db' } }]);
    expect(a).toMatchObject({ host: '10.9.9.9', port: 5555, user: 'step_user', database: 'step_db', outcome: 'connected' });
  });
});

describe('which steps belong to one attempt', () => {
  it('a failure stays open for its disconnection line, which joins it; the pid\'s next `connection received` is a new attempt', () => {
    const attempts = selectConnections([
      connectionEvent(T0, { event: 'received', pid: 9, ...host }),
      connectionEvent(T0 + 1, { event: 'auth_failed', pid: 9, reason: 'password authentication failed for user "x"' }),
      connectionEvent(T0 + 2, { event: 'disconnected', pid: 9, sessionMs: 2 }),
      connectionEvent(T0 + 10, { event: 'received', pid: 9, ...host }),
    ]);
    expect(attempts.map((a) => [a.outcome, a.start])).toEqual([['auth_failed', T0], ['pending', T0 + 10]]);
    expect(attempts[0]?.sessionMs).toBe(2);
  });

  it('a closed attempt is done: a later step of its pid opens another', () => {
    const attempts = selectConnections([
      connectionEvent(T0, { event: 'received', pid: 4, ...host }),
      connectionEvent(T0 + 1, { event: 'authorized', pid: 4 }),
      connectionEvent(T0 + 2, { event: 'disconnected', pid: 4 }),
      connectionEvent(T0 + 3, { event: 'authorized', pid: 4 }),
    ]);
    expect(attempts.map((a) => a.outcome)).toEqual(['closed', 'connected']);
    expect(attempts[1]?.key).toBe(`4@${String(T0 + 3)}`);
  });

  it('without a pid, steps join by host and port', () => {
    const noPid = (t: number, event: ConnectionEvent['connection']['event'], port: number): ConnectionEvent => {
      const e = connectionEvent(t, { event, host: '10.0.0.1', port });
      return { ...e, pg: { ...e.pg, pid: undefined } };
    };
    const attempts = selectConnections([noPid(T0, 'received', 1), noPid(T0 + 1, 'received', 2), noPid(T0 + 2, 'authorized', 1)]);
    expect(attempts.map((a) => [a.port, a.outcome, a.key])).toEqual([[1, 'connected', `?@${String(T0)}`], [2, 'pending', `?@${String(T0 + 1)}`]]);
  });

  it('the same pid in two log groups (two databases) is two attempts', () => {
    const other = (e: ConnectionEvent): ConnectionEvent => ({ ...e, logGroup: '/aws/rds/instance/db2/postgresql' });
    const attempts = selectConnections([
      connectionEvent(T0, { event: 'received', pid: 5, ...host }),
      other(connectionEvent(T0 + 1, { event: 'received', pid: 5, ...host })),
      connectionEvent(T0 + 2, { event: 'authorized', pid: 5 }),
    ]);
    expect(attempts.map((a) => [a.logGroup, a.outcome])).toEqual([['/aws/rds/instance/db1/postgresql', 'connected'], ['/aws/rds/instance/db2/postgresql', 'pending']]);
  });
});

describe('a DETAIL or HINT line completes the reason of the failure before it', () => {
  const failure = [
    connectionEvent(T0, { event: 'received', pid: 8, ...host }),
    connectionEvent(T0 + 1, { event: 'auth_failed', pid: 8, reason: 'password authentication failed for user "x"' }),
  ];
  const pgLine = (text: string, level: string, pid: number) => logEvent(T0 + 1, text, { source: 'postgres', pg: { level, pid } });

  it.each([
    ['a DETAIL of its pid', pgLine('Role "x" does not exist.', 'DETAIL', 8), 'password authentication failed for user "x" (Role "x" does not exist.)'],
    ['a HINT of its pid', pgLine('Check the role.', 'HINT', 8), 'password authentication failed for user "x" (Check the role.)'],
    ['not a DETAIL of another pid', pgLine('Role "y" does not exist.', 'DETAIL', 80), 'password authentication failed for user "x"'],
    ['not a LOG line of its pid', pgLine('checkpoint starting: time', 'LOG', 8), 'password authentication failed for user "x"'],
    ['not a line that is no PostgreSQL entry', logEvent(T0 + 1, 'Role "x" does not exist.'), 'password authentication failed for user "x"'],
    ['not twice', pgLine('password authentication failed', 'DETAIL', 8), 'password authentication failed for user "x"'],
  ])('%s', (_what, detail, reason) => {
    expect(selectConnections([...failure, detail])[0]?.reason).toBe(reason);
  });

  it('a failure without a reason takes the DETAIL as its reason; no failure, nothing to complete', () => {
    const bare = connectionEvent(T0 + 1, { event: 'failed', pid: 8 });
    const [a] = selectConnections([failure[0] as ConnectionEvent, { ...bare, text: '' }, pgLine('Only this.', 'DETAIL', 8)]);
    expect(a?.reason).toBe('Only this.');
    expect(selectConnections([pgLine('Orphan.', 'DETAIL', 8)])).toEqual([]);
  });
});

describe('since() and the bounds', () => {
  it('since() gives the attempts that began at or after a time, at most `max`, earliest first', () => {
    const builder = new ConnectionsBuilder();
    for (const [i, t] of [0, 10, 20, 30].entries()) builder.add(connectionEvent(T0 + t, { event: 'received', pid: i, ...host }));
    expect(builder.since(T0 + 10).map((a) => a.pid)).toEqual([1, 2, 3]);
    expect(builder.since(T0 + 11).map((a) => a.pid)).toEqual([2, 3]);
    expect(builder.since(T0 + 10, 2).map((a) => a.pid)).toEqual([1, 2]);
    expect(builder.since(T0 + 31)).toEqual([]);
  });

  it('keeps the newest `limit` attempts and counts every one, dropped or not', () => {
    const builder = new ConnectionsBuilder({ limit: 2 });
    for (let i = 0; i < 10; i++) {
      builder.add(connectionEvent(T0 + i, { event: 'received', pid: i, ...host }));
      if (i % 2 === 0) builder.add(connectionEvent(T0 + i, { event: 'authorized', pid: i }));
    }
    expect(builder.list().map((a) => a.pid)).toEqual([8, 9]);
    expect(builder.droppedCount).toBeGreaterThan(0);
    expect(builder.counts()).toEqual({ total: 10, byOutcome: { pending: 5, authenticated: 0, connected: 5, closed: 0, auth_failed: 0, failed: 0 } });
  });

  it('forgets the oldest open attempts of a log that never closes them: a late step of one starts a new attempt', () => {
    const builder = new ConnectionsBuilder({ limit: 4 });
    for (let pid = 1; pid <= 5; pid++) builder.add(connectionEvent(T0 + pid, { event: 'received', pid, ...host }));
    builder.add(connectionEvent(T0 + 10, { event: 'authorized', pid: 1 }));
    builder.add(connectionEvent(T0 + 11, { event: 'authorized', pid: 5 }));
    expect(builder.counts().total).toBe(6);
    expect(builder.list().map((a) => [a.pid, a.outcome])).toEqual([[3, 'pending'], [4, 'pending'], [5, 'connected'], [1, 'connected']]);
  });
});

describe('the replication an event belongs to', () => {
  it.each([
    ['its DMS log group', stateEvent(T0, 'running'), 'RID1'],
    ['its orchestrator stream when the group says nothing', stateEvent(T0, 'running', { logGroup: undefined, logStream: 'dms-serverless-replication-orchestrator-ABC' }), 'ABC'],
    ['nothing after the stream prefix', stateEvent(T0, 'running', { logGroup: undefined, logStream: 'dms-serverless-replication-orchestrator-' }), undefined],
    ['another stream', stateEvent(T0, 'running', { logGroup: 'other', logStream: 'x-dms-serverless-replication-orchestrator-ABC' }), undefined],
    ['a PostgreSQL line', logEvent(T0, 'x', { logGroup: '/aws/rds/instance/db1/postgresql' }), undefined],
  ])('%s', (_what, event, key) => {
    expect(replicationKeyOf(event)).toBe(key);
  });

  it.each([
    ['arn:aws:dms:eu-central-1:123456789012:replication-config:ABC', 'ABC'],
    ['ABC', 'ABC'],
    [':ABC', 'ABC'],
  ])('resourceIdOf(%j) is %j', (given, id) => {
    expect(resourceIdOf(given)).toBe(id);
  });
});
