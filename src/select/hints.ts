import type { ConnectionAttempt } from './connections.js';

/**
 * What to check next, for each kind of failure dms-live recognises. Short,
 * concrete, and naming the DMS or RDS setting involved.
 */

interface ReasonHint {
  readonly pattern: RegExp;
  readonly hint: string;
}

const POSTGRES_HINTS: readonly ReasonHint[] = [
  {
    pattern: /no pg_hba\.conf entry for replication/i,
    hint: 'pg_hba.conf has no replication entry for this user/host: on RDS grant rds_replication to the DMS user; elsewhere add a "replication" line to pg_hba.conf.',
  },
  {
    pattern: /no pg_hba\.conf entry.*no encryption|pg_hba\.conf rejects connection.*no encryption/i,
    hint: 'The server only accepts encrypted connections for this user/host: set the DMS endpoint SslMode to require (RDS: rds.force_ssl=1), or fix pg_hba.conf.',
  },
  {
    pattern: /no pg_hba\.conf entry|pg_hba\.conf rejects/i,
    hint: 'pg_hba.conf refuses this host/user/database: allow the DMS subnet addresses for the endpoint user, then reload the configuration.',
  },
  {
    pattern: /Role "[^"]*" does not exist|role "[^"]*" does not exist/,
    hint: "The user does not exist on this server: check the DMS endpoint's Username (or the username in its Secrets Manager secret).",
  },
  {
    pattern: /has no password assigned/i,
    hint: 'The user has no password: set one (ALTER ROLE ... PASSWORD) and put it in the DMS endpoint or its secret.',
  },
  {
    // Before the wrong-password hint: PostgreSQL reports a password stored for
    // the other method as "password authentication failed" with the DETAIL
    // 'User "x" does not have a valid SCRAM secret.' (libpq/auth.c).
    pattern: /SCRAM/i,
    hint: "The password is stored for a different method (md5 vs scram-sha-256): reset the user's password with the server's password_encryption in effect.",
  },
  {
    pattern: /password authentication failed/i,
    hint: "Wrong password: check the password in the DMS endpoint (or its Secrets Manager secret) for this user, and that the secret's username matches.",
  },
  {
    pattern: /is not permitted to log in/i,
    hint: 'The role cannot log in: ALTER ROLE ... LOGIN, or point the DMS endpoint at a login user.',
  },
  {
    pattern: /database "[^"]*" does not exist/i,
    hint: "The database does not exist: check the DMS endpoint's DatabaseName.",
  },
  {
    pattern: /must be superuser or replication role|permission denied to start WAL sender|must have replication/i,
    hint: 'The DMS user may not stream WAL: on RDS GRANT rds_replication TO the user; elsewhere ALTER ROLE ... REPLICATION.',
  },
  {
    pattern: /too many clients|remaining connection slots are reserved|too many connections/i,
    hint: 'The server is out of connection slots: raise max_connections or close idle sessions; DMS needs several connections.',
  },
  {
    pattern: /canceling authentication due to timeout/i,
    hint: 'The client did not finish logging in within authentication_timeout: look for network latency, packet loss or an SSL handshake problem between DMS and the database.',
  },
  {
    pattern: /database system is (starting up|shutting down|in recovery mode|not yet accepting)/i,
    hint: 'The database was restarting or failing over; DMS retries. Check the RDS events for a reboot or failover.',
  },
  {
    pattern: /terminating connection due to administrator command/i,
    hint: 'Something ended the session on the server (pg_terminate_backend, a restart, a failover). Check who did, and the RDS events.',
  },
  {
    pattern: /certificate|SSL/i,
    hint: "An SSL/certificate problem: check the DMS endpoint's SslMode and the certificate it trusts.",
  },
  {
    pattern: /Ident authentication failed|peer authentication failed/i,
    hint: 'pg_hba.conf uses ident/peer for this connection: DMS needs md5 or scram-sha-256 password authentication.',
  },
];

export function hintForPostgresFailure(reason: string): string {
  for (const { pattern, hint } of POSTGRES_HINTS) if (pattern.test(reason)) return hint;
  return 'Read the full PostgreSQL entry (and its DETAIL) in the log for the cause.';
}

