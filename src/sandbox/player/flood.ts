import type { SeededRandom } from '../random.js';
import type { PostgresPrefix } from './log-text.js';
import type { PostgresInstance } from './postgres-instance.js';
import { sessionTime } from './log-text.js';

/** How often the flood writes a batch: ten batches per virtual second keep the rate smooth. */
export const FLOOD_TICK_MS = 100;

/**
 * Writes PostgreSQL log lines at a steady rate for benchmarks: application
 * sessions that connect, run statements, now and then fail one, and
 * disconnect, each with its own pid, as a busy RDS instance logs them.
 */
export class FloodWriter {
  private carry = 0;
  private cycle = 0;
  private session: PostgresPrefix | undefined;
  private pid: number;

  constructor(
    private readonly instance: PostgresInstance,
    private readonly random: SeededRandom,
  ) {
    this.pid = random.int(40_000, 60_000);
  }

  /** Writes this tick's share of `ratePerSecond` lines at `time`. */
  tick(time: number, ratePerSecond: number): number {
    const exact = (ratePerSecond * FLOOD_TICK_MS) / 1000 + this.carry;
    const count = Math.floor(exact);
    this.carry = exact - count;
    for (let i = 0; i < count; i++) this.line(time + Math.floor((i * FLOOD_TICK_MS) / Math.max(1, count)));
    return count;
  }

  private line(time: number): void {
    const step = this.cycle++ % 10;
    if (step === 0 || this.session === undefined) {
      this.pid += this.random.int(1, 9);
      const host = `10.1.${this.random.int(0, 15)}.${this.random.int(2, 254)}`;
      this.session = { host, port: this.instance.clientPort(), pid: this.pid };
      this.instance.entry(time, 'LOG', `connection received: host=${host} port=${this.session.port ?? 0}`, this.session);
      return;
    }
    const s: PostgresPrefix = { ...this.session, user: 'app', database: 'orders' };
    switch (step) {
      case 1:
        this.instance.entry(time, 'LOG', 'connection authenticated: identity="app" method=md5 (/rdsdbdata/config/pg_hba.conf:13)', s);
        return;
      case 2:
        this.instance.entry(time, 'LOG', 'connection authorized: user=app database=orders application_name=orders-api', s);
        return;
      case 7:
        this.instance.entry(time, 'ERROR', 'duplicate key value violates unique constraint "orders_pkey"', s, []);
        return;
      case 8:
        this.instance.entry(time, 'DETAIL', `Key (id)=(${this.random.int(1, 9_999_999)}) already exists.`, s);
        return;
      case 9:
        this.instance.entry(
          time,
          'LOG',
          `disconnection: session time: ${sessionTime(this.random.int(5, 4000))} user=app database=orders host=${s.host ?? ''} port=${s.port ?? 0}`,
          s,
        );
        this.session = undefined;
        return;
      default:
        this.instance.entry(time, 'LOG', `duration: ${(this.random.int(80, 90_000) / 1000).toFixed(3)} ms  statement: SELECT * FROM orders WHERE id = ${this.random.int(1, 9_999_999)}`, s);
    }
  }
}
