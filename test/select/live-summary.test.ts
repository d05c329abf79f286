import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DmsEvent, PgConnectionStep } from '../../src/events/types.js';
import { LiveSummary } from '../../src/select/live-summary.js';
import { SummaryBuilder, summarize, type Summary } from '../../src/select/summary.js';
import { EventStore } from '../../src/store/event-store.js';
import { OrderedRing } from '../../src/store/ordered-ring.js';
import { fuzzParams, fuzzTimeout } from '../fuzz/settings.js';
import { connectionEvent, logEvent, snapshot, stateEvent, statusEvent, taskEvent, T0 } from '../support/events.js';

/**
 * LiveSummary (src/select/live-summary.ts): always what summarize() gives over every event seen in
 * the session (in time order, bounded as the builders bound themselves), even those a full store
 * evicted, folding new events instead of starting over.
 */

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

/** Time steps on a whole-second grid half the time, so late events often share their time with events held. */
const forward = fc.oneof(fc.constantFrom(0, 1000, 2000), fc.integer({ min: 0, max: 3000 }));
const back = fc.oneof(fc.constantFrom(-1000, -2000, -3000), fc.integer({ min: -20_000, max: -1 }));

/** Events mostly in time order (dt >= 0), some late (dt < 0), in batches as the sources deliver them. */
const aStep: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(fc.record({ dt: fc.oneof({ weight: 9, arbitrary: forward }, { weight: 1, arbitrary: back }), template: anEvent(0) }), {
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

/** A store as the dashboard's, and a LiveSummary fed what it accepts. */
function fed(capacity: number, live: LiveSummary): { store: EventStore; add: (events: readonly DmsEvent[]) => void } {
  const store = new EventStore({ capacity });
  return {
    store,
    add: (events) => {
      live.add(events.filter((e) => store.add(e) === 'added'));
    },
  };
}

describe('LiveSummary', () => {
  it(
    'gives exactly what summarize() gives over every event the store accepted, for any adds, late adds, duplicates and evictions',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 25 }),
          fc.integer({ min: 1, max: 6 }),
          fc.integer({ min: 1, max: 6 }),
          fc.array(aStep, { maxLength: 40 }),
          (capacity, connectionLimit, checkpointEvery, steps) => {
            const live = new LiveSummary({ connectionLimit, checkpointEvery });
            const { store, add } = fed(capacity, live);
            // Every event accepted, in the order the store puts them (time, then arrival), none evicted.
            const seen = new OrderedRing<DmsEvent>((e) => e.time);
            const accept = (events: readonly DmsEvent[]): void => {
              for (const e of events) if (!store.has(e.id)) seen.insert(e);
              add(events);
            };
            const sent: DmsEvent[] = [];
            let time = T0;
            const check = (now?: number): void => {
              const at = now === undefined ? undefined : T0 + now;
              expect(live.summary(at)).toEqual(reference(seen.toArray(), connectionLimit, at));
            };
            for (const step of steps) {
              if (step.op === 'add') {
                accept(
                  step.events.map(({ dt, template }) => {
                    time += dt;
                    const event = { ...template, id: `e${String(sent.length)}`, time };
                    sent.push(event);
                    return event;
                  }),
                );
              } else if (step.op === 'again') {
                const old = sent[Math.floor(sent.length / 2)];
                if (old !== undefined) accept([old]);
              } else if (step.op === 'evict') store.evictOldest();
              else check(step.now);
            }
            check();
          },
        ),
        fuzzParams(300),
      );
    },
    fuzzTimeout(60_000),
  );

  it(
    'stays exact with few events kept to fold again, as long as no late event is older than all of them',
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: 4 }), fc.array(aStep, { maxLength: 40 }), (retain, checkpointEvery, steps) => {
          const live = new LiveSummary({ connectionLimit: 3, checkpointEvery, retain });
          const seen = new OrderedRing<DmsEvent>((e) => e.time);
          let time = T0;
          let id = 0;
          for (const step of steps) {
            if (step.op !== 'add') continue;
            const events = step.events.map(({ dt, template }) => {
              time += dt;
              return { ...template, id: `e${String(id++)}`, time };
            });
            for (const e of events) {
              // Events after it, of any kind: at least as many as the builders' input holds after it.
              if (seen.size - seen.insert(e) - 1 >= retain) return;
            }
            live.add(events);
            expect(live.summary()).toEqual(reference(seen.toArray(), 3, undefined));
          }
        }),
        fuzzParams(300),
      );
    },
    fuzzTimeout(60_000),
  );

  it('folds events added in time order without starting over, and the parts they do not touch stay the same objects', () => {
    const live = new LiveSummary();
    live.add([stateEvent(T0, 'initializing'), connectionEvent(T0 + 10, { event: 'received', pid: 7 })]);
    const before = live.summary();
    live.add([logEvent(T0 + 20, 'noise'), logEvent(T0 + 30, 'more noise')]);
    const after = live.summary();
    expect(live.stats.rebuilds).toBe(0);
    expect(after.counts.events).toBe(4);
    expect(after.connections).toBe(before.connections);
    expect(after.failures).toBe(before.failures);
    expect(live.summary()).toBe(after);
  });

  it("keeps the run's first states and a refused login after a flood pushed them out of the store", () => {
    const live = new LiveSummary();
    const { store, add } = fed(100, live);
    add([stateEvent(T0, 'initializing'), stateEvent(T0 + 1000, 'testing_connection')]);
    add([connectionEvent(T0 + 1500, { event: 'auth_failed', pid: 9, reason: 'password authentication failed for user "dms"' })]);
    add([stateEvent(T0 + 2000, 'failed', { failureMessage: TEST_FAILURE })]);
    for (let i = 0; i < 50; i++) add(Array.from({ length: 10 }, (_, j) => logEvent(T0 + 3000 + i * 10 + j, 'noise')));
    expect(store.events().some((e) => e.kind === 'state')).toBe(false);
    const summary = live.summary();
    expect(summary.timeline.map((s) => s.state)).toEqual(['initializing', 'testing_connection', 'failed']);
    expect(summary.connections.map((c) => c.outcome)).toEqual(['auth_failed']);
    expect(summary.failures.map((f) => f.title)).toEqual(['PostgreSQL refused login', 'Replication failed']);
    expect(summary.counts.events).toBe(504);
    expect(live.stats.rebuilds).toBe(0);
  });

  it('folds again only from the newest copy before a late event, not from the start', () => {
    const live = new LiveSummary({ checkpointEvery: 100 });
    const lines = Array.from({ length: 1000 }, (_, i) => connectionEvent(T0 + i * 10, { event: 'received', pid: i }));
    live.add(lines);
    const folded = live.stats.folded;
    // Between the 950th and the 951st: the copy after 900 events is the newest before it.
    const late = stateEvent(T0 + 9505, 'running');
    live.add([late]);
    expect(live.stats.rebuilds).toBe(1);
    expect(live.stats.folded - folded).toBe(101);
    expect(live.summary()).toEqual(summarize([...lines.slice(0, 951), late, ...lines.slice(951)]));
  });

  it('holds a late event among several in one batch, and events after it in the same batch, in time order', () => {
    const live = new LiveSummary({ checkpointEvery: 2 });
    live.add([stateEvent(T0, 'initializing'), stateEvent(T0 + 3000, 'fetching_metadata'), stateEvent(T0 + 5000, 'running')]);
    live.add([stateEvent(T0 + 6000, 'stopping'), stateEvent(T0 + 1000, 'testing_connection'), stateEvent(T0 + 7000, 'stopped')]);
    expect(live.summary().timeline.map((s) => [s.state, s.durationMs])).toEqual([
      ['initializing', 1000],
      ['testing_connection', 2000],
      ['fetching_metadata', 2000],
      ['running', 1000],
      ['stopping', 1000],
      ['stopped', undefined],
    ]);
    expect(live.stats.rebuilds).toBe(1);
  });

  it('keeps the newest `retain` events to fold again; an event older than all of them is folded as the oldest kept', () => {
    const live = new LiveSummary({ checkpointEvery: 10, retain: 50 });
    live.add(Array.from({ length: 200 }, (_, i) => connectionEvent(T0 + i * 1000, { event: 'received', pid: i })));
    const folded = live.stats.folded;
    live.add([stateEvent(T0 - 60_000, 'initializing')]);
    // At most retain + checkpointEvery events are folded again, not all 200.
    expect(live.stats.folded - folded).toBeLessThanOrEqual(61);
    expect(live.summary().timeline.map((s) => s.state)).toEqual(['initializing']);
    expect(live.summary().connections).toHaveLength(200);
  });

  it('lets noise pass without folding it', () => {
    const live = new LiveSummary();
    live.add([stateEvent(T0, 'running')]);
    const before = live.summary();
    for (let i = 0; i < 500; i++) live.add([logEvent(T0 + i, `noise ${String(i)}`), taskEvent(T0 + i, 'SOURCE_CAPTURE', 'I', 'fine')]);
    expect(live.stats).toEqual({ folded: 1, rebuilds: 0 });
    const after = live.summary();
    expect(after.timeline).not.toBe(before.timeline);
    expect(after.connections).toBe(before.connections);
    expect(after.counts.events).toBe(1001);
  });
});
