import type { EndpointSpec, ReplicationSpec, ScenarioSpec } from './spec.js';

/** The speed built-ins play at unless `--speed` says otherwise: a start takes about 30 s. */
export const DEFAULT_DEMO_SPEED = 10;

// Names from a real DMS Serverless replication's logs (test/fixtures/replay/dms-test-connection-failure.json,
// seed-walkthrough.txt), so the failure text matches them verbatim.
const SOURCE_ID = 'testdrive-dms-postgresql-dev-endpoint-source';
const TARGET_ID = 'testdrive-dms-postgresql-dev-endpoint-target';
const CONFIG_ID = 'testdrive-dms-postgresql-dev-dms-serverless';

function testdriveEndpoints(exportsLogs = true): EndpointSpec[] {
  return [
    { id: SOURCE_ID, type: 'source', rdsInstance: 'testdrive-dms-postgresql-dev-db', database: 'postgres', username: 'dynapipe', exportsLogs },
    { id: TARGET_ID, type: 'target', rdsInstance: 'testdrive-dms-postgresql-dev-warehouse', database: 'warehouse', username: 'dynapipe', exportsLogs: false },
  ];
}

function single(name: string, description: string, replication: Partial<ReplicationSpec>, exportsLogs = true): ScenarioSpec {
  return {
    name,
    description,
    endpoints: testdriveEndpoints(exportsLogs),
    replications: [{ id: CONFIG_ID, source: SOURCE_ID, target: TARGET_ID, autoStartAfterSeconds: 20, ...replication }],
  };
}

const FLEET_NAMES = [
  'orders', 'billing', 'inventory', 'customers', 'payments', 'shipping', 'analytics', 'catalog', 'invoices', 'ledger',
  'returns', 'reviews', 'search', 'sessions', 'subscriptions', 'tax', 'users', 'warehouse', 'audit', 'coupons',
  'events', 'fulfilment', 'loyalty', 'pricing', 'refunds',
] as const;

/** 25 replications over two source databases: running, stopped, failed, never started, and three that start while you watch. */
function fleet(): ScenarioSpec {
  const replications: ReplicationSpec[] = FLEET_NAMES.map((name, i) => {
    const base: ReplicationSpec = {
      id: `${name}-to-lake`,
      source: i % 2 === 0 ? 'prod-orders-source' : 'prod-billing-source',
      target: 'analytics-lake-target',
      type: i % 7 === 3 ? 'cdc' : i % 7 === 5 ? 'full-load' : 'full-load-and-cdc',
      tables: [
        { schema: 'public', name, rows: 1000 + ((i * 7919) % 90_000) },
        { schema: 'public', name: `${name}_history`, rows: 5000 + ((i * 104_729) % 400_000) },
      ],
    };
    const kind = i % 8;
    const ago = 1800 + i * 2700;
    if (base.type === 'full-load' && kind < 4) return { ...base, history: ['start'], historyEndedSecondsAgo: ago };
    switch (kind) {
      case 0:
      case 1:
      case 2:
        return { ...base, history: ['start'], historyEndedSecondsAgo: ago };
      case 3:
        return { ...base, history: ['start', 'stop'], historyEndedSecondsAgo: ago };
      case 4:
        return { ...base, onStart: i % 3 === 0 ? 'network-timeout' : 'password-failure', history: ['start'], historyEndedSecondsAgo: ago };
      case 5:
        return { ...base, autoStartAfterSeconds: 15 + i * 3, ...(i === 13 ? { onStart: 'password-failure' } : {}) };
      case 6:
        return { ...base, history: ['start', 'stop', 'resume'], historyEndedSecondsAgo: ago };
      default:
        return base;
    }
  });
  return {
    name: 'fleet',
    description: '25 replications in mixed states across two source databases.',
    endpoints: [
      { id: 'prod-orders-source', type: 'source', rdsInstance: 'prod-orders-db', database: 'orders', username: 'dms_reader' },
      { id: 'prod-billing-source', type: 'source', rdsInstance: 'prod-billing-db', database: 'billing', username: 'dms_reader' },
      { id: 'analytics-lake-target', type: 'target', engine: 's3' },
    ],
    replications,
  };
}

const BUILT_INS: Readonly<Record<string, () => ScenarioSpec>> = {
  'happy-path': () =>
    single(
      'happy-path',
      'A PostgreSQL replication that starts by itself after 20 s: test connection, capacity, full load, then CDC.',
      { resourceId: 'EAM3JEHXGBGZBPN5PLON7NPDEE' },
    ),
  'test-connection-failure': () =>
    single(
      'test-connection-failure',
      'PostgreSQL receives DMS\'s connection and refuses the password; the replication fails its test connection.',
      { resourceId: 'OZRAVXDSNFCUTG5UZNI6HRDWVY', onStart: 'password-failure' },
    ),
  'network-unreachable': () =>
    single(
      'network-unreachable',
      'DMS cannot reach the source: PostgreSQL logs nothing, and the test connection times out after 3 minutes.',
      { resourceId: 'NRQ7ZKXW2M5TB4HPLD6C3VYJFA', onStart: 'network-timeout' },
    ),
  'no-rds-logs': () =>
    single(
      'no-rds-logs',
      'The source RDS instance exports no logs, so its log group does not exist; the replication itself succeeds.',
      { resourceId: 'KD4PW7XQ2NMZ8B5RTYHC6LVJ3E' },
      false,
    ),
  fleet,
  flood: () => ({
    name: 'flood',
    description: 'A running replication whose source logs PostgreSQL lines at --rate events per second, forever.',
    speed: 1,
    endpoints: testdriveEndpoints(),
    replications: [{ id: CONFIG_ID, resourceId: 'FL00DQ4XW7M2ZKB9TNHPRC5YJ6', source: SOURCE_ID, target: TARGET_ID, history: ['start'] }],
    flood: { endpoint: SOURCE_ID, rate: 100 },
  }),
};

export const BUILT_IN_SCENARIO_NAMES: readonly string[] = Object.keys(BUILT_INS);

export function builtInScenario(name: string): ScenarioSpec | undefined {
  // Own names only: `constructor` or `toString` are not scenarios.
  return Object.hasOwn(BUILT_INS, name) ? BUILT_INS[name]?.() : undefined;
}
