import type { SeededRandom } from '../random.js';
import type { ConnectOutcome } from '../scenarios/spec.js';
import type { LogStore } from '../world/log-store.js';
import { postgresEntry, sessionTime } from './log-text.js';
import type { PostgresPrefix } from './log-text.js';

/** Runs `fn` `delayMs` later with that time: a clock timer live, a direct call when replaying history. */
export type Later = (delayMs: number, fn: (time: number) => void) => void;

export interface ConnectOptions {
  readonly host: string;
  readonly user: string;
  readonly database: string;
  readonly outcome: ConnectOutcome;
  readonly ssl: boolean;
  readonly replication: boolean;
  readonly sessionMs: number;
  readonly keepOpen: boolean;
  /** The password the endpoint presents, when the scenario names one. */
  readonly password?: string;
  /** Called when a real server refuses an attempt expected to succeed during the test connection (simulated: never). */
  readonly onRefused?: () => void;
}

export interface OpenConnection {
  readonly prefix: PostgresPrefix;
  readonly openedAt: number;
}

const SSL_DETAILS = 'SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)';
// RDS's md5 rule, as a real RDS log names it (pg_hba.conf:13; test/fixtures/postgres-rds-md5.log).
const HBA_LINE = 13;
const HBA_RULE = 'host\tall\tall\t0.0.0.0/0\tmd5';

/**
 * One RDS PostgreSQL instance's log (`/aws/rds/instance/<id>/postgresql`,
 * stream `<id>.0`): each connection gets its own pid, background processes
 * their own. When the instance exports no logs its group does not exist and
 * the store drops the lines.
 */
export class PostgresInstance {
  private pid: number;
  private readonly checkpointerPid: number;

  constructor(
    readonly instanceId: string,
    private readonly logs: LogStore,
    private readonly random: SeededRandom,
  ) {
    this.checkpointerPid = random.int(300, 900);
    this.pid = random.int(2000, 25000);
  }

  get logGroup(): string {
    return `/aws/rds/instance/${this.instanceId}/postgresql`;
  }

  get logStream(): string {
    return `${this.instanceId}.0`;
  }

  /** A random client port, as a client's ephemeral port. */
  clientPort(): number {
    return this.random.int(32768, 60999);
  }

  /** Logs one connection attempt as PostgreSQL does (log_connections and log_disconnections on). */
  connect(time: number, o: ConnectOptions, later: Later): OpenConnection | undefined {
    this.pid += this.random.int(3, 60);
    const pre: PostgresPrefix = { host: o.host, port: this.clientPort(), pid: this.pid };
    const known: PostgresPrefix = { ...pre, user: o.user, database: o.replication ? '[unknown]' : o.database };
    const ssl = o.ssl ? ` ${SSL_DETAILS}` : '';
    this.write(time, postgresEntry(time, pre, 'LOG', `connection received: host=${o.host} port=${pre.port ?? 0}`));
    const t = time + this.random.int(2, 6);
    const authenticated = (): void => {
      this.write(t, postgresEntry(t, known, 'LOG', `connection authenticated: identity="${o.user}" method=md5 (/rdsdbdata/config/pg_hba.conf:${HBA_LINE})`));
    };
    const authorized = (): void => {
      const text = o.replication
        ? `replication connection authorized: user=${o.user}${ssl}`
        : `connection authorized: user=${o.user} database=${o.database}${ssl}`;
      this.write(t + 1, postgresEntry(t + 1, known, 'LOG', text));
    };
    switch (o.outcome) {
      case 'password':
        this.passwordFailure(t, known, o.user, `Password does not match for user "${o.user}".`);
        return undefined;
      case 'no-role':
        this.passwordFailure(t, known, o.user, `Role "${o.user}" does not exist.`);
        return undefined;
      case 'no-hba':
        this.write(t, postgresEntry(t, known, 'FATAL', `no pg_hba.conf entry for host "${o.host}", user "${o.user}", database "${o.database}", ${o.ssl ? 'SSL encryption' : 'no encryption'}`));
        return undefined;
      case 'no-database':
        authenticated();
        authorized();
        this.write(t + 2, postgresEntry(t + 2, known, 'FATAL', `database "${o.database}" does not exist`));
        return undefined;
      case 'success':
        authenticated();
        authorized();
        if (o.keepOpen) return { prefix: known, openedAt: time };
        later(Math.max(o.sessionMs, 2), (end) => {
          this.disconnect({ prefix: known, openedAt: time }, end);
        });
        return undefined;
    }
  }

