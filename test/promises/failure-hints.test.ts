import { describe, expect, it } from 'vitest';
import type { DmsEvent } from '../../src/events/types.js';
import { parseLogRecord } from '../../src/parse/log-record.js';
import type { ConnectionAttempt } from '../../src/select/connections.js';
import { selectFailures } from '../../src/select/failures.js';
import {
  GENERIC_FAILURE_HINT,
  hintForPostgresFailure,
  hintForStopReason,
  hintForTaskError,
  hintForTestConnection,
  isAbnormalStopReason,
  isTestConnectionFailure,
} from '../../src/select/hints.js';

/**
 * Every failure dms-live recognises gets its own hint (src/select/hints.ts).
 * Each row is a message PostgreSQL really writes (libpq/auth.c, hba.c,
 * postinit.c, postmaster.c, postgres.c); the hint must name what to check.
 */

const PG_GROUP = '/aws/rds/instance/db1/postgresql';
const PREFIX = '2024-08-03 14:44:05 UTC:10.0.0.75(48820):dms@postgres:[3000]:FATAL:  ';

/** The 16 PostgreSQL patterns, in the order hints.ts tries them, each with a real message and a word of its hint. */
const POSTGRES_CASES: readonly [what: string, message: string, hint: RegExp][] = [
  ['no replication entry', 'no pg_hba.conf entry for replication connection from host "10.0.0.75", user "dms", no encryption', /grant rds_replication .* "replication" line/],
  ['an unencrypted connection refused', 'no pg_hba.conf entry for host "10.0.0.75", user "dms", database "postgres", no encryption', /SslMode to require/],
  ['pg_hba.conf refusing the host', 'pg_hba.conf rejects connection for host "10.0.0.75", user "dms", database "postgres", SSL encryption', /allow the DMS subnet/],
  ['a missing role', 'role "dms" does not exist', /Username/],
  ['a role without password', 'password authentication failed for user "dms" — User "dms" has no password assigned.', /has no password/],
  ['a password stored for the other method', 'password authentication failed for user "dms" — User "dms" does not have a valid SCRAM secret.', /md5 vs scram-sha-256/],
  ['a wrong password', 'password authentication failed for user "dms"', /Wrong password/],
  ['a role that may not log in', 'role "dms" is not permitted to log in', /ALTER ROLE \.\.\. LOGIN/],
  ['a missing database', 'database "orderz" does not exist', /DatabaseName/],
  ['no WAL sender permission', 'must be superuser or replication role to start walsender', /may not stream WAL/],
  ['no connection slots', 'sorry, too many clients already', /max_connections/],
  ['a login timeout', 'canceling authentication due to timeout', /authentication_timeout/],
  ['a restarting server', 'the database system is starting up', /restarting or failing over/],
  ['a terminated session', 'terminating connection due to administrator command', /pg_terminate_backend/],
  ['a certificate problem', 'connection requires a valid client certificate', /SslMode and the certificate/],
  ['ident authentication', 'Ident authentication failed for user "dms"', /ident\/peer/],
];

/** One PostgreSQL entry as RDS logs it, parsed, then folded into failure highlights. */
function failuresOf(message: string): ReturnType<typeof selectFailures> {
  const event: DmsEvent = parseLogRecord({ message: `${PREFIX}${message}`, logGroup: PG_GROUP, logStream: 'db1.0', timestamp: 0 }, 0);
  return selectFailures([event]);
}

describe('hints for PostgreSQL failures', () => {
  it('has a case for each of the 16 patterns, each with a hint of its own', () => {
    expect(POSTGRES_CASES).toHaveLength(16);
    const hints = POSTGRES_CASES.map(([, message]) => hintForPostgresFailure(message));
    expect(new Set(hints).size).toBe(16);
  });

  it.each(POSTGRES_CASES)('%s', (_what, message, hint) => {
    expect(hintForPostgresFailure(message)).toMatch(hint);
  });

  it.each(POSTGRES_CASES.filter(([, message]) => !message.includes(' — ')))('%s: the FATAL line in the log raises a highlight with that hint', (_what, message, hint) => {
    const [failure, ...rest] = failuresOf(message);
    expect(rest).toEqual([]);
    expect(failure?.title).toMatch(/^PostgreSQL (refused login|connection failed)$/);
    expect(failure?.hint).toMatch(hint);
  });

  it.each([
    ['remaining connection slots are reserved for non-replication superuser connections', /max_connections/],
    ['permission denied to start WAL sender', /may not stream WAL/],
    ['the database system is shutting down', /restarting or failing over/],
    ['the database system is in recovery mode', /restarting or failing over/],
    ['peer authentication failed for user "dms"', /ident\/peer/],
    ['password authentication failed for user "dms" — Role "dms" does not exist.', /Username/],
    ['no pg_hba.conf entry for replication connection from host "10.0.0.75", user "dms", SSL encryption', /rds_replication/],
  ])('also: %s', (message, hint) => {
    expect(hintForPostgresFailure(message)).toMatch(hint);
  });

  it('anything else: read the full entry', () => {
    expect(hintForPostgresFailure('out of memory')).toBe('Read the full PostgreSQL entry (and its DETAIL) in the log for the cause.');
  });
});

