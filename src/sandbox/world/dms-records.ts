/**
 * The sandbox's DMS resources as plain records. Times are epoch milliseconds
 * (virtual); the wire layer turns them into the epoch seconds DMS sends.
 */

export type MigrationType = 'full-load' | 'cdc' | 'full-load-and-cdc';

export interface EndpointRecord {
  readonly id: string;
  readonly arn: string;
  readonly type: 'source' | 'target';
  /** DMS engine name, e.g. `postgres`, `aurora-postgresql`, `s3`. */
  readonly engine: string;
  readonly serverName?: string;
  readonly port?: number;
  readonly databaseName?: string;
  readonly username?: string;
  readonly sslMode: 'none' | 'require' | 'verify-ca' | 'verify-full';
  /** The RDS instance behind the endpoint, when there is one. */
  readonly rdsInstanceId?: string;
  /** Its PostgreSQL log group, only when the instance exports `postgresql` logs. */
  readonly postgresLogGroup?: string;
}

export interface ReplicationConfigRecord {
  readonly id: string;
  readonly arn: string;
  /** The ARN's last fragment: names the replication's log group and streams. */
  readonly resourceId: string;
  readonly type: MigrationType;
  readonly sourceEndpointArn: string;
  readonly targetEndpointArn: string;
  /** Set once, moved back only when a replayed history predates it. */
  createTime: number;
  readonly minCapacityUnits: number;
  readonly maxCapacityUnits: number;
  readonly multiAz: boolean;
  readonly taskLogging: boolean;
  readonly tableMappings: string;
}

export interface ProvisionRecord {
  state: string;
  capacityUnits: number;
  dateProvisioned?: number;
  isNewProvisioningAvailable: boolean;
}

export interface StatsRecord {
  fullLoadProgressPercent: number;
  tablesLoaded: number;
  tablesLoading: number;
  tablesQueued: number;
  tablesErrored: number;
  freshStartDate?: number;
  startDate?: number;
  stopDate?: number;
  fullLoadStartDate?: number;
  fullLoadFinishDate?: number;
}

/** What DescribeReplications shows for one config, changed by the scenario player. */
export interface ReplicationRecord {
  readonly config: ReplicationConfigRecord;
  status: string;
  provision?: ProvisionRecord;
  stopReason?: string;
  failureMessages: string[];
  startType?: string;
  stats: StatsRecord;
  cdcStartPosition?: string;
  recoveryCheckpoint?: string;
  createTime: number;
  updateTime: number;
  lastStopTime?: number;
  /** Whether a `start-replication` run ever happened (required before resume/reload). */
  hasStarted: boolean;
}

/** The statuses in which a replication is doing something and cannot be started. */
export const ACTIVE_STATUSES: ReadonlySet<string> = new Set([
  'initializing',
  'preparing_metadata_resources',
  'testing_connection',
  'fetching_metadata',
  'calculating_capacity',
  'provisioning_capacity',
  'replication_starting',
  'running',
  'stopping',
  'deleting',
]);

export function emptyStats(): StatsRecord {
  return { fullLoadProgressPercent: 0, tablesLoaded: 0, tablesLoading: 0, tablesQueued: 0, tablesErrored: 0 };
}
