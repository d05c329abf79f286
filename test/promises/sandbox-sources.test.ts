import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/sandbox/clock.js';
import type { ConnectOptions, Later, OpenConnection } from '../../src/sandbox/player/postgres-instance.js';
import { PostgresInstance } from '../../src/sandbox/player/postgres-instance.js';
import type { ReplicationRuntime } from '../../src/sandbox/player/replication-runtime.js';
import { ScenarioPlayer } from '../../src/sandbox/player/scenario-player.js';
import type { SourceBackend } from '../../src/sandbox/player/source-backend.js';
import type { SeededRandom } from '../../src/sandbox/random.js';
import type { ScenarioSpec } from '../../src/sandbox/scenarios/spec.js';
import type { ReplicationRecord } from '../../src/sandbox/world/dms-records.js';
import type { LogStore } from '../../src/sandbox/world/log-store.js';
import { dmsLogGroupName, World } from '../../src/sandbox/world/world.js';
import { T0 } from '../sandbox/support.js';
import { oneReplication } from './support.js';

/**
 * What the player promises a source backend (src/sandbox/player/source-backend.ts;
 * src/sandbox/scenarios/README.md, "real PostgreSQL"): DMS presents the
 * endpoint's password, a refused test connection is retried once and then
 * fails the replication, and a start waits for a source still starting.
 * A stand-in server records each attempt and refuses them when told to.
 */

class StandInInstance extends PostgresInstance {
  readonly attempts: ConnectOptions[] = [];
  refuse = false;
  /** How long the server takes to refuse (a real one answers later than the attempt). */
  refuseAfterMs = 0;

  override connect(time: number, o: ConnectOptions, later: Later): OpenConnection | undefined {
    this.attempts.push(o);
    if (this.refuse) {
      if (this.refuseAfterMs === 0) o.onRefused?.();
      else later(this.refuseAfterMs, () => o.onRefused?.());
      return undefined;
    }
    return super.connect(time, o, later);
  }
}

class StandInBackend implements SourceBackend {
  readonly instances = new Map<string, StandInInstance>();
  private release: () => void = () => undefined;

  /** With `starting`, every source is still starting until `ready()`. */
  constructor(private readonly starting = false) {}

  instance(instanceId: string, logs: LogStore, random: SeededRandom): PostgresInstance {
    const instance = new StandInInstance(instanceId, logs, random);
    this.instances.set(instanceId, instance);
    return instance;
  }

  prepare(runtimes: readonly ReplicationRuntime[]): void {
    if (!this.starting) return;
    const up = new Promise<void>((resolve) => {
      this.release = resolve;
    });
    for (const rt of runtimes) {
      rt.sourceReady = up.then(() => {
        delete rt.sourceReady;
      });
    }
  }

  ready(): void {
    this.release();
  }
}

const clocks: VirtualClock[] = [];
afterEach(() => {
  for (const clock of clocks.splice(0)) clock.stop();
});

