import { fillTemplate } from '../player/log-text.js';
import type { PostgresInstance } from '../player/postgres-instance.js';
import type { ReplicationRuntime } from '../player/replication-runtime.js';
import { builtInScript } from '../scenarios/scripts.js';
import type { ScenarioSpec, ScriptRef, StepSpec, TableSpec } from '../scenarios/spec.js';

/**
 * At most this many real rows per table: enough for a full load to count,
 * few enough that a fleet's tables are filled in well under a second.
 */
export const MAX_REAL_ROWS = 2000;

export interface TablePlan extends TableSpec {
  readonly database: string;
}

/** What one real server holds before anything plays. */
export interface InstancePlan {
  /** Roles DMS logs in as (LOGIN REPLICATION, the sandbox's password). */
  readonly roles: ReadonlySet<string>;
  readonly databases: ReadonlySet<string>;
  readonly tables: readonly TablePlan[];
}

/**
 * The setup of each source instance, from its replications: every source
 * endpoint's role and database, and every role and database a `connect`
 * step expects to get in with; never the role of a `no-role` step or the
 * database of a `no-database` step, so those attempts fail for real (a name
 * both wanted and missing stays missing). Tables get their `rows`, at most
 * MAX_REAL_ROWS: the runtimes' tables are capped here, before any full load
 * is planned from them.
 */
export function planSetup(scenario: ScenarioSpec, runtimes: readonly ReplicationRuntime[]): Map<PostgresInstance, InstancePlan> {
  const drafts = new Map<PostgresInstance, { roles: Set<string>; databases: Set<string>; noRoles: Set<string>; noDatabases: Set<string>; tables: TablePlan[] }>();
  for (const rt of runtimes) {
    if (rt.postgres === undefined) continue;
    let draft = drafts.get(rt.postgres);
    if (draft === undefined) {
      draft = { roles: new Set(), databases: new Set(), noRoles: new Set(), noDatabases: new Set(), tables: [] };
      drafts.set(rt.postgres, draft);
    }
    const user = rt.source.username ?? 'postgres';
    const database = rt.source.databaseName ?? 'postgres';
    draft.roles.add(user);
    draft.databases.add(database);
    for (const c of connectSteps(scenario, rt)) {
      const who = c.user === undefined ? user : fillTemplate(c.user, rt.vars);
      const where = c.database === undefined ? database : fillTemplate(c.database, rt.vars);
      if (c.outcome === 'no-role') draft.noRoles.add(who);
      else if (c.outcome === 'no-database') draft.noDatabases.add(where);
      else {
        draft.roles.add(who);
        draft.databases.add(where);
      }
    }
    rt.tables = rt.tables.map((t) => ({ ...t, rows: Math.min(t.rows, MAX_REAL_ROWS) }));
    for (const t of rt.tables) draft.tables.push({ ...t, database });
  }
  const plans = new Map<PostgresInstance, InstancePlan>();
  for (const [instance, d] of drafts) {
    const databases = new Set([...d.databases].filter((db) => !d.noDatabases.has(db) || db === 'postgres'));
    plans.set(instance, {
      roles: new Set([...d.roles].filter((r) => !d.noRoles.has(r))),
      databases,
      tables: d.tables.filter((t) => databases.has(t.database)),
    });
  }
  return plans;
}

type ConnectSpec = { readonly outcome?: string; readonly user?: string; readonly database?: string };

/** Every `connect` step of every script the replication can play. */
function connectSteps(scenario: ScenarioSpec, rt: ReplicationRuntime): ConnectSpec[] {
  const s = rt.spec;
  const refs: ScriptRef[] = [s.onStart ?? 'happy-start', s.onReload ?? s.onStart ?? 'happy-start', s.onResume ?? 'resume', s.onStop ?? 'stop'];
  return refs.flatMap((ref) => stepsOf(scenario, rt, ref)).flatMap((step) => (step.postgres ?? []).flatMap((a) => ('connect' in a ? [a.connect] : [])));
}

/** A script by name or inline, as the replication machine resolves it. */
function stepsOf(scenario: ScenarioSpec, rt: ReplicationRuntime, ref: ScriptRef): readonly StepSpec[] {
  if (typeof ref !== 'string') return ref;
  return scenario.scripts?.[ref] ?? builtInScript(ref, { type: rt.record.config.type, capacity: rt.capacity }) ?? [];
}
