import { readFaults } from '../faults.js';
import type { MigrationType } from '../world/dms-records.js';
import { FieldReader, ScenarioError } from './field-reader.js';
import { MAX_HISTORY_PHASES, RANGES } from './ranges.js';
import { BUILT_IN_SCRIPT_NAMES } from './scripts.js';
import type {
  EndpointSpec,
  PhaseName,
  PostgresAction,
  ReplicationSpec,
  ScenarioSpec,
  ScriptRef,
  StepSpec,
  TaskLineSpec,
  ViewChange,
} from './spec.js';

const MIGRATION_TYPES: readonly MigrationType[] = ['full-load', 'cdc', 'full-load-and-cdc'];
const PHASES: readonly PhaseName[] = ['start', 'reload', 'resume', 'stop'];
const OUTCOMES = ['success', 'password', 'no-database', 'no-hba', 'no-role'] as const;

/**
 * Validates untrusted scenario data (parsed JSON or YAML) into a
 * `ScenarioSpec`. Throws a `ScenarioError` with a one-line message naming
 * the field, e.g. `replications[0].source: no source endpoint "pg"`.
 */
export function readScenario(value: unknown): ScenarioSpec {
  const r = new FieldReader(value, '', ['name', 'description', 'speed', 'seed', 'endpoints', 'replications', 'scripts', 'faults', 'flood', 'passwordEncryption']);
  const scripts = readScripts(r);
  const endpoints = r.list('endpoints', readEndpoint) ?? [];
  const scriptNames = new Set([...BUILT_IN_SCRIPT_NAMES, ...Object.keys(scripts ?? {})]);
  const replications = r.list('replications', (item, path) => readReplication(item, path, endpoints, scriptNames)) ?? [];
  if (replications.length === 0) throw new ScenarioError('replications: a scenario needs at least one replication');
  unique(endpoints.map((e) => e.id), 'endpoints', 'id');
  unique(replications.map((x) => x.id), 'replications', 'id');
  const flood = r.child('flood', ['endpoint', 'rate']);
  const floodSpec = flood === undefined ? undefined : { endpoint: flood.requiredString('endpoint'), rate: flood.number('rate', RANGES.rate) ?? 100 };
  if (floodSpec !== undefined && !endpoints.some((e) => e.id === floodSpec.endpoint)) {
    throw new ScenarioError(`flood.endpoint: no endpoint "${floodSpec.endpoint}"`);
  }
  const description = r.string('description');
  const speed = r.number('speed', RANGES.speed);
  const seed = r.string('seed');
  const faults = r.has('faults') ? readFaults(r.raw('faults'), 'faults') : undefined;
  const passwordEncryption = r.oneOf('passwordEncryption', ['md5', 'scram-sha-256'] as const);
  return {
    name: r.requiredString('name'),
    ...(description === undefined ? {} : { description }),
    ...(speed === undefined ? {} : { speed }),
    ...(seed === undefined ? {} : { seed }),
    endpoints,
    replications,
    ...(scripts === undefined ? {} : { scripts }),
    ...(faults === undefined ? {} : { faults }),
    ...(floodSpec === undefined ? {} : { flood: floodSpec }),
    ...(passwordEncryption === undefined ? {} : { passwordEncryption }),
  };
}

function readScripts(r: FieldReader): Record<string, StepSpec[]> | undefined {
  const scripts = r.child('scripts');
  if (scripts === undefined) return undefined;
  // fromEntries makes own properties even of names like `__proto__`.
  return Object.fromEntries(scripts.keys().map((name) => [name, scripts.list(name, readStep) ?? []]));
}

function readEndpoint(value: unknown, path: string): EndpointSpec {
  const r = new FieldReader(value, path, [
    'id', 'type', 'engine', 'rdsInstance', 'serverName', 'port', 'database', 'username', 'password', 'exportsLogs', 'checkpointEverySeconds',
  ]);
  const type = r.oneOf('type', ['source', 'target'] as const);
  if (type === undefined) throw new ScenarioError(`${r.at('type')}: is required (source or target)`);
  return compact({
    id: r.requiredString('id'),
    type,
    engine: r.string('engine'),
    rdsInstance: r.string('rdsInstance'),
    serverName: r.string('serverName'),
    port: r.number('port', RANGES.endpointPort),
    database: r.string('database'),
    username: r.string('username'),
    password: r.string('password'),
    exportsLogs: r.boolean('exportsLogs'),
    checkpointEverySeconds: r.number('checkpointEverySeconds', RANGES.checkpointEverySeconds),
  });
}

