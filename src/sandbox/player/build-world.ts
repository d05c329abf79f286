import { RESOURCE_ID_ALPHABET } from '../random.js';
import type { SeededRandom } from '../random.js';
import type { EndpointSpec, ReplicationSpec, ScenarioSpec, TableSpec } from '../scenarios/spec.js';
import type { EndpointRecord, ReplicationRecord } from '../world/dms-records.js';
import { emptyStats } from '../world/dms-records.js';
import type { World } from '../world/world.js';
import { PostgresInstance } from './postgres-instance.js';
import type { ReplicationRuntime } from './replication-runtime.js';
import type { SourceBackend } from './source-backend.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Tables a replication loads when its scenario names none. */
export const DEFAULT_TABLES: readonly TableSpec[] = [
  { schema: 'public', name: 'customers', rows: 12_480 },
  { schema: 'public', name: 'products', rows: 812 },
  { schema: 'public', name: 'orders', rows: 48_210 },
  { schema: 'public', name: 'order_items', rows: 151_377 },
  { schema: 'public', name: 'payments', rows: 46_905 },
  { schema: 'public', name: 'shipments', rows: 39_112 },
];

const POSTGRES_ENGINES = new Set(['postgres', 'aurora-postgresql']);

export interface BuiltWorld {
  readonly runtimes: ReplicationRuntime[];
  /** RDS PostgreSQL instances whose logs are exported, with their checkpoint interval in seconds. */
  readonly instances: { readonly instance: PostgresInstance; readonly checkpointEverySeconds: number }[];
  readonly endpointsById: ReadonlyMap<string, EndpointRecord>;
  readonly postgresByEndpoint: ReadonlyMap<string, PostgresInstance>;
}

/** Creates the scenario's endpoints, replication configs (status `created`) and RDS log groups. */
export function buildWorld(spec: ScenarioSpec, world: World, random: SeededRandom, startedAt: number, sources?: SourceBackend): BuiltWorld {
  const instancesById = new Map<string, PostgresInstance>();
  const instances: BuiltWorld['instances'] = [];
  const endpointsById = new Map<string, EndpointRecord>();
  const postgresByEndpoint = new Map<string, PostgresInstance>();
  for (const e of spec.endpoints) {
    const record = endpointRecord(e, world, random);
    world.addEndpoint(record);
    endpointsById.set(e.id, record);
    if (e.rdsInstance === undefined || !POSTGRES_ENGINES.has(record.engine)) continue;
    let instance = instancesById.get(e.rdsInstance);
    if (instance === undefined) {
      instance = sources?.instance(e.rdsInstance, world.logs, random) ?? new PostgresInstance(e.rdsInstance, world.logs, random);
      instancesById.set(e.rdsInstance, instance);
      // The group exists only when the instance exports its `postgresql` log (src/FACTS.md).
      if (e.exportsLogs !== false) {
        world.logs.createGroup(instance.logGroup, startedAt - 90 * DAY_MS);
        instances.push({ instance, checkpointEverySeconds: e.checkpointEverySeconds ?? 300 });
      }
    }
    postgresByEndpoint.set(e.id, instance);
  }
  const runtimes = spec.replications.map((r) => {
    const source = endpointsById.get(r.source);
    const target = endpointsById.get(r.target);
    if (source === undefined || target === undefined) throw new Error(`replication ${r.id}: endpoint missing`);
    const password = spec.endpoints.find((e) => e.id === r.source)?.password;
    const rt = runtime(r, source, target, postgresByEndpoint.get(r.source), world, random, startedAt, password);
    world.addReplication(rt.record);
    return rt;
  });
  return { runtimes, instances, endpointsById, postgresByEndpoint };
}

