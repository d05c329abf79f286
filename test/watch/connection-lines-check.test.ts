import { describe, expect, it } from 'vitest';
import type { DmsEvent, SessionEvent } from '../../src/events/types.js';
import { ConnectionLinesCheck } from '../../src/watch/connection-lines-check.js';
import { ManualClock } from '../support/manual-clock.js';
import { connectionEvent, stateEvent } from '../support/events.js';

const GROUP = '/aws/rds/instance/db1/postgresql';

function setUp(rdsGroup: string | undefined) {
  const clock = new ManualClock(Date.UTC(2024, 4, 1, 7, 16, 0));
  const out: DmsEvent[] = [];
  const check = new ConnectionLinesCheck({ clock, rdsGroup: () => rdsGroup, sink: (e) => out.push(...e) });
  const warnings = (): SessionEvent[] => out.filter((e): e is SessionEvent => e.kind === 'session');
  return { clock, check, warnings };
}

describe('ConnectionLinesCheck', () => {
  it('warns that log_connections is likely off when a passed connection test left no connection lines', async () => {
    const { clock, check, warnings } = setUp(GROUP);
    const t = clock.now();
    check.add([stateEvent(t, 'testing_connection'), stateEvent(t + 20_000, 'fetching_metadata')]);
    await clock.advance(59_000);
    expect(warnings()).toEqual([]);
    await clock.advance(2_000);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]?.text).toMatch(/log_connections is likely off/);
    expect(warnings()[0]?.severity).toBe('warning');
  });

  it('stays quiet when PostgreSQL logged the attempt, even late', async () => {
    const { clock, check, warnings } = setUp(GROUP);
    const t = clock.now();
    check.add([stateEvent(t, 'testing_connection'), stateEvent(t + 20_000, 'fetching_metadata')]);
    await clock.advance(30_000);
    check.add([connectionEvent(t + 5_000, { event: 'received' })]);
    await clock.advance(60_000);
    expect(warnings()).toEqual([]);
  });

  it('names both causes when the test failed without any connection line', async () => {
    const { clock, check, warnings } = setUp(GROUP);
    check.add([stateEvent(clock.now(), 'testing_connection'), stateEvent(clock.now() + 70_000, 'failed')]);
    await clock.advance(61_000);
    expect(warnings()[0]?.text).toMatch(/never reached the database.*log_connections is off/);
  });

  it('says nothing without a PostgreSQL log group, and only once per watch', async () => {
    const none = setUp(undefined);
    none.check.add([stateEvent(none.clock.now(), 'testing_connection'), stateEvent(none.clock.now() + 1, 'running')]);
    await none.clock.advance(120_000);
    expect(none.warnings()).toEqual([]);

    const { clock, check, warnings } = setUp(GROUP);
    for (let i = 0; i < 3; i++) {
      check.add([stateEvent(clock.now(), 'testing_connection'), stateEvent(clock.now() + 1, 'fetching_metadata')]);
      await clock.advance(120_000);
    }
    expect(warnings()).toHaveLength(1);
  });
});