function readReplication(value: unknown, path: string, endpoints: readonly EndpointSpec[], scripts: ReadonlySet<string>): ReplicationSpec {
  const r = new FieldReader(value, path, [
    'id', 'resourceId', 'type', 'source', 'target', 'tables', 'capacity', 'taskLogging', 'history', 'historyEndedSecondsAgo',
    'autoStartAfterSeconds', 'onStart', 'onReload', 'onResume', 'onStop',
  ]);
  const source = r.requiredString('source');
  const target = r.requiredString('target');
  if (!endpoints.some((e) => e.id === source && e.type === 'source')) throw new ScenarioError(`${r.at('source')}: no source endpoint "${source}"`);
  if (!endpoints.some((e) => e.id === target && e.type === 'target')) throw new ScenarioError(`${r.at('target')}: no target endpoint "${target}"`);
  const resourceId = r.string('resourceId');
  if (resourceId !== undefined && !/^[A-Z0-9]{26}$/.test(resourceId)) {
    throw new ScenarioError(`${r.at('resourceId')}: must be 26 upper-case letters or digits`);
  }
  const capacity = r.child('capacity', ['min', 'max', 'provisioned']);
  const history = r.stringList('history', MAX_HISTORY_PHASES)?.map((phase, i) => {
    const found = PHASES.find((p) => p === phase);
    if (found === undefined) throw new ScenarioError(`${r.at('history')}[${i}]: must be one of ${PHASES.join(', ')}`);
    return found;
  });
  return compact({
    id: r.requiredString('id'),
    resourceId,
    type: r.oneOf('type', MIGRATION_TYPES),
    source,
    target,
    tables: r.list('tables', (item, p) => {
      const t = new FieldReader(item, p, ['schema', 'name', 'rows']);
      return { schema: t.string('schema') ?? 'public', name: t.requiredString('name'), rows: t.number('rows', RANGES.rows) ?? 1000 };
    }),
    capacity: capacity === undefined ? undefined : compact({ min: capacity.number('min', RANGES.capacity), max: capacity.number('max', RANGES.capacity), provisioned: capacity.number('provisioned', RANGES.capacity) }),
    taskLogging: r.boolean('taskLogging'),
    history,
    historyEndedSecondsAgo: r.number('historyEndedSecondsAgo', RANGES.seconds),
    autoStartAfterSeconds: r.number('autoStartAfterSeconds', RANGES.seconds),
    onStart: readScriptRef(r, 'onStart', scripts),
    onReload: readScriptRef(r, 'onReload', scripts),
    onResume: readScriptRef(r, 'onResume', scripts),
    onStop: readScriptRef(r, 'onStop', scripts),
  });
}

function readScriptRef(r: FieldReader, key: string, scripts: ReadonlySet<string>): ScriptRef | undefined {
  const raw = r.raw(key);
  if (raw === undefined) return undefined;
  if (typeof raw === 'string') {
    if (!scripts.has(raw)) throw new ScenarioError(`${r.at(key)}: no script "${raw}" (built-in: ${BUILT_IN_SCRIPT_NAMES.join(', ')})`);
    return raw;
  }
  return r.list(key, readStep);
}

export function readStep(value: unknown, path: string): StepSpec {
  const r = new FieldReader(value, path, ['at', 'state', 'message', 'failureMessage', 'orchestrator', 'view', 'postgres', 'task', 'fullLoad']);
  const at = r.number('at', RANGES.seconds);
  if (at === undefined) throw new ScenarioError(`${r.at('at')}: is required (seconds after the phase began)`);
  const fullLoad = r.child('fullLoad', ['durationSeconds']);
  return compact({
    at,
    state: r.string('state'),
    message: r.string('message'),
    failureMessage: r.string('failureMessage'),
    orchestrator: r.string('orchestrator'),
    view: r.has('view') ? readView(r.raw('view'), r.at('view')) : undefined,
    postgres: r.list('postgres', readPostgresAction, true),
    task: r.list('task', readTaskLine, true),
    fullLoad: fullLoad === undefined ? undefined : { durationSeconds: fullLoad.number('durationSeconds', RANGES.seconds) ?? 60 },
  });
}

