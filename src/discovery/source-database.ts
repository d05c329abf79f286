import type { Endpoint } from '@aws-sdk/client-database-migration-service';

/** Where a replication's source database writes its PostgreSQL log in CloudWatch, as far as the endpoint tells. */
export interface SourceDatabase {
  readonly endpointArn: string;
  readonly endpointId?: string;
  /** DMS EngineName, lower case: `postgres`, `aurora-postgresql`, `mysql`, ... */
  readonly engine: string;
  readonly serverName?: string;
  readonly port?: number;
  readonly databaseName?: string;
  readonly username?: string;
  /** The PostgreSQL log group, when the host name is an RDS one we can read. */
  readonly logGroup?: RdsLogGroup;
  /** Why there is no log group, in words, when there is none. */
  readonly noLogGroupReason?: string;
}

export interface RdsLogGroup {
  readonly name: string;
  readonly kind: 'instance' | 'cluster';
  /** The DB instance or cluster identifier. */
  readonly id: string;
}

const POSTGRES_ENGINES = new Set(['postgres', 'postgresql', 'aurora-postgresql']);

/**
 * RDS host names (Amazon RDS User Guide, "Connecting to a DB instance"):
 * an instance `<instance>.<hash>.<region>.rds.amazonaws.com`, an Aurora
 * cluster `<cluster>.cluster-<hash>...`, `cluster-ro-` (readers) or
 * `cluster-custom-` (custom endpoints). China regions end `.com.cn`.
 */
const RDS_HOST = /^([a-z][a-z0-9-]*)\.((?:cluster-(?:ro-|custom-)?)?)[a-z0-9]+\.[a-z0-9-]+\.rds\.amazonaws\.com(?:\.cn)?\.?$/i;

/**
 * The source endpoint read for logs. RDS exports the PostgreSQL log to
 * `/aws/rds/instance/<instance>/postgresql`, Aurora to
 * `/aws/rds/cluster/<cluster>/postgresql` (Amazon RDS User Guide,
 * "Publishing PostgreSQL logs to Amazon CloudWatch Logs"). An Aurora
 * instance endpoint names the instance, not its cluster, and DMS does not
 * say which cluster it belongs to: then `--rds-log-group` names it.
 */
export function sourceDatabaseOf(endpoint: Endpoint): SourceDatabase {
  const engine = (endpoint.EngineName ?? '').toLowerCase();
  const serverName = endpoint.ServerName ?? endpoint.PostgreSQLSettings?.ServerName;
  const base = {
    endpointArn: endpoint.EndpointArn ?? '',
    endpointId: endpoint.EndpointIdentifier,
    engine,
    serverName,
    port: endpoint.Port ?? endpoint.PostgreSQLSettings?.Port,
    databaseName: endpoint.DatabaseName ?? endpoint.PostgreSQLSettings?.DatabaseName,
    username: endpoint.Username ?? endpoint.PostgreSQLSettings?.Username,
  };
  if (!POSTGRES_ENGINES.has(engine)) {
    return { ...base, noLogGroupReason: `the source endpoint's engine is ${engine === '' ? 'not given' : engine}, not PostgreSQL` };
  }
  if (serverName === undefined || serverName === '') {
    return { ...base, noLogGroupReason: 'the source endpoint names no server (its settings may sit in Secrets Manager)' };
  }
  const m = RDS_HOST.exec(serverName.trim());
  if (m === null) return { ...base, noLogGroupReason: `${serverName} is not an RDS host name` };
  const id = (m[1] ?? '').toLowerCase();
  const isCluster = (m[2] ?? '') !== '';
  if (isCluster) return { ...base, logGroup: { name: `/aws/rds/cluster/${id}/postgresql`, kind: 'cluster', id } };
  if (engine === 'aurora-postgresql') {
    return { ...base, noLogGroupReason: `${serverName} is an Aurora instance endpoint, and its cluster's log group cannot be told from it` };
  }
  return { ...base, logGroup: { name: `/aws/rds/instance/${id}/postgresql`, kind: 'instance', id } };
}

/** The AWS CLI command that turns on the PostgreSQL log export for a log group's instance or cluster. */
export function exportCommandFor(group: RdsLogGroup): string {
  return group.kind === 'cluster'
    ? `aws rds modify-db-cluster --db-cluster-identifier ${group.id} --cloudwatch-logs-export-configuration '{"EnableLogTypes":["postgresql"]}'`
    : `aws rds modify-db-instance --db-instance-identifier ${group.id} --cloudwatch-logs-export-configuration '{"EnableLogTypes":["postgresql"]}' --apply-immediately`;
}
