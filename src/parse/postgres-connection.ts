/**
 * Which step of a connection's life a PostgreSQL log entry records, with
 * `log_connections` and `log_disconnections` on (RDS turns them on with the
 * parameters of the same names). The message texts are PostgreSQL's own
 * (src/backend/utils/init/postinit.c, libpq/auth.c, tcop/postgres.c); they
 * are not translated on RDS, whose `lc_messages` is C.
 */
import type { PgConnection } from '../events/types.js';
import type { PgLogEntry } from './postgres-entry.js';
import { endOfDigits, readFixedDigits } from './timestamp.js';

/**
 * FATALs of SQLSTATE class 28 (invalid authorization specification) and the
 * authentication-method failures that share it: the server refused the
 * credentials or the client, as opposed to failing for another reason.
 */
const AUTH_FAILURES: readonly ((message: string) => boolean)[] = [
  (m) => m.startsWith('password authentication failed for user '),
  (m) => m.startsWith('no pg_hba.conf entry for '),
  (m) => m.startsWith('pg_hba.conf rejects '),
  (m) => m.startsWith('role "') && (m.endsWith('" does not exist') || m.endsWith('" is not permitted to log in')),
  (m) => m.includes('does not have a valid SCRAM secret'),
  (m) => m.startsWith('SCRAM authentication requires libpq'),
  // Ident, Peer, certificate, LDAP, RADIUS, PAM (RDS IAM), GSSAPI, SSPI, BSD.
  (m) => m.includes(' authentication failed for user '),
  (m) => m.startsWith('certificate authentication failed'),
  (m) => m.startsWith('connection requires a valid client certificate'),
  (m) => m.startsWith('could not authenticate '),
];

/** Classifies one entry; undefined when it is not a connection step (statement ERRORs, checkpoints, ...). */
export function classifyPgConnection(entry: PgLogEntry): PgConnection | undefined {
  if (entry.level === 'LOG') return classifyLog(entry);
  if (entry.level === 'FATAL') return classifyFatal(entry);
  return undefined;
}

function classifyLog(entry: PgLogEntry): PgConnection | undefined {
  const m = entry.message;
  if (m.startsWith('connection received: ')) return received(entry, m);
  if (m.startsWith('connection authenticated: ')) return authenticated(entry, m);
  if (m.startsWith('connection authorized: ')) return authorized(entry, m, false);
  if (m.startsWith('replication connection authorized: ')) return authorized(entry, m, true);
  if (m.startsWith('disconnection: session time: ')) return disconnected(entry, m);
  return undefined;
}

type MutableConnection = { -readonly [K in keyof PgConnection]: PgConnection[K] };

/**
 * A connection step with the fields of the line prefix, text-given values
 * winning. Every field is present, undefined when unknown: one object shape,
 * built without spreads, as this runs for every PostgreSQL line.
 */
function base(
  entry: PgLogEntry,
  event: PgConnection['event'],
  user: string | undefined,
  database: string | undefined,
  host?: string,
  port?: number,
): MutableConnection {
  return {
    event,
    user: user ?? entry.user,
    database: database ?? entry.database,
    host: host ?? entry.host,
    port: host === undefined ? entry.port : port,
    pid: entry.pid,
    method: undefined,
    application: undefined,
    ssl: undefined,
    replication: undefined,
    sessionMs: undefined,
    reason: undefined,
  };
}

/** `connection received: host=10.0.0.75 port=48820` or `host=[local]`. */
function received(entry: PgLogEntry, m: string): PgConnection {
  const fields = readFields(m, ['host', 'port'], m.length);
  return base(entry, 'received', undefined, undefined, nonEmpty(fields.get('host')), portNumber(fields.get('port')));
}

/** `connection authenticated: identity="dynapipe" method=md5 (/rdsdbdata/config/pg_hba.conf:13)` */
function authenticated(entry: PgLogEntry, m: string): PgConnection {
  const identityStart = m.indexOf('identity="');
  const methodAt = m.lastIndexOf('" method=');
  const user = identityStart >= 0 && methodAt > identityStart ? m.slice(identityStart + 10, methodAt) : undefined;
  const connection = base(entry, 'authenticated', nonEmpty(user), undefined);
  if (methodAt >= 0) {
    const start = methodAt + 9;
    const space = m.indexOf(' ', start);
    connection.method = nonEmpty(m.slice(start, space < 0 ? m.length : space));
  }
  return connection;
}

/**
 * `connection authorized: user=u database=d application_name=a SSL enabled (protocol=TLSv1.3, ...)` and
 * `replication connection authorized: user=u application_name=a`. Values are not quoted, so each runs to
 * the next known key; the SSL and GSS notes end the last one.
 */
