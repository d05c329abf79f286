import type { VirtualClock } from '../clock.js';
import type { PostgresInstance } from '../player/postgres-instance.js';
import type { ReplicationRuntime } from '../player/replication-runtime.js';
import type { SourceBackend } from '../player/source-backend.js';
import type { SeededRandom } from '../random.js';
import type { ScenarioSpec } from '../scenarios/spec.js';
import type { LogStore } from '../world/log-store.js';
import { setUpDatabase, tableKey } from './database-setup.js';
import type { PgModule, ServerAddress } from './dms-session.js';
import type { PostgresBinaries } from './embedded-postgres.js';
import { PostgresLogTailer } from './log-tailer.js';
import { PostgresServer } from './postgres-server.js';
import { RealPostgresInstance } from './real-instance.js';
import type { InstancePlan } from './setup-plan.js';
import { planSetup } from './setup-plan.js';

/** The password of every role DMS logs in as (the banner prints it, for psql). */
export const ROLE_PASSWORD = 'sandbox';

export interface RealBackendOptions {
  readonly scenario: ScenarioSpec;
  readonly clock: VirtualClock;
  readonly startedAt: number;
  /** Move each entry's `%t` onto the virtual clock (another speed than 1, or a manual clock). */
  readonly virtualStamps: boolean;
  readonly binaries: PostgresBinaries;
  /** One line when a server cannot start: that instance is simulated from then on. */
  readonly onNotice: (line: string) => void;
}

/** One real server, for the banner, `psql` and tests. */
export interface RealServerInfo {
  readonly instanceId: string;
  readonly host: string;
  readonly port: number;
  readonly pid: number;
  readonly dataDir: string;
  readonly version: string;
  /** The role and database of (the first) source endpoint on it. */
  readonly user: string;
  readonly database: string;
}

interface Slot {
  readonly instance: RealPostgresInstance;
  readonly logs: LogStore;
  /** Resolves once the server is set up, or has failed. */
  readonly address: Promise<ServerAddress | undefined>;
  readonly settle: (address: ServerAddress | undefined) => void;
  server?: PostgresServer;
  tailer?: PostgresLogTailer;
  endpoint?: { readonly user: string; readonly database: string };
  started?: Promise<void>;
}

/**
 * The real source databases: one PostgreSQL server per RDS instance that is
 * a replication's source, started in the background as soon as the scenario
 * is known (the sandbox answers at once; the servers' start-up appears in
 * their log groups as it happens), set up from the scenario, and stopped
 * with the sandbox.
 */
export class RealPostgresBackend implements SourceBackend {
  private readonly slots = new Map<string, Slot>();
  private readonly pg: Promise<PgModule> = import('pg').then((m) => m.default);
  private all: Promise<void> = Promise.resolve();
  private stopping: Promise<void> | undefined;

  constructor(private readonly options: RealBackendOptions) {
    // Nothing may wait on pg unhandled if it is missing: sessions then just never connect.
    this.pg.catch(() => undefined);
  }

  instance(instanceId: string, logs: LogStore, random: SeededRandom): PostgresInstance {
    let settle: (address: ServerAddress | undefined) => void = () => undefined;
    const server = new Promise<ServerAddress | undefined>((resolve) => {
      settle = resolve;
    });
    const instance = new RealPostgresInstance(instanceId, logs, random, {
      pg: this.pg,
      server,
      rolePassword: ROLE_PASSWORD,
      startedAt: this.options.startedAt,
    });
    this.slots.set(instanceId, { instance, logs, address: server, settle });
    return instance;
  }

  prepare(runtimes: readonly ReplicationRuntime[]): void {
    const plans = planSetup(this.options.scenario, runtimes);
    const starts: Promise<void>[] = [];
    for (const [instanceId, slot] of this.slots) {
      const plan = plans.get(slot.instance);
      // An instance that is no replication's source (a target) needs no server.
      if (plan === undefined) {
        slot.settle(undefined);
        continue;
      }
      const own = runtimes.filter((rt) => rt.postgres === slot.instance);
      for (const rt of own) {
        const ready = slot.address.then(() => {
          delete rt.sourceReady;
        });
        rt.sourceReady = ready;
      }
      const source = own[0]?.source;
      slot.endpoint = { user: source?.username ?? 'postgres', database: source?.databaseName ?? 'postgres' };
      slot.started = this.start(instanceId, slot, plan, own);
      starts.push(slot.started);
    }
    this.all = Promise.all(starts).then(() => undefined);
  }

  /** Resolves once every server is set up or has failed; never rejects. */
  ready(): Promise<void> {
    return this.all;
  }

  servers(): RealServerInfo[] {
    return [...this.slots].flatMap(([instanceId, { server, endpoint }]) =>
      server === undefined || endpoint === undefined
        ? []
        : [{ instanceId, ...endpoint, host: server.access.host, port: server.access.port, pid: server.pid, dataDir: server.dataDir, version: this.options.binaries.version }],
    );
  }

  /** Ends DMS's sessions, shuts every server down and removes its data; waits for servers still starting. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all(
        [...this.slots.values()].map(async (slot) => {
          await slot.started;
          await slot.instance.closeAll();
          await slot.server?.stop();
          slot.tailer?.end();
        }),
      );
    })();
    return this.stopping;
  }

  private async start(instanceId: string, slot: Slot, plan: InstancePlan, runtimes: readonly ReplicationRuntime[]): Promise<void> {
    const { clock, virtualStamps, binaries, scenario } = this.options;
    const tailer = new PostgresLogTailer({ logs: slot.logs, group: slot.instance.logGroup, stream: slot.instance.logStream, clock, virtualStamps });
    slot.tailer = tailer;
    try {
      const server = await PostgresServer.start(binaries, {
        passwordEncryption: scenario.passwordEncryption ?? 'md5',
        onLog: (chunk) => {
          tailer.write(chunk);
        },
      });
      slot.server = server;
      if (this.stopping !== undefined) throw new Error('the sandbox stopped');
      const counts = await setUpDatabase(await this.pg, server.access, plan, ROLE_PASSWORD);
      for (const rt of runtimes) {
        const database = rt.source.databaseName ?? 'postgres';
        rt.tables = rt.tables.map((t) => ({ ...t, rows: counts.get(tableKey({ ...t, database })) ?? t.rows }));
      }
      slot.settle({ host: server.access.host, port: server.access.port, tls: server.access.tls });
    } catch (err) {
      slot.settle(undefined);
      if (this.stopping === undefined) {
        this.options.onNotice(`PostgreSQL for ${instanceId} could not start (${err instanceof Error ? err.message : String(err)}); its log is simulated`);
      }
      await slot.server?.stop().catch(() => undefined);
      slot.server = undefined;
    }
  }
}
