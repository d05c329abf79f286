/**
 * What the dashboard (components/) reads from the live core and sends back
 * to it: a source with a subscribe/getSnapshot pair (React's
 * useSyncExternalStore contract: the same snapshot object until something
 * changed) and the actions a key can ask for. The live core implements it
 * (src/watch/live-model.ts, src/watch/fleet-model.ts); component tests use
 * fakes. Nothing here knows about React or Ink.
 */
import type { ActionResult } from '../actions/replication-actions.js';
import type { StartType } from '../actions/action-rules.js';
import type { ActionName, DmsEvent, ReplicationSnapshot } from '../events/types.js';
import type { Summary } from '../select/summary.js';

/**
 * What the Live Tail session is doing, for the header: `connecting`
 * (opening, or discovery still running), `live`, `reconnecting` (it ended
 * and opens again), `sampled` (more than 500 events/s matched, so
 * CloudWatch sends a sample), `paused` (closed to save cost while nothing
 * happens), `failed` (it cannot run: denied, say; `reason` says why),
 * `off` (no log group to tail).
 */
export type LiveTailIndicator = 'connecting' | 'live' | 'reconnecting' | 'sampled' | 'paused' | 'failed' | 'off';

/** A start or stop sent from the dashboard, newest only. */
export interface DashboardAction {
  readonly name: ActionName;
  readonly startType?: StartType;
  readonly phase: 'sending' | 'succeeded' | 'failed';
  /** One line, terminal-safe: `stop sent`, `stop accepted: stopping`, or the AWS error and what to do. */
  readonly message: string;
  /** Clock time of the phase. */
  readonly at: number;
}

/** One replication watched live, as the dashboard draws it. */
export interface DashboardSnapshot {
  /** Grows with every change the source announces. */
  readonly version: number;
  /** Clock time of the snapshot, epoch ms (the sandbox's virtual time in the demo). */
  readonly now: number;
  /** ReplicationConfigIdentifier, terminal-safe. */
  readonly name: string;
  readonly configArn: string;
  readonly region: string;
  /** The newest DescribeReplications answer (or what discovery found). */
  readonly replication: ReplicationSnapshot;
  /** When the poller last had an answer; undefined before the first. */
  readonly lastPollAt?: number;
  /** Polls have failed for a while: what the header shows may be old. */
  readonly pollStale: boolean;
  readonly liveTail: {
    readonly state: LiveTailIndicator;
    /** Live results per second over the last minute. */
    readonly eventsPerSecond?: number;
    /** Why it is failed, paused or reconnecting, one line, terminal-safe. */
    readonly reason?: string;
  };
  /**
   * Timeline, connections, failures and counts of the whole session, even
   * after a log flood pushed their events out of `events` (LiveSummary: a
   * part is a new object only when it changed).
   */
  readonly summary: Summary;
  /** Every event the store holds, oldest first: a new array only when they changed. */
  readonly events: readonly DmsEvent[];
  /** The start types allowed now (src/actions/action-rules.ts); empty when none. */
  readonly startTypes: readonly StartType[];
  /** Whether stopping is allowed now. */
  readonly canStop: boolean;
  readonly action?: DashboardAction;
  /** The watch cannot go on (e.g. DescribeLogGroups denied): one line saying what to do. */
  readonly fatal?: string;
}

export interface SessionExport {
  /** The file written (absolute). */
  readonly path: string;
  /** Events written, one NDJSON record each (the `watch --json` schema). */
  readonly count: number;
}

/**
 * One replication, live: polling, Live Tail, the store and its summary.
 * Announces changes at most about ten times a second (batched), so a flood
 * costs one frame per batch, not one per event.
 */
export interface DashboardSource {
  /** Calls `listener` after the snapshot changed; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** The same object until the next announced change. */
  getSnapshot(): DashboardSnapshot;
  /** Poll DescribeReplications now (the `r` key). */
  refresh(): void;
  /** StartReplication; exactly one API call however often asked while it is out. Never rejects. */
  start(type: StartType): Promise<ActionResult>;
  /** StopReplication; the same once-only rule. Never rejects. */
  stop(): Promise<ActionResult>;
  /** Writes every event of this session to a new NDJSON file in `dir` (default: the working directory). Rejects with a one-line Error. */
  exportEvents(dir?: string): Promise<SessionExport>;
  /** Stops polling and Live Tail; leaves no socket or timer. */
  close(): Promise<void>;
}

/** Every replication of a region, for the picker. */
export interface FleetSnapshot {
  readonly version: number;
  readonly now: number;
  readonly region: string;
  /** In DMS's order; undefined before the first answer. */
  readonly replications?: readonly ReplicationSnapshot[];
  readonly lastPollAt?: number;
  readonly stale: boolean;
  /** The last poll failed: one line saying what to do (missing permission, credentials...). */
  readonly error?: string;
}

export interface FleetSource {
  subscribe(listener: () => void): () => void;
  getSnapshot(): FleetSnapshot;
  refresh(): void;
  close(): Promise<void>;
}

/** What a dashboard launch is given by the CLI. */
export interface DashboardLaunch {
  readonly region: string;
  /** `--read-only`: no start or stop, anywhere. */
  readonly readOnly: boolean;
  /** The picker's list; undefined when a replication was named (no going back). */
  readonly fleet?: FleetSource;
  /** Opens a replication (ARN from the picker) live; rejects with a one-line Error. */
  readonly open: (configArn: string) => Promise<DashboardSource>;
  /** Opened at once, without the picker. */
  readonly initial?: DashboardSource;
  /** One line under the header at first, e.g. the demo's "what to try next". */
  readonly hint?: string;
}

/** Runs the full-screen dashboard until the user quits; resolves with the exit code. */
export type DashboardLauncher = (launch: DashboardLaunch) => Promise<number>;
