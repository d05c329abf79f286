import type { VirtualClock } from '../clock.js';
import type { ReplicationController } from '../dms/operations.js';
import { AwsError } from '../http/aws-error.js';
import { SeededRandom } from '../random.js';
import type { ScenarioSpec } from '../scenarios/spec.js';
import type { ReplicationRecord } from '../world/dms-records.js';
import type { World } from '../world/world.js';
import { buildWorld } from './build-world.js';
import { FLOOD_TICK_MS, FloodWriter } from './flood.js';
import type { Later } from './postgres-instance.js';
import { ReplicationMachine } from './replication-machine.js';
import type { SourceBackend } from './source-backend.js';

export interface PlayerOptions {
  /** Virtual time the sandbox started. */
  readonly startedAt: number;
  /** Honour the scenario's `autoStartAfterSeconds`. */
  readonly autoStart: boolean;
  /** Overrides the scenario's flood rate (events per virtual second). */
  readonly rate?: number;
  readonly onError: (err: unknown) => void;
  /** Real source databases; default: simulated ones. */
  readonly sources?: SourceBackend;
}

/**
 * Plays a scenario: builds its world, replays histories, and from then on
 * drives each replication's state machine from StartReplication and
 * StopReplication calls (any client) and from the clock (auto-start,
 * checkpoints, flood).
 */
export class ScenarioPlayer implements ReplicationController {
  private readonly machines = new Map<ReplicationRecord, ReplicationMachine>();

  constructor(
    private readonly spec: ScenarioSpec,
    private readonly world: World,
    private readonly clock: VirtualClock,
    private readonly options: PlayerOptions,
  ) {
    const random = new SeededRandom(spec.seed ?? spec.name);
    const built = buildWorld(spec, world, random, options.startedAt, options.sources);
    options.sources?.prepare(built.runtimes);
    for (const rt of built.runtimes) {
      const machine = new ReplicationMachine(rt, spec, clock, world.logs);
      this.machines.set(rt.record, machine);
      const history = rt.spec.history ?? [];
      if (history.length > 0) {
        const end = options.startedAt - (rt.spec.historyEndedSecondsAgo ?? 3600) * 1000;
        const begin = end - machine.historyDuration(history);
        // The config must predate its first run.
        if (rt.record.createTime >= begin) resetCreateTime(rt.record, begin - 24 * 60 * 60 * 1000);
        machine.playHistory(history, end);
      }
      const after = rt.spec.autoStartAfterSeconds;
      if (after !== undefined && options.autoStart) {
        clock.at(options.startedAt + after * 1000, () => {
          this.autoStart(rt.record);
        });
      }
    }
    const later: Later = (delay, fn) => {
      const at = clock.now() + delay;
      clock.at(at, () => {
        fn(at);
      });
    };
    for (const { instance, checkpointEverySeconds } of built.instances) {
      if (checkpointEverySeconds > 0) {
        clock.every(checkpointEverySeconds * 1000, () => {
          instance.checkpoint(clock.now(), later);
        });
      }
    }
    if (spec.flood !== undefined) {
      const instance = built.postgresByEndpoint.get(spec.flood.endpoint);
      const rate = options.rate ?? spec.flood.rate;
      if (instance !== undefined && rate > 0) {
        const writer = new FloodWriter(instance, new SeededRandom(`${spec.name}-flood`));
        // Lines carry the tick's own time: in order even when the clock runs behind (clock.ts).
        clock.every(FLOOD_TICK_MS, (dueAt) => {
          writer.tick(dueAt - FLOOD_TICK_MS, rate);
        });
      }
    }
  }

  start(replication: ReplicationRecord, startType: string): void {
    this.machine(replication).start(startType);
  }

  stop(replication: ReplicationRecord): void {
    this.machine(replication).stop();
  }

  private machine(replication: ReplicationRecord): ReplicationMachine {
    const machine = this.machines.get(replication);
    if (machine === undefined) throw new Error(`no state machine for ${replication.config.arn}`);
    return machine;
  }

  private autoStart(record: ReplicationRecord): void {
    try {
      this.start(record, 'start-replication');
    } catch (err) {
      // Someone started it first: nothing to do.
      if (!(err instanceof AwsError)) this.options.onError(err);
    }
  }
}

function resetCreateTime(record: ReplicationRecord, time: number): void {
  record.createTime = time;
  record.updateTime = time;
  record.config.createTime = time;
}
