/**
 * The event types every layer after `parse` speaks. Nothing from `@aws-sdk/*`
 * appears here: parsers turn raw AWS shapes and log text into these.
 */

/** Where an event came from. */
export type EventSource = 'dms' | 'dms-task' | 'postgres' | 'api' | 'other';

/** What an event says. Short lowercase words, as the NDJSON output spells them. */
export type EventKind = 'state' | 'connection' | 'task' | 'status' | 'log';

export type Severity = 'info' | 'warning' | 'error';

/** The lifecycle steps of one PostgreSQL connection attempt, as the server logs them. */
export type PgConnectionStep =
  | 'received'
  | 'authenticated'
  | 'authorized'
  | 'disconnected'
  | 'auth_failed'
  | 'failed';

interface EventBase {
  /** Stable identity: the CloudWatch event id where known, else a hash of group, stream, time and message. */
  readonly id: string;
  /** Event time, epoch milliseconds. */
  readonly time: number;
  readonly source: EventSource;
  readonly severity: Severity;
  /** One line, safe to print to a terminal (control characters escaped). */
  readonly text: string;
  /** The original message, untouched. */
  readonly raw: string;
  readonly logGroup?: string;
  readonly logStream?: string;
}

/** A DMS orchestrator state report (`{'replication_state': ...}`). */
export interface StateEvent extends EventBase {
  readonly kind: 'state';
  readonly state: string;
  readonly message?: string;
  readonly failureMessage?: string;
  /** Any other keys the message carried, values as text. */
  readonly extra?: Readonly<Record<string, string>>;
}

/** A change seen by polling DescribeReplications. */
export interface StatusEvent extends EventBase {
  readonly kind: 'status';
  /** The replication's Status, lower case. */
  readonly state: string;
  readonly message?: string;
  readonly failureMessage?: string;
  readonly snapshot: ReplicationSnapshot;
  /** What changed since the previous snapshot, e.g. `status`, `stopReason`. */
  readonly changes: readonly string[];
}

export interface PgConnection {
  readonly event: PgConnectionStep;
  readonly user?: string;
  readonly database?: string;
  readonly host?: string;
  readonly port?: number;
  readonly pid?: number;
  /** Authentication method (`md5`, `scram-sha-256`, `peer`, ...). */
  readonly method?: string;
  readonly application?: string;
  readonly ssl?: boolean;
  readonly replication?: boolean;
  /** Session time in milliseconds, on `disconnected`. */
  readonly sessionMs?: number;
  /** Why it failed, on `auth_failed` and `failed` (the FATAL text and its DETAIL). */
  readonly reason?: string;
}

/** A PostgreSQL connection lifecycle entry. */
export interface ConnectionEvent extends EventBase {
  readonly kind: 'connection';
  readonly connection: PgConnection;
  readonly pg: PgEntryInfo;
}

/** A DMS task log line (`[SOURCE_CAPTURE  ]E:  ...`). */
export interface TaskEvent extends EventBase {
  readonly kind: 'task';
  readonly component: string;
  /** The severity letter as DMS wrote it: E, W, I, D or T. */
  readonly level: string;
}

/** Any other log line: PostgreSQL entries that are not connection steps, and text we do not understand. */
export interface LogEvent extends EventBase {
  readonly kind: 'log';
  readonly pg?: PgEntryInfo;
}

export type DmsEvent = StateEvent | StatusEvent | ConnectionEvent | TaskEvent | LogEvent;

/** The fields of an RDS PostgreSQL log entry (`%t:%r:%u@%d:[%p]:LEVEL:  text`). */
export interface PgEntryInfo {
  readonly user?: string;
  readonly database?: string;
  readonly host?: string;
  readonly port?: number;
  readonly pid?: number;
  /** LOG, FATAL, ERROR, PANIC, WARNING, ... */
  readonly level: string;
}

/** What dms-live keeps of one DescribeReplications `Replication` record. */
export interface ReplicationSnapshot {
  readonly configArn: string;
  readonly configId?: string;
  /** Lower case. */
  readonly status: string;
  readonly stopReason?: string;
  readonly failureMessages: readonly string[];
  readonly replicationType?: string;
  readonly startReplicationType?: string;
  readonly provisionState?: string;
  readonly provisionedCapacityUnits?: number;
  readonly stats?: ReplicationStats;
  /** Epoch milliseconds. */
  readonly createTime?: number;
  readonly updateTime?: number;
  readonly lastStopTime?: number;
  readonly startTime?: number;
}

export interface ReplicationStats {
  readonly fullLoadProgressPercent?: number;
  readonly elapsedTimeMillis?: number;
  readonly tablesLoaded?: number;
  readonly tablesLoading?: number;
  readonly tablesQueued?: number;
  readonly tablesErrored?: number;
  readonly freshStartDate?: number;
  readonly startDate?: number;
  readonly stopDate?: number;
  readonly fullLoadStartDate?: number;
  readonly fullLoadFinishDate?: number;
}

/** A raw log record as sources and replay readers hand it to the parse layer. */
export interface RawLogRecord {
  readonly message: string;
  /** Epoch milliseconds; absent when the input carried none (plain text). */
  readonly timestamp?: number;
  readonly logGroup?: string;
  readonly logStream?: string;
  readonly eventId?: string;
  readonly ingestionTime?: number;
}