describe('hints for DMS task errors and stop reasons', () => {
  it.each([
    ['SOURCE_CAPTURE', /logical replication/],
    ['SOURCE_UNLOAD', /SELECT permission/],
    ['TARGET_LOAD', /target endpoint user/],
    ['TARGET_APPLY', /target endpoint user/],
    ['TASK_MANAGER', /FailureMessages of describe-replications/],
    ['SORTER', /FailureMessages of describe-replications/],
    ['COMMON', /FailureMessages of describe-replications/],
    ['METADATA_MANAGER', /^Read the DMS task log around this line for the cause\.$/],
  ])('%s', (component, hint) => {
    expect(hintForTaskError(component)).toMatch(hint);
  });

  it.each([
    ['Stop Reason FATAL_ERROR', true],
    ['Stop Reason RECOVERABLE_ERROR', true],
    ['Stop Reason LOW_MEMORY', true],
    ['Stop Reason LOW_DISK', true],
    ['Stop Reason LIMITS_REACHED', true],
    ['Stop Reason NORMAL', false],
    ['Stop Reason FULL_LOAD_ONLY_FINISHED', false],
  ])('%s is abnormal: %s', (reason, abnormal) => {
    expect(isAbnormalStopReason(reason)).toBe(abnormal);
  });

  it('out of memory or disk: raise MaxCapacityUnits; other reasons: where DMS keeps the details', () => {
    expect(hintForStopReason('Stop Reason LOW_MEMORY')).toMatch(/MaxCapacityUnits/);
    expect(hintForStopReason('Stop Reason LOW_DISK')).toMatch(/MaxCapacityUnits/);
    expect(hintForStopReason('Stop Reason FATAL_ERROR')).toBe(GENERIC_FAILURE_HINT);
  });
});

describe('hints for a failed test connection', () => {
  const attempt = (outcome: ConnectionAttempt['outcome'], reason?: string): ConnectionAttempt => ({
    key: `k-${outcome}`,
    start: 0,
    last: 0,
    outcome,
    ...(reason === undefined ? {} : { reason }),
  });

  it.each<[string, readonly ConnectionAttempt[], boolean, RegExp]>([
    ['no PostgreSQL log in view', [], false, /^No PostgreSQL log in view/],
    ['nothing reached PostgreSQL', [], true, /saw no connection from DMS: check the network path/],
    ['a refused login', [attempt('pending'), attempt('auth_failed', 'password authentication failed for user "dms"')], true, /refused the login \(password authentication failed for user "dms"\)\. Wrong password/],
    ['another failure', [attempt('failed', 'database "x" does not exist')], true, /but it failed \(database "x" does not exist\)\. The database does not exist/],
    ['only received', [attempt('pending'), attempt('pending')], true, /never logged in/],
    ['authenticated, never authorized', [attempt('authenticated')], true, /no session was authorized/],
    ['accepted', [attempt('connected'), attempt('closed')], true, /check the other endpoint \(the target\)/],
  ])('%s', (_what, attempts, seen, hint) => {
    expect(hintForTestConnection(attempts, seen)).toMatch(hint);
  });

  it('a refusal without a reason still says what happened', () => {
    expect(hintForTestConnection([attempt('auth_failed')], true)).toMatch(/^PostgreSQL received the connection but refused the login \(authentication failed\)\. Read the full/);
    expect(hintForTestConnection([attempt('failed')], true)).toMatch(/^PostgreSQL received the connection but it failed \(FATAL\)\. Read the full/);
  });

  it.each([
    ['Test connection failed for endpoint x', undefined, true],
    ["Error while calling 'Test endpoint' API", undefined, true],
    ['Failed while testing the connection', undefined, true],
    ['Replication failed', 'testing_connection', true],
    ['Replication failed', 'running', false],
    ['Replication failed', undefined, false],
  ])('%s (state %s) is a test-connection failure: %s', (text, state, expected) => {
    expect(isTestConnectionFailure(text, state)).toBe(expected);
  });
});
