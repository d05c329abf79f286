import type { EndpointRecord, ReplicationRecord } from '../world/dms-records.js';
import { ACTIVE_STATUSES } from '../world/dms-records.js';

/**
 * DMS records in their JSON 1.1 wire shape (`Replication`, `ReplicationConfig`,
 * `Endpoint` in the official model, test/fixtures/aws-models/dms/2016-01-01/service-2.json).
 * Timestamps are epoch seconds as numbers: an ISO string makes the JS SDK
 * throw `Expected real number` (src/FACTS.md).
 */

export type WireObject = Record<string, unknown>;

/** Epoch milliseconds to the epoch seconds DMS sends (fraction kept). */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

const ENGINE_DISPLAY_NAMES: Readonly<Record<string, string>> = {
  postgres: 'PostgreSQL',
  'aurora-postgresql': 'Amazon Aurora PostgreSQL',
  mysql: 'MySQL',
  'aurora-mysql': 'Amazon Aurora MySQL',
  s3: 'Amazon S3',
  redshift: 'Amazon Redshift',
  'redshift-serverless': 'Amazon Redshift Serverless',
};

export function wireReplication(r: ReplicationRecord, now: number): WireObject {
  const out: WireObject = {
    ReplicationConfigIdentifier: r.config.id,
    ReplicationConfigArn: r.config.arn,
    SourceEndpointArn: r.config.sourceEndpointArn,
    TargetEndpointArn: r.config.targetEndpointArn,
    ReplicationType: r.config.type,
    Status: r.status,
  };
  if (r.provision !== undefined) {
    const p = r.provision;
    out.ProvisionData = {
      ProvisionState: p.state,
      ProvisionedCapacityUnits: p.capacityUnits,
      ...(p.dateProvisioned === undefined ? {} : { DateProvisioned: epochSeconds(p.dateProvisioned) }),
      IsNewProvisioningAvailable: p.isNewProvisioningAvailable,
    };
  }
  if (r.stopReason !== undefined) out.StopReason = r.stopReason;
  if (r.failureMessages.length > 0) out.FailureMessages = [...r.failureMessages];
  if (r.stats.startDate !== undefined) out.ReplicationStats = wireStats(r, now);
  if (r.startType !== undefined) out.StartReplicationType = r.startType;
  if (r.cdcStartPosition !== undefined) out.CdcStartPosition = r.cdcStartPosition;
  if (r.recoveryCheckpoint !== undefined) out.RecoveryCheckpoint = r.recoveryCheckpoint;
  out.ReplicationCreateTime = epochSeconds(r.createTime);
  out.ReplicationUpdateTime = epochSeconds(r.updateTime);
  if (r.lastStopTime !== undefined) out.ReplicationLastStopTime = epochSeconds(r.lastStopTime);
  out.IsReadOnly = false;
  return out;
}

function wireStats(r: ReplicationRecord, now: number): WireObject {
  const s = r.stats;
  const out: WireObject = {
    FullLoadProgressPercent: s.fullLoadProgressPercent,
    TablesLoaded: s.tablesLoaded,
    TablesLoading: s.tablesLoading,
    TablesQueued: s.tablesQueued,
    TablesErrored: s.tablesErrored,
  };
  if (s.startDate !== undefined) {
    const end = ACTIVE_STATUSES.has(r.status) ? now : (s.stopDate ?? now);
    out.ElapsedTimeMillis = Math.max(0, end - s.startDate);
  }
  const dates = [
    ['FreshStartDate', s.freshStartDate],
    ['StartDate', s.startDate],
    ['StopDate', s.stopDate],
    ['FullLoadStartDate', s.fullLoadStartDate],
    ['FullLoadFinishDate', s.fullLoadFinishDate],
  ] as const;
  for (const [name, value] of dates) if (value !== undefined) out[name] = epochSeconds(value);
  return out;
}

export function wireReplicationConfig(r: ReplicationRecord): WireObject {
  const c = r.config;
  return {
    ReplicationConfigIdentifier: c.id,
    ReplicationConfigArn: c.arn,
    SourceEndpointArn: c.sourceEndpointArn,
    TargetEndpointArn: c.targetEndpointArn,
    ReplicationType: c.type,
    ComputeConfig: {
      MaxCapacityUnits: c.maxCapacityUnits,
      MinCapacityUnits: c.minCapacityUnits,
      MultiAZ: c.multiAz,
      ReplicationSubnetGroupId: 'default-vpc-sandbox',
      VpcSecurityGroupIds: ['sg-0123456789abcdef0'],
      PreferredMaintenanceWindow: 'sun:23:00-mon:01:00',
    },
    ReplicationSettings: JSON.stringify({
      Logging: { EnableLogging: c.taskLogging, CloudWatchLogGroup: null, CloudWatchLogStream: null },
    }),
    TableMappings: c.tableMappings,
    ReplicationConfigCreateTime: epochSeconds(c.createTime),
    ReplicationConfigUpdateTime: epochSeconds(c.createTime),
    IsReadOnly: false,
  };
}

export function wireEndpoint(e: EndpointRecord): WireObject {
  const out: WireObject = {
    EndpointIdentifier: e.id,
    EndpointType: e.type.toUpperCase(),
    EngineName: e.engine,
    EngineDisplayName: ENGINE_DISPLAY_NAMES[e.engine] ?? e.engine,
  };
  if (e.username !== undefined) out.Username = e.username;
  if (e.serverName !== undefined) out.ServerName = e.serverName;
  if (e.port !== undefined) out.Port = e.port;
  if (e.databaseName !== undefined) out.DatabaseName = e.databaseName;
  out.Status = 'active';
  out.EndpointArn = e.arn;
  out.SslMode = e.sslMode;
  out.IsReadOnly = false;
  if (e.engine === 'postgres' || e.engine === 'aurora-postgresql') {
    out.PostgreSQLSettings = {
      DatabaseName: e.databaseName,
      Port: e.port,
      ServerName: e.serverName,
      Username: e.username,
      HeartbeatEnable: false,
      PluginName: 'test-decoding',
      ExecuteTimeout: 60,
      MaxFileSize: 32768,
      CaptureDdls: true,
      DdlArtifactsSchema: 'public',
    };
  }
  return out;
}
