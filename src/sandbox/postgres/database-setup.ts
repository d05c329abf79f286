import type { Client } from 'pg';
import type { PgModule } from './dms-session.js';
import type { ServerAccess } from './postgres-server.js';
import type { InstancePlan, TablePlan } from './setup-plan.js';

/** `schema.name` in `database`: how counted rows are handed back. */
export function tableKey(t: { readonly database: string; readonly schema: string; readonly name: string }): string {
  return `${t.database}\u0000${t.schema}\u0000${t.name}`;
}

/**
 * Sets a fresh server up as the scenario's source database, as the
 * sandbox's superuser over the Unix socket (the log shows its `[local]`
 * sessions, as RDS's shows `rdsadmin`'s): the roles DMS logs in as, with
 * `password` (stored as `password_encryption` says) and REPLICATION (RDS's
 * `rds_replication`), the databases, and each table with real rows, readable
 * by those roles. Returns the rows each table really holds.
 */
export async function setUpDatabase(pg: PgModule, access: ServerAccess, plan: InstancePlan, password: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await withAdmin(pg, access, 'postgres', async (admin) => {
    for (const role of plan.roles) {
      const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const verb = exists.rowCount === 0 ? 'CREATE' : 'ALTER';
      await admin.query(`${verb} ROLE ${admin.escapeIdentifier(role)} LOGIN REPLICATION PASSWORD ${admin.escapeLiteral(password)}`);
    }
    for (const database of plan.databases) {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
    }
  });
  for (const database of plan.databases) {
    const tables = plan.tables.filter((t) => t.database === database);
    await withAdmin(pg, access, database, async (admin) => {
      for (const table of tables) counts.set(tableKey(table), await fillTable(admin, table));
      for (const role of plan.roles) {
        const who = admin.escapeIdentifier(role);
        for (const schema of new Set(tables.map((t) => t.schema))) {
          const where = admin.escapeIdentifier(schema);
          await admin.query(`GRANT USAGE ON SCHEMA ${where} TO ${who}`);
          await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${where} TO ${who}`);
        }
      }
    });
  }
  return counts;
}

/** Creates the table when missing, fills a new one with its rows, and counts what it holds. */
async function fillTable(admin: Client, table: TablePlan): Promise<number> {
  const schema = admin.escapeIdentifier(table.schema);
  const name = `${schema}.${admin.escapeIdentifier(table.name)}`;
  await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const existed = await admin.query('SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2', [table.schema, table.name]);
  if (existed.rowCount === 0) {
    await admin.query(`CREATE TABLE ${name} (id bigint PRIMARY KEY, payload text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
    await admin.query(`INSERT INTO ${name} (id, payload) SELECT g, md5(g::text) FROM generate_series(1, $1::bigint) AS g`, [table.rows]);
  }
  const counted = await admin.query<{ rows: string }>(`SELECT count(*) AS rows FROM ${name}`);
  return Number(counted.rows[0]?.rows ?? 0);
}

async function withAdmin(pg: PgModule, access: ServerAccess, database: string, work: (admin: Client) => Promise<void>): Promise<void> {
  const admin = new pg.Client({ host: access.socketDir, port: access.port, user: access.adminUser, password: access.adminPassword, database });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end().catch(() => undefined);
  }
}
