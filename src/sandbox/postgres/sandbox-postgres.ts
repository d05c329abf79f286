import type { VirtualClock } from '../clock.js';
import type { SourceBackend } from '../player/source-backend.js';
import type { ScenarioSpec } from '../scenarios/spec.js';
import { findPostgresBinaries } from './embedded-postgres.js';
import type { RealServerInfo } from './real-backend.js';
import { ROLE_PASSWORD, RealPostgresBackend } from './real-backend.js';

export type { RealServerInfo } from './real-backend.js';

/** `real`: a PostgreSQL server per source instance; `simulated`: log lines from templates (fast, for tests). */
export type PostgresMode = 'real' | 'simulated';

/** What a sandbox's source databases are. */
export interface SandboxPostgres {
  readonly mode: PostgresMode;
  /** Why they are simulated although `real` was asked for (one line). */
  readonly reason?: string;
  /** The real servers' PostgreSQL version, e.g. `17.10`. */
  readonly version?: string;
  /** The password of every role DMS logs in as, on the real servers. */
  readonly rolePassword?: string;
  /** Resolves once every real server is set up (or has failed, and its instance is simulated); at once when simulated. */
  ready(): Promise<void>;
  /** The real servers running now. */
  servers(): RealServerInfo[];
}

export interface SourceDatabases {
  readonly info: SandboxPostgres;
  /** For the scenario player; absent when simulated. */
  readonly backend?: SourceBackend;
  stop(): Promise<void>;
}

export interface SourceDatabasesOptions {
  readonly spec: ScenarioSpec;
  readonly clock: VirtualClock;
  readonly startedAt: number;
  readonly virtualStamps: boolean;
  readonly onNotice: (line: string) => void;
}

const SIMULATED: Omit<SourceDatabases, 'info'> = { stop: () => Promise.resolve() };

/**
 * The sandbox's source databases in the mode asked for: `real` when
 * embedded-postgres and this platform's binaries are installed and run
 * here, else `simulated` with the reason.
 */
export async function sourceDatabases(mode: PostgresMode, options: SourceDatabasesOptions): Promise<SourceDatabases> {
  if (mode === 'simulated') return { ...SIMULATED, info: simulatedInfo() };
  const found = await findPostgresBinaries();
  if (!found.ok) return { ...SIMULATED, info: simulatedInfo(found.reason) };
  const backend = new RealPostgresBackend({ ...options, scenario: options.spec, binaries: found.binaries });
  return {
    backend,
    stop: () => backend.stop(),
    info: {
      mode: 'real',
      version: found.binaries.version,
      rolePassword: ROLE_PASSWORD,
      ready: () => backend.ready(),
      servers: () => backend.servers(),
    },
  };
}

function simulatedInfo(reason?: string): SandboxPostgres {
  return { mode: 'simulated', ...(reason === undefined ? {} : { reason }), ready: () => Promise.resolve(), servers: () => [] };
}
