import { describe, expect, it } from 'vitest';
import { ConnectionsBuilder, selectConnections } from '../../src/select/connections.js';
import { connectionEvent, logEvent, T0 } from '../support/events.js';

const host = { host: '10.0.0.75', port: 48820 };

describe('selectConnections', () => {
  it('follows one attempt from received to disconnected', () => {
    const [a, ...rest] = selectConnections([
      connectionEvent(T0, { event: 'received', pid: 3000, ...host }),
      connectionEvent(T0 + 5, { event: 'authenticated', pid: 3000, user: 'dynapipe', method: 'md5' }),
      connectionEvent(T0 + 6, { event: 'authorized', pid: 3000, user: 'dynapipe', database: 'postgres', ssl: true, application: 'dms' }),
      connectionEvent(T0 + 900, { event: 'disconnected', pid: 3000, sessionMs: 894 }),
    ]);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({
      pid: 3000,
      start: T0,
      host: '10.0.0.75',
      port: 48820,
      user: 'dynapipe',
      database: 'postgres',
      method: 'md5',
      ssl: true,
      outcome: 'closed',
      sessionMs: 894,
    });
  });

  it('records a refused login with its reason and the DETAIL line that follows', () => {
    const [a] = selectConnections([
      connectionEvent(T0, { event: 'received', pid: 14830, ...host }),
      connectionEvent(T0 + 1, { event: 'auth_failed', pid: 14830, user: 'no_such_user', reason: 'password authentication failed for user "no_such_user"' }),
      logEvent(T0 + 1, 'Role "no_such_user" does not exist.', { source: 'postgres', pg: { level: 'DETAIL', pid: 14830 } }),
    ]);
    expect(a?.outcome).toBe('auth_failed');
    expect(a?.reason).toBe('password authentication failed for user "no_such_user" (Role "no_such_user" does not exist.)');
  });

  it('keeps a failure as the outcome when the disconnection line follows', () => {
    const [a] = selectConnections([
      connectionEvent(T0, { event: 'received', pid: 1, ...host }),
      connectionEvent(T0 + 1, { event: 'authorized', pid: 1, database: 'x' }),
      connectionEvent(T0 + 2, { event: 'failed', pid: 1, reason: 'terminating connection due to administrator command' }),
      connectionEvent(T0 + 3, { event: 'disconnected', pid: 1, sessionMs: 3 }),
    ]);
    expect(a).toMatchObject({ outcome: 'failed', reason: 'terminating connection due to administrator command', sessionMs: 3 });
  });

  it('opens a new attempt when a pid is reused', () => {
    const rows = selectConnections([
      connectionEvent(T0, { event: 'received', pid: 7, ...host }),
      connectionEvent(T0 + 1, { event: 'disconnected', pid: 7 }),
      connectionEvent(T0 + 60_000, { event: 'received', pid: 7, ...host }),
    ]);
    expect(rows.map((r) => r.outcome)).toEqual(['closed', 'pending']);
  });

  it('starts an attempt from a later step when the log began mid-connection', () => {
    const [a] = selectConnections([connectionEvent(T0, { event: 'authorized', pid: 9, user: 'u', database: 'd' })]);
    expect(a).toMatchObject({ pid: 9, outcome: 'connected', user: 'u', database: 'd' });
  });

  it('keeps only the newest attempts past its limit but counts them all', () => {
    const b = new ConnectionsBuilder({ limit: 10 });
    for (let i = 0; i < 100; i++) b.add(connectionEvent(T0 + i, { event: 'received', pid: i, ...host }));
    expect(b.list()).toHaveLength(10);
    expect(b.list()[0]?.pid).toBe(90);
    expect(b.counts().total).toBe(100);
    expect(b.counts().byOutcome.pending).toBe(100);
  });
});