function play(scenario: ScenarioSpec, backend: StandInBackend): { player: ScenarioPlayer; world: World; clock: VirtualClock; record: ReplicationRecord; states: () => string[] } {
  const errors: unknown[] = [];
  const clock = new VirtualClock({ startTime: T0, speed: 1, manual: true, onError: (err) => errors.push(err) });
  clocks.push(clock);
  const world = new World('eu-central-1', '123456789012');
  const player = new ScenarioPlayer(scenario, world, clock, { startedAt: T0, autoStart: false, onError: (err) => errors.push(err), sources: backend });
  const record = world.replications()[0];
  if (record === undefined) throw new Error('no replication');
  const states = (): string[] => {
    expect(errors).toEqual([]);
    return (world.logs.group(dmsLogGroupName(record.config.resourceId))?.events ?? []).flatMap((e) => /^\{'replication_state':'([a-z_]+)'/.exec(e.message)?.[1] ?? []);
  };
  return { player, world, clock, record, states };
}

describe('the password DMS presents', () => {
  it('is the replication\'s own source endpoint\'s, and none when it names none', () => {
    const scenario: ScenarioSpec = {
      name: 'passwords',
      endpoints: [
        { id: 'other', type: 'source', rdsInstance: 'db2', password: 'not-this-one' },
        { id: 'src', type: 'source', rdsInstance: 'db1', password: 'secret' },
        { id: 'plain', type: 'source', rdsInstance: 'db3' },
        { id: 'dst', type: 'target', engine: 's3' },
      ],
      replications: [
        { id: 'r1', source: 'src', target: 'dst', onStart: [{ at: 0, postgres: [{ connect: {} }] }] },
        { id: 'r2', source: 'plain', target: 'dst', onStart: [{ at: 0, postgres: [{ connect: {} }] }] },
      ],
    };
    const backend = new StandInBackend();
    const { player, world } = play(scenario, backend);
    for (const r of world.replications()) player.start(r, 'start-replication');
    expect(backend.instances.get('db1')?.attempts.map((a) => a.password)).toEqual(['secret']);
    expect(backend.instances.get('db3')?.attempts.map((a) => 'password' in a)).toEqual([false]);
    expect(backend.instances.get('db2')?.attempts).toEqual([]);
  });

  it('a replication whose endpoint does not exist is refused with its id', () => {
    const scenario = oneReplication({ target: 'nowhere' });
    expect(() => play(scenario, new StandInBackend())).toThrow('replication r1: endpoint missing');
  });
});

describe('a test connection the server refuses for real', () => {
  it('DMS tries again 5 s later and fails the replication 18 s after the refusal; the rest of the start never plays', async () => {
    const backend = new StandInBackend();
    const { player, clock, record, states } = play(oneReplication(), backend);
    const db1 = backend.instances.get('db1');
    if (db1 === undefined) throw new Error('no instance');
    db1.refuse = true;
    player.start(record, 'start-replication');
    await clock.advance(44_000);
    expect(db1.attempts).toHaveLength(1);
    await clock.advance(5_000);
    expect(db1.attempts).toHaveLength(2);
    await clock.advance(12_999);
    expect(record.status).toBe('testing_connection');
    await clock.advance(1);
    expect(record.status).toBe('failed');
    await clock.advance(400_000);
    expect(db1.attempts).toHaveLength(2);
    expect(states()).toEqual(['initializing', 'preparing_metadata_resources', 'testing_connection', 'failed']);
    expect(record.failureMessages).toHaveLength(1);

    // The next run is a new test connection: refused again, it fails again.
    player.start(record, 'start-replication');
    await clock.advance(62_000);
    expect(record.status).toBe('failed');
    expect(db1.attempts).toHaveLength(4);
  });

  it('only attempts the script expects to succeed while testing the connection count as refusals', async () => {
    const backend = new StandInBackend();
    const onStart = [
      { at: 0, postgres: [{ connect: {} }] },
      { at: 1, state: 'testing_connection', postgres: [{ connect: { outcome: 'password' as const } }, { connect: { outcome: 'success' as const } }] },
      { at: 2, state: 'running' },
    ];
    const { player, clock, record, states } = play(oneReplication({ onStart }), backend);
    const db1 = backend.instances.get('db1');
    if (db1 === undefined) throw new Error('no instance');
    db1.refuse = true;
    player.start(record, 'start-replication');
    await clock.advance(1_000);
    expect(db1.attempts.map((a) => [a.outcome, a.onRefused !== undefined])).toEqual([['success', false], ['password', false], ['success', true]]);
    await clock.advance(30_000);
    // The refusal replaces the rest of the script: no `running`.
    expect(states()).toEqual(['testing_connection', 'failed']);
  });

  it('a refusal that arrives once the replication has left testing_connection changes nothing', async () => {
    const backend = new StandInBackend();
    const { player, clock, record, states } = play(oneReplication(), backend);
    const db1 = backend.instances.get('db1');
    if (db1 === undefined) throw new Error('no instance');
    db1.refuse = true;
    db1.refuseAfterMs = 20_000;
    player.start(record, 'start-replication');
    // happy-start connects at 44 s and moves on to fetching_metadata at 55 s; then 58 s, two at 205 s, CDC at 316 s.
    await clock.advance(330_000);
    expect(db1.attempts).toHaveLength(5);
    expect(record.status).toBe('running');
    expect(states()).not.toContain('failed');
  });

  it('the script decides when the server accepts', async () => {
    const backend = new StandInBackend();
    const { player, clock, record } = play(oneReplication(), backend);
    player.start(record, 'start-replication');
    await clock.advance(330_000);
    expect(record.status).toBe('running');
  });
});

describe('a start while the source is still starting', () => {
  it('is initializing at once and plays on from when the source is up', async () => {
    const backend = new StandInBackend(true);
    const { player, clock, record, states } = play(oneReplication(), backend);
    player.start(record, 'start-replication');
    expect(record.status).toBe('initializing');
    await clock.advance(60_000);
    expect(states()).toEqual(['initializing']);
    backend.ready();
    await new Promise<void>((resolve) => {
      setImmediate(resolve);
    });
    await clock.advance(5_999);
    expect(record.status).toBe('initializing');
    await clock.advance(1);
    expect(states()).toEqual(['initializing', 'preparing_metadata_resources']);
  });

  it('a refusal meanwhile wins: once the source is up the start does not play on over the retry', async () => {
    const backend = new StandInBackend(true);
    const onStart = [{ at: 0, state: 'testing_connection', postgres: [{ connect: {} }] }, { at: 5, state: 'running' }];
    const { player, clock, record, states } = play(oneReplication({ onStart }), backend);
    const db1 = backend.instances.get('db1');
    if (db1 === undefined) throw new Error('no instance');
    db1.refuse = true;
    player.start(record, 'start-replication');
    backend.ready();
    await new Promise<void>((resolve) => {
      setImmediate(resolve);
    });
    await clock.advance(60_000);
    expect(states()).toEqual(['testing_connection', 'failed']);
  });

  it('a stop meanwhile wins: once the source is up only the stop plays on', async () => {
    const backend = new StandInBackend(true);
    const { player, clock, record, states } = play(oneReplication(), backend);
    player.start(record, 'start-replication');
    player.stop(record);
    backend.ready();
    await new Promise<void>((resolve) => {
      setImmediate(resolve);
    });
    await clock.advance(400_000);
    expect(states()).toEqual(['initializing', 'stopping', 'stopped']);
  });
});
