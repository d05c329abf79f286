import { describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/clock.js';
import { postgresTime } from '../../../src/sandbox/player/log-text.js';
import { PostgresLogTailer } from '../../../src/sandbox/postgres/log-tailer.js';
import { LogStore } from '../../../src/sandbox/world/log-store.js';
import { T0 } from '../support.js';
import { groupEvents, realPostgres, realSandbox, sourceGroup } from './support.js';

const WRITTEN = '2026-11-29 13:23:43 UTC::@:[10894]:LOG:  database system is ready to accept connections';

function tailer(virtualStamps: boolean): { tail: PostgresLogTailer; store: LogStore } {
  const store = new LogStore('eu-central-1', '123456789012');
  store.createGroup('/aws/rds/instance/db/postgresql', T0);
  const clock = new VirtualClock({ startTime: T0, speed: 1, manual: true, onError: () => undefined });
  return { tail: new PostgresLogTailer({ logs: store, group: '/aws/rds/instance/db/postgresql', stream: 'db.0', clock, virtualStamps }), store };
}

describe('the server log in the RDS log group', () => {
  it('keeps the text exactly as written when virtual time is wall time (speed 1)', () => {
    const { tail, store } = tailer(false);
    tail.write(`${WRITTEN}\n`);
    tail.end();
    expect(store.group('/aws/rds/instance/db/postgresql')?.events.map((e) => [e.message, e.timestamp])).toEqual([[WRITTEN, T0]]);
  });

  it('moves only the %t onto the virtual clock otherwise', () => {
    const { tail, store } = tailer(true);
    tail.write(`${WRITTEN}\n`);
    tail.end();
    expect(store.group('/aws/rds/instance/db/postgresql')?.events.map((e) => e.message)).toEqual([WRITTEN.replace('2026-11-29 13:23:43 UTC', postgresTime(T0))]);
  });

  it('writes an entry once the server pauses, not only when the next one begins', async () => {
    const { tail, store } = tailer(false);
    tail.write(`${WRITTEN}\n`);
    await vi.waitFor(() => {
      expect(store.group('/aws/rds/instance/db/postgresql')?.events).toHaveLength(1);
    });
  });
});

describe.runIf(realPostgres.available)(`a real server's own log${realPostgres.why}`, () => {
  it('starts with its start-up, as events with CloudWatch ids and ingestion times', async () => {
    const { sandbox } = await realSandbox({ scenario: 'happy-path', startTime: T0 });
    const events = await groupEvents(sandbox, sourceGroup(sandbox));
    const texts = events.map((e) => e.message ?? '');
    expect(texts[0]).toMatch(/^2024-05-01 07:16:00 UTC::@:\[\d+\]:LOG: {2}starting PostgreSQL 17\.\d+ on /);
    expect(texts).toContainEqual(expect.stringMatching(/::@:\[\d+\]:LOG: {2}database system is ready to accept connections$/));
    for (const e of events) {
      expect(e.eventId).toMatch(/^\d{56}$/);
      expect(e.ingestionTime).toBeGreaterThanOrEqual(e.timestamp ?? Number.NaN);
      expect(e.message?.startsWith(postgresTime(e.timestamp ?? 0))).toBe(true);
    }
  });
});
