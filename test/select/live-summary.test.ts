import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DmsEvent, PgConnectionStep } from '../../src/events/types.js';
import { LiveSummary } from '../../src/select/live-summary.js';
import { SummaryBuilder, summarize, type Summary } from '../../src/select/summary.js';
import { EventStore } from '../../src/store/event-store.js';
import { fuzzParams, fuzzTimeout } from '../fuzz/settings.js';
import { connectionEvent, logEvent, snapshot, stateEvent, statusEvent, taskEvent, T0 } from '../support/events.js';

/** LiveSummary (src/select/live-summary.ts): always what summarize(store.events()) gives, folding new events instead of starting over. */

const STATES = ['created', 'initializing', 'testing_connection', 'fetching_metadata', 'running', 'stopping', 'stopped', 'failed'];
const STEPS: PgConnectionStep[] = ['received', 'authenticated', 'authorized', 'disconnected', 'auth_failed', 'failed'];
const TEST_FAILURE = "Test connection failed for endpoint 'src'";

/** Every kind of event the builders read or only count, for two replications and a few pids. */
const anEvent = (time: number): fc.Arbitrary<DmsEvent> =>
  fc.oneof(
    fc.record({ state: fc.constantFrom(...STATES), fail: fc.boolean(), other: fc.boolean() }).map(({ state, fail, other }) =>
      stateEvent(time, state, {
        ...(fail && { failureMessage: TEST_FAILURE }),
        ...(other && { logGroup: 'dms-serverless-replication-RID2', logStream: 'dms-serverless-replication-orchestrator-RID2' }),
      }),
    ),
    fc.record({ state: fc.constantFrom(...STATES), failures: fc.boolean(), stop: fc.boolean() }).map(({ state, failures, stop }) =>
      statusEvent(time, state, {
        snapshot: snapshot({ status: state, failureMessages: failures ? [TEST_FAILURE] : [], ...(stop && { stopReason: 'RESOURCE_FAILURE' }) }),
        changes: ['status', ...(failures ? ['failureMessages'] : []), ...(stop ? ['stopReason'] : [])],
      }),
    ),
    fc.record({ event: fc.constantFrom(...STEPS), pid: fc.integer({ min: 1, max: 4 }), port: fc.integer({ min: 5000, max: 5002 }) }).map(({ event, pid, port }) =>
      connectionEvent(time, {
        event,
        pid,
        host: '10.0.0.1',
        port,
        user: 'dms',
        database: 'sales',
        ...((event === 'auth_failed' || event === 'failed') && { reason: `password authentication failed for pid ${String(pid)}` }),
      }),
    ),
    fc.record({ level: fc.constantFrom('DETAIL', 'FATAL', 'LOG', 'ERROR'), pid: fc.integer({ min: 1, max: 4 }) }).map(({ level, pid }) =>
      logEvent(time, `${level} line ${String(pid)}`, { source: 'postgres', severity: level === 'FATAL' ? 'error' : 'info', pg: { level, pid } }),
    ),
    fc.constantFrom('E', 'W', 'I').map((level) => taskEvent(time, 'SOURCE_CAPTURE', level, `task says ${level}`)),
    fc.constantFrom('other', 'live', 'dms-task', 'postgres').map((source) => logEvent(time, 'noise', { source })),
  );

type Step =
  | { readonly op: 'add'; readonly events: readonly { readonly dt: number; readonly template: DmsEvent }[] }
  | { readonly op: 'again' }
  | { readonly op: 'evict' }
  | { readonly op: 'read'; readonly now: number | undefined };

/** Events mostly in time order (dt >= 0), some late (dt < 0), in batches as the sources deliver them. */
const aStep: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(fc.record({ dt: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 3000 }) }, { weight: 1, arbitrary: fc.integer({ min: -20_000, max: -1 }) }), template: anEvent(0) }), {
        minLength: 1,
        maxLength: 6,
      })
      .map((events) => ({ op: 'add' as const, events })),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'again' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'evict' as const }) },
  { weight: 3, arbitrary: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: undefined }).map((now) => ({ op: 'read' as const, now })) },
);

