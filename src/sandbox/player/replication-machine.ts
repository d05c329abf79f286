import type { VirtualClock } from '../clock.js';
import { dmsInvalidParameter, dmsInvalidState } from '../http/aws-error.js';
import { builtInScript, refusedTestConnection } from '../scenarios/scripts.js';
import type { PhaseName, ScenarioSpec, StepSpec } from '../scenarios/spec.js';
import { ACTIVE_STATUSES, emptyStats } from '../world/dms-records.js';
import type { LogStore } from '../world/log-store.js';
import { dmsLogGroupName } from '../world/world.js';
import { expandFullLoad } from './full-load.js';
import type { Later } from './postgres-instance.js';
import type { ReplicationRuntime } from './replication-runtime.js';
import { applyStep } from './step-applier.js';

export const START_TYPES = ['start-replication', 'resume-processing', 'reload-target'] as const;

/** Gap between the phases of a replayed history. */
const HISTORY_GAP_MS = 60 * 60 * 1000;

/** Statuses from which StopReplication is accepted: a start in progress, or running. */
const STOPPABLE: ReadonlySet<string> = new Set([...ACTIVE_STATUSES].filter((s) => s !== 'stopping' && s !== 'deleting'));

/**
 * One replication's state machine: StartReplication and StopReplication
 * (with DMS's rules) begin phases, and a phase plays its script on the clock.
 */
export class ReplicationMachine {
  /** This run's test connection was refused for real: its retry plays out as scheduled. */
  private refused = false;
  /** Counts the phases played: a phase that waited for its source plays on only if no other began meanwhile. */
  private phases = 0;

  constructor(
    readonly rt: ReplicationRuntime,
    private readonly scenario: ScenarioSpec,
    private readonly clock: VirtualClock,
    private readonly logs: LogStore,
  ) {
    rt.onTestConnectionRefused = () => {
      this.testConnectionRefused();
    };
  }

  /**
   * DMS's rules (API reference, StartReplication; src/FACTS.md): not while
   * starting, running or stopping; `start-replication` for the first run;
   * `resume-processing` never for a `full-load` replication.
   */
  start(startType: string): void {
    const r = this.rt.record;
    const phase = phaseOfStartType(startType);
    if (ACTIVE_STATUSES.has(r.status)) {
      throw dmsInvalidState(`Replication ${r.config.arn} is in ${r.status} state. It can be started only when it is created, stopped or failed.`);
    }
    if (phase !== 'start' && !r.hasStarted) {
      throw dmsInvalidState(`The first run of replication ${r.config.arn} must use StartReplicationType start-replication.`);
    }
    if (phase === 'resume' && r.config.type === 'full-load') {
      throw dmsInvalidParameter('StartReplicationType resume-processing is not applicable for a full-load replication.');
    }
    this.play(phase, this.clock.now(), startType, true);
  }

  stop(): void {
    const r = this.rt.record;
    if (!STOPPABLE.has(r.status)) {
      throw dmsInvalidState(`Replication ${r.config.arn} is in ${r.status} state. Only a running or starting replication can be stopped.`);
    }
    this.play('stop', this.clock.now(), undefined, true);
  }

  /** Total virtual milliseconds of the given phases played back to back. */
  historyDuration(phases: readonly PhaseName[]): number {
    return phases.reduce((sum, p) => sum + scriptLength(this.script(p)), 0) + HISTORY_GAP_MS * Math.max(0, phases.length - 1);
  }

  /** Replays phases that happened before the sandbox started, ending at `endTime`. */
  playHistory(phases: readonly PhaseName[], endTime: number): void {
    let t = endTime - this.historyDuration(phases);
    for (const phase of phases) {
      const startType = phase === 'start' ? 'start-replication' : phase === 'reload' ? 'reload-target' : phase === 'resume' ? 'resume-processing' : undefined;
      this.play(phase, t, startType, false);
      t += scriptLength(this.script(phase)) + HISTORY_GAP_MS;
    }
  }