function authorized(entry: PgLogEntry, m: string, replication: boolean): PgConnection {
  const ssl = m.indexOf(' SSL enabled');
  const gss = m.indexOf(' GSS (');
  const end = Math.min(ssl < 0 ? m.length : ssl, gss < 0 ? m.length : gss);
  const fields = readFields(m, ['user', 'database', 'application_name'], end);
  const database = databaseName(fields.get('database'));
  // For a walsender `replication` is the pg_hba.conf keyword for physical replication, not a database.
  const connection = base(entry, 'authorized', nonEmpty(fields.get('user')), replication && database === 'replication' ? undefined : database);
  connection.application = nonEmpty(fields.get('application_name'));
  connection.ssl = ssl >= 0;
  if (replication) connection.replication = true;
  return connection;
}

/** `disconnection: session time: 0:00:00.340 user=u database=d host=h port=p` */
function disconnected(entry: PgLogEntry, m: string): PgConnection {
  const fields = readFields(m, ['user', 'database', 'host', 'port'], m.length);
  const connection = base(
    entry,
    'disconnected',
    nonEmpty(fields.get('user')),
    databaseName(fields.get('database')),
    nonEmpty(fields.get('host')),
    portNumber(fields.get('port')),
  );
  connection.sessionMs = sessionMillis(m, 'disconnection: session time: '.length);
  return connection;
}

function classifyFatal(entry: PgLogEntry): PgConnection | undefined {
  const m = entry.message;
  const authFailed = AUTH_FAILURES.some((test) => test(m));
  // A background process (empty %r and %u) is no connection attempt: its FATAL stays a plain error.
  if (!authFailed && entry.host === undefined && entry.user === undefined) return undefined;
  const connection = base(
    entry,
    authFailed ? 'auth_failed' : 'failed',
    entry.user === undefined ? quotedAfter(m, 'user "') : undefined,
    entry.database === undefined ? quotedAfter(m, 'database "') : undefined,
  );
  // The exact text, newlines kept: `jq -r .connection.reason` prints it as PostgreSQL wrote it, and displays escape it.
  connection.reason = entry.detail === undefined ? m : `${m} — ${entry.detail}`;
  return connection;
}

/**
 * Reads `key=value` pairs whose values are not quoted and may hold spaces:
 * each value runs to the next ` key=` of the given keys, or to `end`.
 */
function readFields(m: string, keys: readonly string[], end: number): Map<string, string> {
  const found: { key: string; at: number; valueStart: number }[] = [];
  for (const key of keys) {
    const at = m.indexOf(` ${key}=`);
    if (at >= 0 && at < end) found.push({ key, at, valueStart: at + key.length + 2 });
  }
  found.sort((a, b) => a.at - b.at);
  const fields = new Map<string, string>();
  found.forEach((field, index) => {
    const next = found[index + 1];
    fields.set(field.key, m.slice(field.valueStart, next === undefined ? end : next.at));
  });
  return fields;
}

/** `0:00:00.340` (hours may pass 24) as milliseconds. */
function sessionMillis(m: string, start: number): number | undefined {
  const hoursEnd = endOfDigits(m, start);
  if (hoursEnd === start || m.charCodeAt(hoursEnd) !== 0x3a || m.charCodeAt(hoursEnd + 3) !== 0x3a) return undefined;
  const hours = Number(m.slice(start, hoursEnd));
  const minutes = readFixedDigits(m, hoursEnd + 1, 2);
  const seconds = readFixedDigits(m, hoursEnd + 4, 2);
  if (minutes < 0 || seconds < 0) return undefined;
  let millis = 0;
  if (m.charCodeAt(hoursEnd + 6) === 0x2e) {
    const fraction = readFixedDigits(m, hoursEnd + 7, 3);
    if (fraction >= 0) millis = fraction;
  }
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

function portNumber(text: string | undefined): number | undefined {
  if (text === undefined || text === '' || text.length > 5) return undefined;
  const port = Number(text);
  return Number.isInteger(port) && port >= 0 && port <= 65535 ? port : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

/** Replication connections name no database or `[unknown]`; their disconnection line then says `database=`. */
function databaseName(value: string | undefined): string | undefined {
  return value === '' || value === '[unknown]' ? undefined : value;
}

/** The text between `label` and the next `"`, e.g. the role in `... for user "x"`. */
function quotedAfter(m: string, label: string): string | undefined {
  const start = m.indexOf(label);
  if (start < 0) return undefined;
  const end = m.indexOf('"', start + label.length);
  return end > start + label.length ? m.slice(start + label.length, end) : undefined;
}
