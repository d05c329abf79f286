import type { SeededRandom } from '../random.js';
import type { LogStore } from '../world/log-store.js';
import type { PostgresInstance } from './postgres-instance.js';
import type { ReplicationRuntime } from './replication-runtime.js';

/**
 * Where a scenario's source databases live. Without one, each RDS
 * PostgreSQL instance is simulated (log text from templates); the real
 * backend (src/sandbox/postgres) runs a PostgreSQL server per source
 * instance and makes DMS's connections for real.
 */
export interface SourceBackend {
  /** The instance behind an RDS instance id (asked once per id). */
  instance(instanceId: string, logs: LogStore, random: SeededRandom): PostgresInstance;
  /** Sees every replication before anything plays: its source, tables and scripts. */
  prepare(runtimes: readonly ReplicationRuntime[]): void;
}
