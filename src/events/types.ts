/**
 * The event types every layer after `parse` speaks. Nothing from `@aws-sdk/*`
 * appears here: parsers turn raw AWS shapes and log text into these.
 */

/**
 * Where an event came from. `api` is DescribeReplications and the actions
 * (StartReplication, StopReplication); `live` is dms-live itself (its Live
 * Tail session, poller and discovery reporting what they do).
 */
export type EventSource = 'dms' | 'dms-task' | 'postgres' | 'api' | 'live' | 'other';

/** What an event says. Short lowercase words, as the NDJSON output spells them. */
export type EventKind = 'state' | 'connection' | 'task' | 'status' | 'log' | 'session' | 'action';

export type Severity = 'info' | 'warning' | 'error';

/** The lifecycle steps of one PostgreSQL connection attempt, as the server logs them. */
export type PgConnectionStep =
  | 'received'
  | 'authenticated'
  | 'authorized'
  | 'disconnected'
  | 'auth_failed'
  | 'failed';

/**
 * Text fields are one of two kinds. Terminal-safe, one line: `text`,
 * `state`, `component`, the `pg` fields and the connection's user,
 * database, host, method and application. Exact, as the log or AWS wrote
 * them (newlines, tabs and escape sequences included), for scripts that
 * read them with `jq -r`: `raw`, `logGroup`, `logStream`, `message`,
 * `failureMessage`, `extra`, `connection.reason`, and the `session` and
 * `action` details.
 * Whatever displays an exact field runs it through `toSafeLine`
 * (src/parse/safe-text.ts) first.
 */
interface EventBase {
  /** Stable identity: the CloudWatch event id where known, else a hash of group, stream, time and message. */
  readonly id: string;
  /** Event time, epoch milliseconds. */
  readonly time: number;
  readonly source: EventSource;
  readonly severity: Severity;
  /** One line, safe to print to a terminal (control characters escaped). */
  readonly text: string;
  /** The original message, untouched: not safe to print. */
  readonly raw: string;
  /** The message was longer than dms-live keeps (src/parse/event-size.ts): `raw` holds its start, this many bytes were left out, `text` ends with `… [cut: N bytes]`. */
  readonly cutBytes?: number;
  /** Exact, as the log named them: not safe to print. */
  readonly logGroup?: string;
  readonly logStream?: string;
}

/** A DMS orchestrator state report (`{'replication_state': ...}`). */
export interface StateEvent extends EventBase {
  readonly kind: 'state';
  readonly state: string;
  /** Exact (may hold newlines and control characters). */
  readonly message?: string;
  /** Exact (may hold newlines and control characters). */
  readonly failureMessage?: string;
  /** Any other keys the message carried, values as text; keys and values exact. */
  readonly extra?: Readonly<Record<string, string>>;
  /** The report was cut short (CloudWatch keeps at most 1 MB of an event; pasted lines lose their end): the last value is partial, `text` ends with `…`. */
  readonly truncated?: true;
}

/** A change seen by polling DescribeReplications. */
export interface StatusEvent extends EventBase {
  readonly kind: 'status';
  /** The replication's Status, lower case. */
  readonly state: string;
  /** The StopReason, exact. */
  readonly message?: string;
  /** The FailureMessages joined with `; `, exact. */
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
  /** Why it failed, on `auth_failed` and `failed` (the FATAL text and its DETAIL after ` — `), exact: newlines kept. */
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

/**
 * What a live session reports about itself:
 * - `connected`: a Live Tail session is open over `groups`;
 * - `reconnecting`: it ended (`reason`) and opens again after `retryInMs` (`attempt` counts tries since the last healthy minute);
 * - `sampled`: CloudWatch started (`sampled: true`) or stopped sampling results (more than 500 events/s matched);
 * - `backfilled`: FilterLogEvents filled a gap or the run so far with `count` events, `cut` older ones left out;
 * - `joined`: a log group that did not exist appeared and joins the session (`groups`);
 * - `idle`: the session was closed to save cost (nothing arrived, replication settled); `reopened` follows a change;
 * - `rate`: once a minute, events per second and the session minutes billed so far;
 * - `poll`: the replication poller's health (`stale`, throttled, recovered);
 * - `warning`: something the user should fix or know (a missing log group, no connection lines);
 * - `error`: the session cannot go on without the user (access denied, too many sessions);
 * - `exported`: the dashboard wrote the session's events to a file (`count`; the path is in the text).
 */
export type SessionEventName =
  | 'connected'
  | 'reconnecting'
  | 'sampled'
  | 'backfilled'
  | 'joined'
  | 'idle'
  | 'reopened'
  | 'rate'
  | 'poll'
  | 'warning'
  | 'error'
  | 'closed'
  | 'exported';

export interface SessionInfo {
  readonly event: SessionEventName;
  /** Why, in words (an error name, `heartbeat lost`, `rollover`, ...). */
  readonly reason?: string;
  /** Log group names involved. */
  readonly groups?: readonly string[];
  /** Events backfilled. */
  readonly count?: number;
  /** Events a bounded backfill left out (the oldest). */
  readonly cut?: number;
  readonly sampled?: boolean;
  readonly eventsPerSecond?: number;
  /** Live Tail session minutes billed so far (all sessions of this run). */
  readonly billedMinutes?: number;
  readonly attempt?: number;
  readonly retryInMs?: number;
  /** The IAM action a denial names, e.g. `logs:StartLiveTail`. */
  readonly action?: string;
}

/** dms-live's own account of its live sources. `text` says it in one line. */
export interface SessionEvent extends EventBase {
  readonly kind: 'session';
  readonly session: SessionInfo;
}

export type ActionName = 'start' | 'stop';

export interface ActionInfo {
  readonly name: ActionName;
  /** `requested` when the call is sent, then `succeeded` or `failed`. */
  readonly outcome: 'requested' | 'succeeded' | 'failed';
  readonly replicationConfigArn: string;
  /** StartReplicationType for `start`. */
  readonly startType?: string;
  /** The Status the API answered with, lower case. */
  readonly status?: string;
  /** The one-line error, on `failed`. */
  readonly error?: string;
}

/** A start or stop dms-live sent, and how it went. */
export interface ActionEvent extends EventBase {
  readonly kind: 'action';
  readonly action: ActionInfo;
}

export type DmsEvent = StateEvent | StatusEvent | ConnectionEvent | TaskEvent | LogEvent | SessionEvent | ActionEvent;

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
  /** The message was longer than dms-live keeps (src/parse/event-size.ts): `message` holds its start, this many bytes were left out. */
  readonly cutBytes?: number;
}