function readView(value: unknown, path: string): ViewChange {
  const r = new FieldReader(value, path, [
    'status', 'stopReason', 'failureMessages', 'provisionState', 'capacityUnits', 'fullLoadProgressPercent', 'tablesLoaded',
    'tablesLoading', 'tablesQueued', 'tablesErrored', 'fullLoadStarted', 'fullLoadFinished', 'cdcPosition',
  ]);
  const raw = value as Record<string, unknown>;
  return compact({
    status: r.string('status'),
    stopReason: raw.stopReason === null ? null : r.string('stopReason'),
    failureMessages: r.stringList('failureMessages'),
    provisionState: raw.provisionState === null ? null : r.string('provisionState'),
    capacityUnits: r.number('capacityUnits', RANGES.capacityUnits),
    fullLoadProgressPercent: r.number('fullLoadProgressPercent', RANGES.percent),
    tablesLoaded: r.number('tablesLoaded', RANGES.tableCount),
    tablesLoading: r.number('tablesLoading', RANGES.tableCount),
    tablesQueued: r.number('tablesQueued', RANGES.tableCount),
    tablesErrored: r.number('tablesErrored', RANGES.tableCount),
    fullLoadStarted: r.boolean('fullLoadStarted'),
    fullLoadFinished: r.boolean('fullLoadFinished'),
    cdcPosition: r.string('cdcPosition'),
  });
}

function readPostgresAction(value: unknown, path: string): PostgresAction {
  const probe = new FieldReader(value, path);
  if (probe.has('connect')) {
    const c = new FieldReader(value, path, ['connect']).child('connect', ['outcome', 'user', 'database', 'sessionSeconds', 'keepOpen', 'replication', 'ssl']);
    return { connect: compact({
      outcome: c?.oneOf('outcome', OUTCOMES),
      user: c?.string('user'),
      database: c?.string('database'),
      sessionSeconds: c?.number('sessionSeconds', RANGES.seconds),
      keepOpen: c?.boolean('keepOpen'),
      replication: c?.boolean('replication'),
      ssl: c?.boolean('ssl'),
    }) };
  }
  if (probe.has('disconnectAll')) {
    if (new FieldReader(value, path, ['disconnectAll']).boolean('disconnectAll') !== true) throw new ScenarioError(`${probe.at('disconnectAll')}: must be true`);
    return { disconnectAll: true };
  }
  if (probe.has('createSlot')) {
    if (new FieldReader(value, path, ['createSlot']).boolean('createSlot') !== true) throw new ScenarioError(`${probe.at('createSlot')}: must be true`);
    return { createSlot: true };
  }
  if (probe.has('replicate')) {
    if (new FieldReader(value, path, ['replicate']).boolean('replicate') !== true) throw new ScenarioError(`${probe.at('replicate')}: must be true`);
    return { replicate: true };
  }
  const r = new FieldReader(value, path, ['line', 'level', 'background']);
  return compact({ line: r.requiredString('line'), level: r.string('level'), background: r.boolean('background') });
}

function readTaskLine(value: unknown, path: string): TaskLineSpec {
  if (typeof value === 'string') return value;
  const r = new FieldReader(value, path, ['component', 'level', 'text', 'source']);
  return compact({ component: r.requiredString('component'), level: r.oneOf('level', ['E', 'W', 'I', 'D', 'T'] as const), text: r.requiredString('text'), source: r.string('source') });
}

function unique(ids: readonly string[], list: string, field: string): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) throw new ScenarioError(`${list}[${i}].${field}: "${id}" is used twice`);
    seen.add(id);
  });
}

/** Drops undefined members, so optional fields stay absent rather than `undefined`. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
