/**
 * The sandbox's source database configured as RDS configures PostgreSQL:
 * RDS fixes `log_line_prefix = '%t:%r:%u@%d:[%p]:'` (RDS User Guide,
 * "PostgreSQL database log files"), turns on `log_connections` and
 * `log_disconnections` in the parameter group DMS asks for, and logical
 * replication (`rds.logical_replication = 1`) sets `wal_level = logical`
 * (DMS User Guide, "Using a PostgreSQL database as a source"). RDS writes
 * its log in UTC with untranslated messages (`lc_messages = C`), which is
 * what src/parse/postgres-entry.ts reads.
 */

/** `password_encryption` and the pg_hba.conf method that goes with it. */
export type PasswordEncryption = 'md5' | 'scram-sha-256';

export const LOG_LINE_PREFIX = '%t:%r:%u@%d:[%p]:';

/** The superuser the sandbox sets the database up with, over the Unix socket (RDS's own is `rdsadmin`, from `[local]`). */
export const ADMIN_USER = 'rdsadmin';

/** The address every DMS connection comes from; pg_hba.conf's rule for DMS covers it alone. */
export const DMS_ADDRESS = '127.0.0.1';

/**
 * Where a connection the rule does not cover comes from (`no pg_hba.conf
 * entry`): any 127.x address reaches the loopback interface on Linux.
 */
export const UNLISTED_ADDRESS = '127.0.0.2';

export interface ServerSettings {
  readonly port: number;
  readonly dataDir: string;
  readonly passwordEncryption: PasswordEncryption;
}

/** `postgres` command-line settings (`-c name=value`), which win over postgresql.conf. */
export function serverFlags(s: ServerSettings): string[] {
  const settings: [string, string][] = [
    // Only loopback, only the port the sandbox picked; the Unix socket (for the sandbox's own setup) inside the private data directory.
    ['listen_addresses', DMS_ADDRESS],
    ['unix_socket_directories', s.dataDir],
    ['log_line_prefix', LOG_LINE_PREFIX],
    ['log_connections', 'on'],
    ['log_disconnections', 'on'],
    ['log_checkpoints', 'on'],
    ['log_timezone', 'UTC'],
    ['timezone', 'UTC'],
    ['lc_messages', 'C'],
    ['wal_level', 'logical'],
    ['password_encryption', s.passwordEncryption],
    // Room for a fleet's slots and CDC streams on one instance.
    ['max_replication_slots', '32'],
    ['max_wal_senders', '32'],
    // A sandbox's data dies with it: durability only costs start-up and setup time.
    ['fsync', 'off'],
    ['synchronous_commit', 'off'],
    ['full_page_writes', 'off'],
  ];
  return settings.flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}

/**
 * pg_hba.conf shaped like RDS's: passwords for every role and database over
 * TCP from the addresses allowed (here DMS's one), and over the Unix socket
 * for the sandbox's own setup. A client from any other address matches no
 * line: `no pg_hba.conf entry for host ...`.
 */
export function hbaConf(method: PasswordEncryption): string {
  const row = (...cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(16))).join('');
  return [
    '# pg_hba.conf of the dms-live sandbox, shaped like RDS PostgreSQL\'s.',
    row('# TYPE', 'DATABASE', 'USER', 'ADDRESS', 'METHOD'),
    row('local', 'all', 'all', '', method),
    row('host', 'all', 'all', `${DMS_ADDRESS}/32`, method),
    '',
  ].join('\n');
}
