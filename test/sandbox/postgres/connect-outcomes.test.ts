import { describe, expect, it, vi } from 'vitest';
import type { Sandbox, ScenarioSpec } from '../../../src/sandbox/index.js';
import type { ConnectionAttempt } from '../../../src/select/connections.js';
import { T0 } from '../support.js';
import { parsedEvents, realPostgres, realSandbox, sourceGroup, tcpAttempts } from './support.js';

/** One replication whose start makes one attempt of each outcome, a second apart. */
const OUTCOMES: ScenarioSpec = {
  name: 'connect-outcomes',
  endpoints: [
    { id: 'pg', type: 'source', rdsInstance: 'orders-db', database: 'orders', username: 'dynapipe' },
    { id: 'lake', type: 'target', engine: 's3' },
  ],
  replications: [
    {
      id: 'orders-to-lake',
      source: 'pg',
      target: 'lake',
      autoStartAfterSeconds: 0,
      onStart: [
        { at: 1, postgres: [{ connect: { outcome: 'success', sessionSeconds: 1 } }] },
        { at: 3, postgres: [{ connect: { outcome: 'password' } }] },
        { at: 4, postgres: [{ connect: { outcome: 'no-role', user: 'ghost' } }] },
        { at: 5, postgres: [{ connect: { outcome: 'no-database', database: 'gone' } }] },
        { at: 6, postgres: [{ connect: { outcome: 'no-hba' } }] },
      ],
    },
  ],
};

const ENDED = new Set(['closed', 'auth_failed', 'failed']);

/** Attempts ended after each second of OUTCOMES: the session of 1 s ends at 2 s, then one a second. */
const ENDED_BY_SECOND = [0, 1, 2, 3, 4, 5];

/** Moves the clock a second at a time up to `seconds`, letting each second's attempt end before the next begins. */
async function playTo(sandbox: Sandbox, seconds: number): Promise<ConnectionAttempt[]> {
  const group = sourceGroup(sandbox);
  let attempts: ConnectionAttempt[] = [];
  for (let s = 1; s <= seconds; s++) {
    await sandbox.advance(1000);
    const due = ENDED_BY_SECOND[s - 1];
    await vi.waitFor(async () => {
      attempts = tcpAttempts(await parsedEvents(sandbox, group));
      expect(attempts.filter((a) => ENDED.has(a.outcome)).length).toBe(due);
    });
  }
  return attempts;
}

describe.runIf(realPostgres.available)(`connect steps against a real PostgreSQL${realPostgres.why}`, () => {
  it('each outcome comes from the server itself, and watch/replay classify its lines', async () => {
    const { sandbox } = await realSandbox({ scenario: OUTCOMES, startTime: T0 });
    const attempts = await playTo(sandbox, 6);
    expect(attempts.map((a) => a.outcome)).toEqual(['closed', 'auth_failed', 'auth_failed', 'failed', 'auth_failed']);
    const [success, password, noRole, noDatabase, noHba] = attempts;
    const pids = attempts.map((a) => a.pid);
    expect(new Set(pids).size).toBe(5);
    for (const a of attempts) {
      expect(a.pid).toBeGreaterThan(0);
      expect(a.port).toBeGreaterThan(1023);
    }
    // DMS uses TLS (sslmode=require), as the server's `SSL enabled (...)` says.
    expect(success).toMatchObject({ user: 'dynapipe', database: 'orders', host: '127.0.0.1', method: 'md5', ssl: true });
    expect(success?.replication).not.toBe(true);
    expect(success?.sessionMs).toBeGreaterThanOrEqual(0);
    // PostgreSQL 16 and later word the matched rule `file "<path>" line N`; RDS's PostgreSQL 15 says `pg_hba.conf line N`.
    expect(password).toMatchObject({ user: 'dynapipe', database: 'orders', host: '127.0.0.1' });
    expect(password?.reason).toMatch(
      /^password authentication failed for user "dynapipe" \(Password does not match for user "dynapipe"\. Connection matched file ".*\/pg_hba\.conf" line 4: "host +all +all +127\.0\.0\.1\/32 +md5"\)$/,
    );
    expect(noRole).toMatchObject({ user: 'ghost', database: 'orders', host: '127.0.0.1' });
    expect(noRole?.reason).toMatch(/^password authentication failed for user "ghost" \(Role "ghost" does not exist\. Connection matched file /);
    expect(noDatabase).toMatchObject({ user: 'dynapipe', database: 'gone', method: 'md5', reason: 'database "gone" does not exist' });
    expect(noHba).toMatchObject({
      user: 'dynapipe',
      database: 'orders',
      host: '127.0.0.2',
      reason: 'no pg_hba.conf entry for host "127.0.0.2", user "dynapipe", database "orders", SSL encryption',
    });
  });

  it('password_encryption scram-sha-256 makes the method and the stored secrets SCRAM', async () => {
    const { sandbox } = await realSandbox({ scenario: { ...OUTCOMES, passwordEncryption: 'scram-sha-256' }, startTime: T0 });
    const attempts = await playTo(sandbox, 3);
    expect(attempts.map((a) => [a.outcome, a.method])).toEqual([['closed', 'scram-sha-256'], ['auth_failed', undefined]]);
    // A SCRAM exchange tells no more than that it failed: the DETAIL names only the rule.
    expect(attempts[1]?.reason).toMatch(/^password authentication failed for user "dynapipe" \(Connection matched file ".*" line 4: "host +all +all +127\.0\.0\.1\/32 +scram-sha-256"\)$/);
  });
});
