/**
 * Replications as the dashboard's tests see them: the events of a run
 * and the snapshot a live source would announce for them.
 */
import type { DmsEvent } from '../../../src/events/types.js';
import { summarize } from '../../../src/select/summary.js';
import type { DashboardSnapshot } from '../../../src/watch/dashboard-source.js';
import { connectionEvent, logEvent, snapshot, stateEvent, T0 } from '../../support/events.js';
import { dashboardSnapshot } from './fake-sources.js';

const STATES = ['initializing', 'preparing_metadata_resources', 'testing_connection', 'fetching_metadata', 'calculating_capacity', 'provisioning_capacity', 'replication_starting', 'running'];

const pg = { user: 'dms_user', database: 'orders', host: '10.0.1.23', port: 5432, method: 'scram-sha-256' };

/** A replication that came up: its states a minute apart, a connection, some log lines. */
export function runningEvents(): DmsEvent[] {
  const events: DmsEvent[] = STATES.map((state, i) => stateEvent(T0 + i * 60_000, state));
  events.push(connectionEvent(T0 + 2 * 60_000 + 5000, { event: 'authorized', ...pg }));
  for (let i = 0; i < 40; i++) events.push(logEvent(T0 + 8 * 60_000 + i * 1000, `checkpoint ${String(i)} complete`, { source: 'postgres' }));
  return events.sort((a, b) => a.time - b.time);
}

/** A replication whose test connection failed: PostgreSQL refused the password. */
export function failedEvents(): DmsEvent[] {
  return [
    stateEvent(T0, 'initializing'),
    stateEvent(T0 + 60_000, 'testing_connection'),
    connectionEvent(T0 + 65_000, { event: 'auth_failed', ...pg, reason: 'password authentication failed for user "dms_user"' }),
    stateEvent(T0 + 120_000, 'failed', { failureMessage: 'Test connection for the source endpoint failed.' }),
  ];
}

/** What a live source announces for `events`, `now` the last event's time plus a second. */
export function sceneSnapshot(events: readonly DmsEvent[], over: Partial<DashboardSnapshot> = {}): DashboardSnapshot {
  const now = (events.at(-1)?.time ?? T0) + 1000;
  const failed = events.some((e) => e.kind === 'state' && e.state === 'failed');
  return dashboardSnapshot({
    now,
    lastPollAt: now - 2000,
    replication: snapshot({ status: failed ? 'failed' : 'running', replicationType: 'full-load-and-cdc', provisionedCapacityUnits: 4, stats: { fullLoadProgressPercent: failed ? 0 : 100 } }),
    summary: summarize(events, now),
    events,
    startTypes: failed ? ['resume-processing', 'reload-target'] : [],
    canStop: !failed,
    ...over,
  });
}
