import { describe, expect, it } from 'vitest';
import type { LiveTailSourceOptions } from '../../src/sources/live-tail-source.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import {
  T0,
  keepWriting,
  liveTailHarness,
  runFor,
  settle,
  sandboxFor,
  storedEvents,
  writtenEvents,
} from '../live/support.js';

const DMS_GROUP = 'dms-serverless-replication-EAM3JEHXGBGZBPN5PLON7NPDEE';
const RDS_GROUP = '/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql';

/** A source over the happy path's two groups. */
function liveTail(sandbox: Sandbox, options: Partial<LiveTailSourceOptions> = {}) {
  return liveTailHarness(sandbox, [RDS_GROUP, DMS_GROUP], options);
}

describe('LiveTailSource through a storm of disconnects (real SDK clients, sandbox)', () => {
  it('delivers every event of a happy-path start exactly once and in the sandbox order, without faults', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path' });
    await sandbox.advance(21_000);
    const { source, got, settled, logs } = liveTail(sandbox, { backfillFrom: T0 });
    source.start();
    await runFor(sandbox, 340_000, settled);
    const written = await writtenEvents(logs, [RDS_GROUP, DMS_GROUP]);
    expect(written.length).toBeGreaterThan(50);
    expect(storedEvents(got)).toEqual(written);
    expect(got.session('reconnecting')).toEqual([]);
    expect(logs.calls.startLiveTail).toBe(1);
    expect(got.session('connected').map((e) => e.session.groups)).toEqual([[RDS_GROUP, DMS_GROUP]]);
    // Live Tail delivered what came after it opened, one sink call per update with results.
    expect(got.batches.filter((b) => b.some((e) => e.kind !== 'session')).length).toBeGreaterThan(20);
  });

  it('delivers every event exactly once and in order while every kind of disconnect hits the session in turn', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path' });
    sandbox.setFaults({
      liveTailRotation: [
        { endAfterSeconds: 8 },
        { cutMidFrameAfterSeconds: 9 },
        { resetAfterSeconds: 10 },
        { streamingExceptionAfterSeconds: 11 },
        { stallAfterSeconds: 6 },
        { maxSessionSeconds: 12 },
      ],
      // And every call fails with HTTP 500 for 20 s in the middle: opens and backfills back off.
      serverErrors: { afterSeconds: 150, forSeconds: 20 },
    });
    // A busy third stream besides the scenario's: a line every 137 ms, every 25th one twice at the same instant.
    const background = keepWriting(sandbox, { group: RDS_GROUP, stream: 'background', everyMs: 137, repeatEvery: 25 });
    await sandbox.advance(21_000);
    const { source, got, settled, logs, clock } = liveTail(sandbox, { backfillFrom: T0 });
    source.start();
    await runFor(sandbox, 360_000, settled);
    // Calm after the storm: the last reconnect wait ends and its backfill catches up.
    background.stop();
    sandbox.setFaults({ liveTailRotation: [] });
    await runFor(sandbox, 40_000, settled);
    expect(source.state).toBe('live');
    const written = await writtenEvents(logs, [RDS_GROUP, DMS_GROUP]);
    const stored = storedEvents(got);
    const reasons = got.session('reconnecting').map((e) => e.session.reason);
    expect(written.length).toBeGreaterThan(2900);
    // Exactly once (the store's ids drop what both Live Tail and a backfill delivered), in the sandbox's order.
    expect(stored).toEqual(written);
    expect(new Set(reasons)).toEqual(new Set(['stream ended', 'truncated frame', 'ECONNRESET', 'SessionStreamingException', 'heartbeat lost', 'SessionTimeoutException', 'InternalFailure']));
    expect(reasons.length).toBeGreaterThanOrEqual(15);
    // Live Tail carried a good part; the backfills filled the gaps (the waits grow to 15 s) and overlapped on purpose.
    const backfilled = got.session('backfilled').reduce((n, e) => n + (e.session.count ?? 0), 0);
    const delivered = got.store.stats.added + got.store.stats.duplicates - got.session().length;
    expect(delivered - backfilled).toBeGreaterThan(written.length / 4);
    expect(got.store.stats.duplicates).toBeGreaterThan(0);

    await source.stop();
    expect(source.state).toBe('stopped');
    expect(clock.pending()).toBe(0);
    expect(logs.inFlight).toBe(0);
    await settle(() => sandbox.liveTailSessions() === 0);
  });
});