  disconnect(c: OpenConnection, time: number): void {
    const p = c.prefix;
    const db = p.database === '[unknown]' ? '' : (p.database ?? '');
    this.write(
      time,
      postgresEntry(time, p, 'LOG', `disconnection: session time: ${sessionTime(time - c.openedAt)} user=${p.user ?? ''} database=${db} host=${p.host ?? ''} port=${p.port ?? 0}`),
    );
  }

  /** DMS creates its logical replication slot on `session` (its newest): the lines PostgreSQL 15 writes for it. */
  createSlot(time: number, slot: string, session: OpenConnection | undefined): void {
    const prefix = session?.prefix;
    this.entry(time, 'LOG', 'logical decoding found consistent point at 0/1D69018', prefix);
    this.entry(time, 'DETAIL', 'There are no running transactions.', prefix);
    this.entry(time, 'STATEMENT', `SELECT * FROM pg_create_logical_replication_slot('${slot}', 'test_decoding');`, prefix);
  }

  /** DMS's CDC: a logical replication connection that streams `slot`, open until disconnected. */
  replicate(time: number, o: ConnectOptions, slot: string, later: Later): OpenConnection | undefined {
    const open = this.connect(time, { ...o, outcome: 'success', replication: true, keepOpen: true }, later);
    if (open === undefined) return undefined;
    const t = time + 8;
    this.entry(t, 'LOG', `starting logical decoding for slot "${slot}"`, open.prefix);
    this.entry(t, 'DETAIL', 'Streaming transactions committing after 0/1D69050, reading WAL from 0/1D69018.', open.prefix);
    return open;
  }

  /** A line from a client session (`prefix`) or, without one, from a background process. */
  entry(time: number, level: string, text: string, prefix?: PostgresPrefix, continuation: readonly string[] = []): void {
    this.write(time, postgresEntry(time, prefix ?? { pid: this.checkpointerPid }, level, text, continuation));
  }

  checkpoint(time: number, later: Later): void {
    this.entry(time, 'LOG', 'checkpoint starting: time');
    const buffers = this.random.int(3, 400);
    const writeSeconds = this.random.int(200, 29000) / 1000;
    later(Math.round(writeSeconds * 1000) + 20, (end) => {
      this.entry(
        end,
        'LOG',
        `checkpoint complete: wrote ${buffers} buffers (${(buffers / 163.84).toFixed(1)}%); 0 WAL file(s) added, 0 removed, ${this.random.int(0, 2)} recycled; write=${writeSeconds.toFixed(3)} s, sync=0.00${this.random.int(1, 9)} s, total=${(writeSeconds + 0.012).toFixed(3)} s; sync files=${this.random.int(1, 40)}, longest=0.002 s, average=0.001 s; distance=${buffers * 8} kB, estimate=${buffers * 8 + 512} kB`,
      );
    });
  }

  private passwordFailure(time: number, prefix: PostgresPrefix, user: string, detail: string): void {
    this.write(time, postgresEntry(time, prefix, 'FATAL', `password authentication failed for user "${user}"`));
    // DETAIL is its own entry; its tab-indented continuation belongs to it (src/FACTS.md: one event can span lines).
    this.write(time, postgresEntry(time, prefix, 'DETAIL', detail, [`Connection matched pg_hba.conf line ${HBA_LINE}: "${HBA_RULE}"`]));
  }

  private write(time: number, message: string): void {
    this.logs.put(this.logGroup, this.logStream, message, time);
  }
}
