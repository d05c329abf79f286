import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Client, ClientConfig } from 'pg';
import type { OpenConnection } from '../player/postgres-instance.js';
import type { PostgresPrefix } from '../player/log-text.js';
import { DMS_ADDRESS } from './rds-config.js';

/** What the sandbox uses of node-postgres (loaded with import() only when a real server runs). */
export interface PgModule {
  readonly Client: typeof Client;
}

export interface ServerAddress {
  readonly host: string;
  readonly port: number;
  /** The server has a certificate (TLS on). */
  readonly tls: boolean;
}

/** What one attempt presents to the server. */
export interface Credentials {
  readonly user: string;
  readonly password: string;
  readonly database: string;
  /** A logical replication connection (`replication=database`), as DMS's CDC opens. */
  readonly replication: boolean;
  /** The client's own address, when not the server's loopback address. */
  readonly fromAddress?: string;
  /** TLS, as DMS's `sslmode=require` (the sandbox's certificate is self-signed: not verified). */
  readonly ssl: boolean;
}

/**
 * One real connection DMS makes to the source: an attempt that the server
 * accepts or refuses, and, accepted, a session that work can be queued on
 * (in order, each waiting for the one before) until it is closed. Nothing
 * here throws: a refused attempt or a failed query is the server's to log,
 * and the session then just does nothing more.
 */
export class DmsSession implements OpenConnection {
  private readonly client: Promise<Client | undefined>;
  private work: Promise<unknown>;
  private known: PostgresPrefix;
  private closed = false;
  private readonly beforeClose: (() => Promise<void>)[] = [];
  /** Why the server refused the attempt, when it did (its SQLSTATE and message). */
  refusal: { readonly code: string; readonly message: string } | undefined;

  /** `server` resolves with where to connect once it is set up (undefined: there is none, and nothing happens). */
  constructor(
    pg: Promise<PgModule>,
    server: Promise<ServerAddress | undefined>,
    readonly credentials: Credentials,
    readonly openedAt: number,
  ) {
    this.known = { host: credentials.fromAddress ?? DMS_ADDRESS, pid: 0, user: credentials.user, database: credentials.database };
    this.client = Promise.all([pg, server]).then(
      ([module, address]) => (address === undefined ? undefined : this.connect(module, address)),
      () => undefined,
    );
    this.work = this.client;
  }

  private async connect(pg: PgModule, { host, port, tls }: ServerAddress): Promise<Client | undefined> {
    const { credentials } = this;
    const config: ClientConfig & { replication?: string } = {
      host,
      port,
      user: credentials.user,
      password: credentials.password,
      database: credentials.database,
      ...(credentials.replication ? { replication: 'database' } : {}),
      ...(credentials.ssl && tls ? { ssl: { rejectUnauthorized: false } } : {}),
      ...(credentials.fromAddress === undefined ? {} : { stream: boundTo(credentials.fromAddress) }),
    };
    const client = new pg.Client(config);
    // A server shutting down ends open sessions: that is an event for its log, not an error here.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (err) {
      this.refusal = { code: codeOf(err), message: err instanceof Error ? err.message : String(err) };
      return undefined;
    }
    const stream = client.connection.stream as Duplex & { localPort?: number };
    this.known = { ...this.known, port: stream.localPort ?? 0, pid: (client as Client & { processID?: number }).processID ?? 0 };
    return client;
  }

  /** The session as the log names it (pid and port once connected), for raw lines a scenario writes on it. */
  get prefix(): PostgresPrefix {
    return this.known;
  }

  /** Resolves once the server has answered the attempt: true when it let the session in. */
  async accepted(): Promise<boolean> {
    return (await this.client) !== undefined;
  }

  /** Queues `task` after the session's earlier work; skipped when the attempt was refused or the session is closed. */
  run(task: (client: Client) => Promise<unknown>): Promise<void> {
    const next = this.work.then(async () => {
      const client = await this.client;
      if (client === undefined || this.closed) return;
      await task(client).catch(() => undefined);
    });
    this.work = next;
    return next;
  }

  /** `finish` runs when the session is closed, before it ends (a replication stream's CopyDone). */
  onClose(finish: () => Promise<void>): void {
    this.beforeClose.push(finish);
  }

  /** Set once `close()` was asked for: resolves when the session has ended. */
  closing: Promise<void> | undefined;

  /** Ends the session (the server logs its disconnection) once the work queued before has run. */
  close(): Promise<void> {
    if (this.closing !== undefined) return this.closing;
    const done = this.work.then(async () => {
      if (this.closed) return;
      this.closed = true;
      const client = await this.client;
      for (const finish of this.beforeClose) await finish().catch(() => undefined);
      await client?.end().catch(() => undefined);
    });
    this.work = done;
    this.closing = done;
    return done;
  }
}

/** A socket that connects from `address` (pg calls `connect(port, host)`). */
function boundTo(address: string): () => Socket {
  return () => {
    const socket = new Socket();
    const connect = socket.connect.bind(socket);
    socket.connect = ((port: number, host: string) => connect({ port, host, localAddress: address })) as typeof socket.connect;
    return socket;
  };
}

function codeOf(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return 'unknown';
}