  /**
   * A real server refused DMS's test connection, which the script expected
   * to succeed: DMS tries once more, then fails the replication, as the
   * `password-failure` script plays it (scripts.ts), from now on.
   */
  testConnectionRefused(): void {
    if (this.rt.record.status !== 'testing_connection' || this.refused) return;
    this.refused = true;
    this.phases++;
    this.schedule(refusedTestConnection(), this.clock.now(), true);
  }

  private play(phase: PhaseName, t0: number, startType: string | undefined, live: boolean): void {
    if (startType !== undefined) this.beginRun(phase, startType, t0);
    const steps = this.script(phase);
    const phase0 = ++this.phases;
    const waiting = live ? this.rt.sourceReady : undefined;
    if (waiting === undefined) {
      this.schedule(steps, t0, live);
      return;
    }
    // The source's real server is still starting: what is due at once happens now, the rest once it is up, as DMS would wait for it.
    this.schedule(steps.filter((s) => s.at === 0), t0, live);
    void waiting.then(() => {
      if (phase0 === this.phases) this.schedule(steps.filter((s) => s.at > 0), this.clock.now(), live);
    });
  }

  /** Plays `steps` from `t0` in place of what was left of the phase. */
  private schedule(steps: readonly StepSpec[], t0: number, live: boolean): void {
    const rt = this.rt;
    for (const timer of rt.phaseTimers) timer.cancel();
    rt.phaseTimers = [];
    // Follow-ups (a session's disconnection) count from the step's own time, live or replayed.
    const laterFrom = (base: number): Later =>
      live
        ? (delay, fn) => {
            this.clock.at(base + delay, () => {
              fn(base + delay);
            });
          }
        : (delay, fn) => {
            fn(base + delay);
          };
    for (const step of steps) {
      const at = t0 + step.at * 1000;
      if (!live || step.at === 0) applyStep(rt, step, at, this.logs, laterFrom(at));
      else rt.phaseTimers.push(this.clock.at(at, () => { applyStep(rt, step, at, this.logs, laterFrom(at)); }));
    }
  }

  /** What every run does before its script: the log group appears, the view resets. */
  private beginRun(phase: PhaseName, startType: string, time: number): void {
    const r = this.rt.record;
    this.refused = false;
    this.logs.createGroup(dmsLogGroupName(r.config.resourceId), time);
    r.status = 'initializing';
    r.startType = startType;
    r.updateTime = time;
    r.failureMessages = [];
    delete r.stopReason;
    if (phase === 'resume') {
      r.stats.startDate = time;
      delete r.stats.stopDate;
      return;
    }
    r.hasStarted = true;
    delete r.recoveryCheckpoint;
    r.stats = { ...emptyStats(), tablesQueued: this.rt.tables.length, freshStartDate: time, startDate: time };
  }

  /** The phase's steps, `fullLoad` expanded, ordered by time. */
  private script(phase: PhaseName): StepSpec[] {
    const spec = this.rt.spec;
    const ref = phase === 'start' ? spec.onStart : phase === 'reload' ? (spec.onReload ?? spec.onStart) : phase === 'resume' ? spec.onResume : spec.onStop;
    const fallback = phase === 'resume' ? 'resume' : phase === 'stop' ? 'stop' : 'happy-start';
    const resolved = ref ?? fallback;
    const steps = typeof resolved === 'string'
      ? (this.scenario.scripts?.[resolved] ?? builtInScript(resolved, { type: this.rt.record.config.type, capacity: this.rt.capacity }) ?? [])
      : resolved;
    const expanded = steps.flatMap((step) => {
      if (step.fullLoad === undefined) return [step];
      const { fullLoad, ...rest } = step;
      return [rest, ...expandFullLoad(this.rt.tables, step.at, fullLoad.durationSeconds)];
    });
    return expanded.sort((a, b) => a.at - b.at);
  }
}

function phaseOfStartType(startType: string): PhaseName {
  switch (startType) {
    case 'start-replication':
      return 'start';
    case 'reload-target':
      return 'reload';
    case 'resume-processing':
      return 'resume';
    default:
      throw dmsInvalidParameter(`Invalid StartReplicationType: ${startType}. Valid values: ${START_TYPES.join(', ')}.`);
  }
}

function scriptLength(steps: readonly StepSpec[]): number {
  return Math.max(0, ...steps.map((s) => s.at * 1000));
}
