import type { FaultSpec } from '../faults.js';
import type { MigrationType } from '../world/dms-records.js';

/**
 * A scenario: the DMS endpoints and replication configs of a sandbox
 * account, and the scripts that play a replication's life over (virtual)
 * time. Written in JSON or YAML; documented in ./README.md.
 */
export interface ScenarioSpec {
  readonly name: string;
  readonly description?: string;
  /** Default speed for this scenario; `--speed` wins. */
  readonly speed?: number;
  /** Seed for pids, ports, hosts and generated ids; default: the name. */
  readonly seed?: string;
  readonly endpoints: readonly EndpointSpec[];
  readonly replications: readonly ReplicationSpec[];
  /** Named scripts; they can override the built-in ones of the same name. */
  readonly scripts?: Readonly<Record<string, readonly StepSpec[]>>;
  readonly faults?: Partial<FaultSpec>;
  /** PostgreSQL log lines at a steady rate, forever (benchmarks). */
  readonly flood?: FloodSpec;
  /** The real source databases' `password_encryption` and pg_hba.conf method; default `md5`. */
  readonly passwordEncryption?: 'md5' | 'scram-sha-256';
}

export interface EndpointSpec {
  readonly id: string;
  readonly type: 'source' | 'target';
  /** DMS engine name; default `postgres`. */
  readonly engine?: string;
  /** The RDS instance id: gives `ServerName` `<id>.<random>.<region>.rds.amazonaws.com` and its log group. */
  readonly rdsInstance?: string;
  /** Used when there is no `rdsInstance`. */
  readonly serverName?: string;
  readonly port?: number;
  readonly database?: string;
  readonly username?: string;
  /** The password the endpoint presents; a real source's roles have `sandbox`, so another one is refused. */
  readonly password?: string;
  /** Whether the RDS instance exports its `postgresql` log to CloudWatch; default true. */
  readonly exportsLogs?: boolean;
  /** Seconds between the checkpointer's log lines; default 300 (PostgreSQL's checkpoint_timeout); 0 turns them off. */
  readonly checkpointEverySeconds?: number;
}

export interface TableSpec {
  readonly schema: string;
  readonly name: string;
  readonly rows: number;
}

/** A script by name (see README: built-in scripts) or inline steps. */
export type ScriptRef = string | readonly StepSpec[];

/** `start` (start-replication), `reload` (reload-target), `resume` (resume-processing), `stop`. */
export type PhaseName = 'start' | 'reload' | 'resume' | 'stop';

export interface ReplicationSpec {
  /** The ReplicationConfigIdentifier. */
  readonly id: string;
  /** The ARN's last fragment (26 upper-case letters/digits); generated when absent. */
  readonly resourceId?: string;
  readonly type?: MigrationType;
  /** Endpoint ids. */
  readonly source: string;
  readonly target: string;
  readonly tables?: readonly TableSpec[];
  readonly capacity?: { readonly min?: number; readonly max?: number; readonly provisioned?: number };
  /** `Logging.EnableLogging`: task log lines are written only when on; default true. */
  readonly taskLogging?: boolean;
  /** Phases already played before the sandbox started (e.g. `[start]` for a running replication). */
  readonly history?: readonly PhaseName[];
  /** How long ago the history ended; default 3600 seconds. */
  readonly historyEndedSecondsAgo?: number;
  /** Start (`start-replication`) by itself this many seconds after the sandbox starts. */
  readonly autoStartAfterSeconds?: number;
  readonly onStart?: ScriptRef;
  readonly onReload?: ScriptRef;
  readonly onResume?: ScriptRef;
  readonly onStop?: ScriptRef;
}

export interface StepSpec {
  /** Seconds after the phase began. */
  readonly at: number;
  /** An orchestrator state report; also sets `Status`. */
  readonly state?: string;
  readonly message?: string;
  readonly failureMessage?: string;
  /** A raw orchestrator line, written as is. */
  readonly orchestrator?: string;
  readonly view?: ViewChange;
  readonly postgres?: readonly PostgresAction[];
  readonly task?: readonly TaskLineSpec[];
  /** Plays the replication's tables' full load over `durationSeconds`. */
  readonly fullLoad?: { readonly durationSeconds: number };
}

/** Changes to what DescribeReplications shows. `null` clears an optional field. */
export interface ViewChange {
  readonly status?: string;
  readonly stopReason?: string | null;
  readonly failureMessages?: readonly string[];
  readonly provisionState?: string | null;
  readonly capacityUnits?: number;
  readonly fullLoadProgressPercent?: number;
  readonly tablesLoaded?: number;
  readonly tablesLoading?: number;
  readonly tablesQueued?: number;
  readonly tablesErrored?: number;
  readonly fullLoadStarted?: boolean;
  readonly fullLoadFinished?: boolean;
  readonly cdcPosition?: string;
}

export type ConnectOutcome = 'success' | 'password' | 'no-database' | 'no-hba' | 'no-role';

export type PostgresAction =
  | {
      readonly connect: {
        readonly outcome?: ConnectOutcome;
        readonly user?: string;
        readonly database?: string;
        /** Seconds until the disconnection line; default 0.1. */
        readonly sessionSeconds?: number;
        /** Stays open until a `disconnectAll` (DMS's load and capture sessions). */
        readonly keepOpen?: boolean;
        readonly replication?: boolean;
        readonly ssl?: boolean;
      };
    }
  | { readonly disconnectAll: true }
  /** DMS's newest open session creates the replication's logical slot `${slot}` (test_decoding). */
  | { readonly createSlot: true }
  /** DMS's CDC: a logical replication connection streaming the slot, open until `disconnectAll` or the replication stops or fails. */
  | { readonly replicate: true }
  /** A raw entry: the text after `LEVEL:  `, logged by this replication's connection or a background process. */
  | { readonly line: string; readonly level?: string; readonly background?: boolean };

export type TaskLineSpec =
  | string
  | { readonly component: string; readonly level?: string; readonly text: string; readonly source?: string };

export interface FloodSpec {
  /** The source endpoint whose PostgreSQL log floods. */
  readonly endpoint: string;
  /** Events per (virtual) second; `--rate` wins. */
  readonly rate: number;
}