const TASK_HINTS: readonly ReasonHint[] = [
  {
    pattern: /^SOURCE_CAPTURE/,
    hint: 'Change capture from the source failed: check logical replication (rds.logical_replication=1, wal_level=logical), the replication slot, and that the DMS user has rds_replication.',
  },
  {
    pattern: /^SOURCE_UNLOAD/,
    hint: 'Reading tables from the source failed: check SELECT permission on the tables and the table mappings.',
  },
  {
    pattern: /^TARGET_(LOAD|APPLY)/,
    hint: 'Writing to the target failed: check the target endpoint user permissions, the table definitions and constraints.',
  },
  {
    pattern: /^(TASK_MANAGER|SORTER|COMMON)/,
    hint: 'The replication engine reported an error: read the task log around this line and the FailureMessages of describe-replications.',
  },
];

export function hintForTaskError(component: string): string {
  for (const { pattern, hint } of TASK_HINTS) if (pattern.test(component)) return hint;
  return 'Read the DMS task log around this line for the cause.';
}

/** For a failure whose message does not say more: where DMS keeps the details. */
export const GENERIC_FAILURE_HINT =
  'See the FailureMessages of describe-replications and the DMS task log (Logging.EnableLogging) for the cause.';

const ABNORMAL_STOP = /RECOVERABLE_ERROR|FATAL_ERROR|LOW_MEMORY|LOW_DISK|LIMITS_REACHED/i;

/** Stop reasons that mean something went wrong (others: NORMAL, full load finished, ...). */
export function isAbnormalStopReason(stopReason: string): boolean {
  return ABNORMAL_STOP.test(stopReason);
}

export function hintForStopReason(stopReason: string): string {
  if (/LOW_MEMORY|LOW_DISK/i.test(stopReason)) {
    return 'The replication ran out of resources: raise MaxCapacityUnits in the replication config compute settings.';
  }
  return GENERIC_FAILURE_HINT;
}

const TEST_CONNECTION = /test connection|test endpoint|testing connection|testing the connection/i;

export function isTestConnectionFailure(text: string, stateAtFailure: string | undefined): boolean {
  return TEST_CONNECTION.test(text) || stateAtFailure === 'testing_connection';
}

/**
 * A test-connection failure, read together with what PostgreSQL saw of the
 * connection attempts meanwhile: nothing arrived (network), a login was
 * refused (credentials, pg_hba), or something else failed.
 */
export function hintForTestConnection(attempts: readonly ConnectionAttempt[], postgresLogSeen: boolean): string {
  if (!postgresLogSeen) {
    return 'No PostgreSQL log in view, so it is unknown whether DMS reached the database: export the RDS postgresql log to CloudWatch and watch its log group; meanwhile check the security group, NACLs and routes between the DMS subnet group and the database, and the endpoint ServerName/Port.';
  }
  const refused = attempts.find((a) => a.outcome === 'auth_failed');
  if (refused !== undefined) {
    return `PostgreSQL received the connection but refused the login (${refused.reason ?? 'authentication failed'}). ${hintForPostgresFailure(refused.reason ?? '')}`;
  }
  const failed = attempts.find((a) => a.outcome === 'failed');
  if (failed !== undefined) {
    return `PostgreSQL received the connection but it failed (${failed.reason ?? 'FATAL'}). ${hintForPostgresFailure(failed.reason ?? '')}`;
  }
  if (attempts.length === 0) {
    return 'PostgreSQL saw no connection from DMS: check the network path: the database security group must allow the DMS replication subnet group on the database port; also NACLs, route tables, and the endpoint ServerName/Port.';
  }
  if (attempts.every((a) => a.outcome === 'pending')) {
    return 'DMS reached PostgreSQL but never logged in: check the endpoint SslMode and certificate, and for timeouts on the way.';
  }
  if (!attempts.some((a) => a.outcome === 'connected' || a.outcome === 'closed')) {
    return 'DMS reached PostgreSQL and authenticated, but no session was authorized: look for the entry that follows the authentication in the PostgreSQL log, and check the CONNECT privilege on the endpoint database.';
  }
  return 'PostgreSQL accepted the connections it saw: check the other endpoint (the target), its network path and credentials.';
}
