import { describe, expect, it } from 'vitest';
import { ConnectionPane } from '../../../components/panes/connections/connection-pane.js';
import { connectionRows } from '../../../components/panes/connections/connection-rows.js';
import type { ConnectionAttempt } from '../../../src/select/connections.js';
import type { TimelineSegment } from '../../../src/select/timeline.js';
import { renderAt } from '../render-at.js';
import { expectFits, HOSTILE, screenLines } from './support.js';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const S = 1000;

function attempt(i: number, start: number, outcome: ConnectionAttempt['outcome'], extra: Partial<ConnectionAttempt> = {}): ConnectionAttempt {
  return { key: `${String(i)}@${String(start)}`, pid: i, start, last: start, host: '10.0.1.25', port: 5432, user: 'dms_user', database: 'appdb', method: 'md5', outcome, ...extra };
}

const testing: TimelineSegment[] = [
  { run: 1, state: 'initializing', start: T0, end: T0 + 10 * S, durationMs: 10 * S, outcome: 'done' },
  { run: 1, state: 'testing_connection', start: T0 + 10 * S, end: T0 + 40 * S, durationMs: 30 * S, outcome: 'failed' },
  { run: 1, state: 'failed', start: T0 + 40 * S, outcome: 'failed' },
];

const attempts = [
  attempt(1, T0 + 2 * S, 'closed', { user: 'app', method: 'scram-sha-256' }),
  attempt(2, T0 + 12 * S, 'auth_failed', { reason: 'password authentication failed for user "dms_user" — Password does not match for user "dms_user".' }),
  attempt(3, T0 + 20 * S, 'failed', { reason: 'no pg_hba.conf entry for host "10.0.1.25", user "dms_user", database "appdb", no encryption' }),
  attempt(4, T0 + 25 * S, 'failed', { reason: 'database "appdb" does not exist' }),
  attempt(5, T0 + 90 * S, 'connected', { user: 'app' }),
];

describe('connection pane', () => {
  it('shows one row per attempt (time, host:port, user@database, method, outcome, reason), DMS test attempts under their own heading', () => {
    const r = renderAt(<ConnectionPane attempts={attempts} segments={testing} width={180} height={10} utc />, { columns: 180, rows: 10 });
    const lines = screenLines(r);
    expect(lines[0]).toMatch(/^12:00:02 10\.0\.1\.25:5432 +app@appdb +scram-sha-256 +ok$/);
    expect(lines[1]).toMatch(/^── DMS test connection, from 12:00:12 ─+$/);
    expect(lines[2]).toMatch(/^12:00:12 10\.0\.1\.25:5432 +dms_user@appdb +md5 +auth failed +password authentication failed for user "dms_user" — Password does not match/);
    expect(lines[3]).toMatch(/md5 +refused +no pg_hba\.conf entry/);
    expect(lines[4]).toMatch(/md5 +failed +database "appdb" does not exist$/);
    expect(lines[5]).toMatch(/^── other connections ─+$/);
    expect(lines[6]).toMatch(/^12:01:30 .* ok$/);
    expectFits(r, 180, 10);
  });

  it('has no heading when DMS never tested the connection', () => {
    expect(connectionRows(attempts, []).every((row) => row.kind === 'attempt')).toBe(true);
  });

  it('drops the method, then who, in a narrow pane, and keeps the outcome', () => {
    const narrow = screenLines(renderAt(<ConnectionPane attempts={attempts} segments={[]} width={60} height={5} utc />, { columns: 60, rows: 5 }));
    expect(narrow[1]).toMatch(/^12:00:12 10\.0\.1\.25:5432 +auth failed +password/);
    const tiny = screenLines(renderAt(<ConnectionPane attempts={attempts} segments={[]} width={30} height={5} utc />, { columns: 30, rows: 5 }));
    expect(tiny[1]).toMatch(/^12:00:12 auth failed +password…$/);
  });

  it('shows the newest rows that fit, and older ones when scrolled up', () => {
    const many = Array.from({ length: 200 }, (_, i) => attempt(i, T0 + i * S, 'closed'));
    const newest = screenLines(renderAt(<ConnectionPane attempts={many} segments={[]} width={80} height={4} utc />, { columns: 80, rows: 4 }));
    expect(newest).toHaveLength(4);
    expect(newest[3]).toMatch(/^12:03:19 /);
    const up = screenLines(renderAt(<ConnectionPane attempts={many} segments={[]} width={80} height={4} offsetFromEnd={1000} utc />, { columns: 80, rows: 4 }));
    expect(up[0]).toMatch(/^12:00:00 /);
  });

  it('shows a reason with escape sequences made visible, and hostile text never breaks the frame', () => {
    const hostile = HOSTILE.map((text, i) => attempt(i, T0 + i * S, 'auth_failed', { reason: text, user: text.slice(0, 40), host: text.slice(0, 30) }));
    for (const color of [true, false]) {
      for (const [w, h] of [[140, 6], [45, 3]] as const) {
        const r = renderAt(<ConnectionPane attempts={hostile} segments={testing} width={w} height={h} utc />, { columns: w, rows: h, color });
        expectFits(r, w, h);
        expect(r.lastFrame()).not.toContain('\u001b]0;');
        r.unmount();
      }
    }
    const wide = screenLines(renderAt(<ConnectionPane attempts={hostile} segments={[]} width={200} height={3} utc />, { columns: 200, rows: 3 }));
    expect(wide[0]).toContain('\\x1b]0;pwned\\x07\\x1b[2J');
  });

  it('says when there is no attempt yet', () => {
    expect(screenLines(renderAt(<ConnectionPane attempts={[]} segments={[]} width={60} height={2} />, { columns: 60, rows: 2 }))[0]).toBe('No PostgreSQL connection seen yet.');
  });
});