/** summarize() with SummaryBuilder's connection limit: the reference. */
function reference(events: readonly DmsEvent[], connectionLimit: number, now: number | undefined): Summary {
  const builder = new SummaryBuilder({ connectionLimit });
  for (const event of events) builder.add(event);
  return builder.summary(now);
}

describe('LiveSummary', () => {
  it(
    'gives exactly what summarize(store.events()) gives, for any adds, late adds, duplicates and evictions',
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 6 }), fc.array(aStep, { maxLength: 40 }), (capacity, connectionLimit, steps) => {
          const store = new EventStore({ capacity });
          const live = new LiveSummary(store, { connectionLimit });
          const sent: DmsEvent[] = [];
          let time = T0;
          const check = (now?: number): void => {
            const at = now === undefined ? undefined : T0 + now;
            expect(live.summary(at)).toEqual(reference(store.events(), connectionLimit, at));
          };
          for (const step of steps) {
            if (step.op === 'add') {
              store.addAll(
                step.events.map(({ dt, template }) => {
                  time += dt;
                  const event = { ...template, id: `e${String(sent.length)}`, time };
                  sent.push(event);
                  return event;
                }),
              );
            } else if (step.op === 'again') {
              const old = sent[Math.floor(sent.length / 2)];
              if (old !== undefined) store.add(old);
            } else if (step.op === 'evict') store.evictOldest();
            else check(step.now);
          }
          check();
        }),
        fuzzParams(300),
      );
    },
    fuzzTimeout(60_000),
  );

  it('folds events added in time order without starting over, and the parts they do not touch stay the same objects', () => {
    const store = new EventStore();
    const live = new LiveSummary(store);
    store.addAll([stateEvent(T0, 'initializing'), connectionEvent(T0 + 10, { event: 'received', pid: 7 })]);
    const before = live.summary();
    const rebuilds = live.stats.rebuilds;
    store.addAll([logEvent(T0 + 20, 'noise'), logEvent(T0 + 30, 'more noise')]);
    const after = live.summary();
    expect(live.stats.rebuilds).toBe(rebuilds);
    expect(after.counts.events).toBe(4);
    expect(after.connections).toBe(before.connections);
    expect(after.failures).toBe(before.failures);
    expect(after).toEqual(summarize(store.events()));
    expect(live.summary()).toBe(after);
  });

  it('starts over after a late event, and after a full store evicts an event the timeline was built from', () => {
    const store = new EventStore({ capacity: 3 });
    const live = new LiveSummary(store);
    store.addAll([stateEvent(T0, 'initializing'), stateEvent(T0 + 1000, 'running')]);
    live.summary();
    const start = live.stats.rebuilds;
    store.add(stateEvent(T0 + 500, 'testing_connection'));
    expect(live.summary()).toEqual(summarize(store.events()));
    expect(live.stats.rebuilds).toBe(start + 1);
    store.add(logEvent(T0 + 2000, 'noise'));
    expect(live.summary().timeline.map((s) => s.state)).toEqual(['testing_connection', 'running']);
    expect(live.stats.rebuilds).toBe(start + 2);
    expect(live.summary()).toEqual(summarize(store.events()));
  });

  it('lets noise pass through a full store without starting over', () => {
    const store = new EventStore({ capacity: 100 });
    const live = new LiveSummary(store);
    store.add(stateEvent(T0 + 1_000_000, 'running'));
    for (let i = 0; i < 500; i++) {
      store.addAll([logEvent(T0 + 1_000_000 + i, `noise ${String(i)}`)]);
      live.summary();
    }
    // The state event left long ago; noise after it only counted.
    expect(live.stats.rebuilds).toBe(2);
    expect(live.summary()).toEqual(summarize(store.events()));
  });
});
