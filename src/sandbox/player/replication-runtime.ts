import type { ClockTimer } from '../clock.js';
import type { ReplicationSpec, TableSpec } from '../scenarios/spec.js';
import type { EndpointRecord, ReplicationRecord } from '../world/dms-records.js';
import type { OpenConnection, PostgresInstance } from './postgres-instance.js';

/** One replication as the player drives it: its record plus what its scripts need. */
export interface ReplicationRuntime {
  readonly record: ReplicationRecord;
  readonly spec: ReplicationSpec;
  readonly source: EndpointRecord;
  readonly target: EndpointRecord;
  /** The source's RDS PostgreSQL instance, when it is one. */
  readonly postgres?: PostgresInstance;
  /** The password the source endpoint presents (the scenario's), when it names one. */
  readonly sourcePassword?: string;
  /** The address DMS connects from (a 10.x address in the replication's VPC). */
  readonly dmsHost: string;
  /** `dms-serverless-serv-res-id-<...>`: the task log stream. */
  readonly taskStream: string;
  /** What a full load loads; a real source database puts the rows it counted here. */
  tables: readonly TableSpec[];
  readonly capacity: number;
  /** `${name}` placeholder values. */
  readonly vars: Readonly<Record<string, string>>;
  /** DMS's sessions that stay open while it loads and captures. */
  openConnections: OpenConnection[];
  /** The timers of the phase playing now; a stop cancels them. */
  phaseTimers: ClockTimer[];
  /** Set while the source's real server is still starting: a start plays on once it resolves. */
  sourceReady?: Promise<void>;
  /** A real server refused a test connection the script expected to succeed (set by the replication's machine). */
  onTestConnectionRefused?: () => void;
}