function endpointRecord(e: EndpointSpec, world: World, random: SeededRandom): EndpointRecord {
  const engine = e.engine ?? 'postgres';
  const isPostgres = POSTGRES_ENGINES.has(engine);
  const serverName = e.rdsInstance === undefined
    ? e.serverName
    : `${e.rdsInstance}.${random.chars(12, 'abcdefghijklmnopqrstuvwxyz0123456789')}.${world.region}.rds.amazonaws.com`;
  const record: EndpointRecord = {
    id: e.id,
    arn: `arn:aws:dms:${world.region}:${world.accountId}:endpoint:${random.chars(26, RESOURCE_ID_ALPHABET)}`,
    type: e.type,
    engine,
    sslMode: isPostgres ? 'require' : 'none',
    ...(serverName === undefined ? {} : { serverName }),
    ...(e.port !== undefined ? { port: e.port } : isPostgres ? { port: 5432 } : {}),
    ...(e.database !== undefined ? { databaseName: e.database } : isPostgres ? { databaseName: 'postgres' } : {}),
    ...(e.username !== undefined ? { username: e.username } : isPostgres ? { username: 'postgres' } : {}),
    ...(e.rdsInstance === undefined ? {} : { rdsInstanceId: e.rdsInstance }),
  };
  return record;
}

function runtime(
  r: ReplicationSpec,
  source: EndpointRecord,
  target: EndpointRecord,
  postgres: PostgresInstance | undefined,
  world: World,
  random: SeededRandom,
  startedAt: number,
  sourcePassword: string | undefined,
): ReplicationRuntime {
  const resourceId = r.resourceId ?? random.chars(26, RESOURCE_ID_ALPHABET);
  const arn = `arn:aws:dms:${world.region}:${world.accountId}:replication-config:${resourceId}`;
  const tables = r.tables ?? DEFAULT_TABLES;
  const capacity = r.capacity?.provisioned ?? Math.min(r.capacity?.max ?? 16, Math.max(r.capacity?.min ?? 1, 4));
  const createTime = startedAt - 3 * DAY_MS;
  const record: ReplicationRecord = {
    config: {
      id: r.id,
      arn,
      resourceId,
      type: r.type ?? 'full-load-and-cdc',
      sourceEndpointArn: source.arn,
      targetEndpointArn: target.arn,
      createTime,
      minCapacityUnits: r.capacity?.min ?? 1,
      maxCapacityUnits: r.capacity?.max ?? 16,
      multiAz: false,
      taskLogging: r.taskLogging ?? true,
      tableMappings: JSON.stringify({
        rules: [{ 'rule-type': 'selection', 'rule-id': '1', 'rule-name': '1', 'object-locator': { 'schema-name': 'public', 'table-name': '%' }, 'rule-action': 'include' }],
      }),
    },
    status: 'created',
    failureMessages: [],
    stats: emptyStats(),
    createTime,
    updateTime: createTime,
    hasStarted: false,
  };
  const slot = `${random.chars(16, 'abcdefghijklmnopqrstuvwxyz')}_${String(random.int(16_000, 99_999)).padStart(8, '0')}_${random.chars(8, '0123456789abcdef')}`;
  const dmsHost = `10.0.${random.int(0, 255)}.${random.int(2, 254)}`;
  return {
    record,
    spec: r,
    source,
    target,
    ...(postgres === undefined ? {} : { postgres }),
    ...(sourcePassword === undefined ? {} : { sourcePassword }),
    dmsHost,
    taskStream: `dms-serverless-serv-res-id-${random.chars(26, RESOURCE_ID_ALPHABET).toLowerCase()}`,
    tables,
    capacity,
    vars: {
      configId: r.id,
      configArn: arn,
      resourceId,
      sourceEndpoint: source.id,
      targetEndpoint: target.id,
      database: source.databaseName ?? '',
      username: source.username ?? '',
      serverName: source.serverName ?? '',
      instance: source.rdsInstanceId ?? '',
      capacity: String(capacity),
      dmsHost,
      slot,
    },
    openConnections: [],
    phaseTimers: [],
  };
}
