import type { SeededRandom } from '../random.js';
import type { ConnectOptions, Later, OpenConnection } from '../player/postgres-instance.js';
import { PostgresInstance } from '../player/postgres-instance.js';
import type { LogStore } from '../world/log-store.js';
import type { Credentials, PgModule, ServerAddress } from './dms-session.js';
import { DmsSession } from './dms-session.js';
import { UNLISTED_ADDRESS } from './rds-config.js';
import { streamSlot } from './replication-stream.js';

export interface RealInstanceContext {
  readonly pg: Promise<PgModule>;
  /** Where the instance's server listens once set up; undefined when it has none (it then stays simulated). */
  readonly server: Promise<ServerAddress | undefined>;
  /** The password of every role the sandbox creates. */
  readonly rolePassword: string;
  /** Virtual time the sandbox started: a script step before it is history. */
  readonly startedAt: number;
}

/**
 * An RDS instance whose PostgreSQL is a real server: DMS's connections are
 * real attempts with the endpoint's credentials, and the lines in its log
 * group are the server's own (log-tailer.ts). Each scripted outcome comes
 * from a real condition:
 * - `success`: the endpoint's role and password;
 * - `password`: a password that is not the role's;
 * - `no-role`, `no-database`: a role or database the setup never created
 *   (setup-plan.ts);
 * - `no-hba`: from 127.0.0.2, which pg_hba.conf's rule does not cover.
 *
 * History (steps before the sandbox started) cannot happen again: only what
 * it left open (sessions, the slot, the CDC stream) is opened once the server
 * is ready. Raw `line` steps and the flood stay text, as written. Until its
 * server turns out to be missing, it is real; from then on, simulated.
 *
 * A test connection the script expected to succeed but the server refused
 * (the endpoint's password is not the role's, its role or database is
 * missing) fails the replication, as it would fail on AWS (`onRefused`).
 */
export class RealPostgresInstance extends PostgresInstance {
  private simulated = false;
  private readonly sessions = new Set<DmsSession>();
  private readonly slots = new Map<string, Promise<void>>();
  /** The newest CDC stream of each slot: a new one waits until a closing one has let the slot go. */
  private readonly streams = new Map<string, DmsSession>();

  constructor(
    instanceId: string,
    logs: LogStore,
    random: SeededRandom,
    private readonly ctx: RealInstanceContext,
  ) {
    super(instanceId, logs, random);
    void ctx.server.then((address) => {
      if (address === undefined) this.simulated = true;
    });
  }

  override connect(time: number, o: ConnectOptions, later: Later): OpenConnection | undefined {
    if (this.simulated) return super.connect(time, o, later);
    if (time < this.ctx.startedAt && !o.keepOpen) return undefined;
    const session = this.open(time, this.credentials(o));
    const { onRefused } = o;
    if (onRefused !== undefined) {
      void session.accepted().then((accepted) => {
        if (!accepted && session.refusal !== undefined) onRefused();
      });
    }
    if (o.keepOpen) return session;
    later(Math.max(o.sessionMs, 2), () => {
      this.close(session);
    });
    return undefined;
  }

  override disconnect(c: OpenConnection, time: number): void {
    if (c instanceof DmsSession) this.close(c);
    else super.disconnect(c, time);
  }

  /** The real server checkpoints by itself (checkpoint_timeout) and logs it. */
  override checkpoint(time: number, later: Later): void {
    if (this.simulated) super.checkpoint(time, later);
  }

  override createSlot(time: number, slot: string, session: OpenConnection | undefined): void {
    if (this.simulated || !(session instanceof DmsSession)) {
      super.createSlot(time, slot, session);
      return;
    }
    const released = this.released(slot);
    const created = session.run(async (client) => {
      await released;
      const name = client.escapeLiteral(slot);
      // A fresh start replaces the slot an earlier run left behind, unless a stream still reads it.
      await client.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ${name} AND NOT active`);
      await client.query(`SELECT * FROM pg_create_logical_replication_slot(${name}, 'test_decoding');`);
    });
    this.slots.set(slot, created);
  }

  override replicate(time: number, o: ConnectOptions, slot: string, later: Later): OpenConnection | undefined {
    if (this.simulated) return super.replicate(time, o, slot, later);
    const session = this.open(time, { ...this.credentials({ ...o, outcome: 'success' }), replication: true });
    const slotReady = this.slots.get(slot) ?? Promise.resolve();
    const released = this.released(slot);
    this.streams.set(slot, session);
    void session.run(async (client) => {
      await slotReady;
      await released;
      const stream = await streamSlot(client, slot);
      session.onClose(() => stream.stop());
    });
    return session;
  }

  /** Resolves once the slot's last stream, if it is closing, has ended (a stream still open keeps the slot, as on a real server). */
  private released(slot: string): Promise<void> {
    return this.streams.get(slot)?.closing ?? Promise.resolve();
  }

  /** Ends every DMS session (the server logs each disconnection). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions].map((s) => s.close()));
    this.sessions.clear();
  }

  private open(time: number, credentials: Credentials): DmsSession {
    const session = new DmsSession(this.ctx.pg, this.ctx.server, credentials, time);
    this.sessions.add(session);
    return session;
  }

  private close(session: DmsSession): void {
    void session.close().then(() => {
      this.sessions.delete(session);
    });
  }

  /** The endpoint's credentials, bent to give the scripted outcome: see the class comment. */
  private credentials(o: ConnectOptions): Credentials {
    const presented = o.password ?? this.ctx.rolePassword;
    const base = { user: o.user, database: o.database, password: presented, replication: o.replication, ssl: o.ssl };
    switch (o.outcome) {
      case 'password':
        return { ...base, password: presented === this.ctx.rolePassword ? `not-${presented}` : presented };
      case 'no-hba':
        return { ...base, fromAddress: UNLISTED_ADDRESS };
      default:
        return base;
    }
  }
}
