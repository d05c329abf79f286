import { describe, expect, it } from 'vitest';
import type { PgConnection } from '../../src/events/types.js';
import { classifyPgConnection } from '../../src/parse/postgres-connection.js';
import { parsePgEntry } from '../../src/parse/postgres-entry.js';

const CLIENT = '2024-08-03 14:44:05 UTC:10.0.0.75(48820):dms_user@appdb:[3000]:';
const BACKGROUND = '2024-08-03 14:44:05 UTC::@:[14777]:';

function classify(text: string): PgConnection | undefined {
  const entry = parsePgEntry(text);
  if (entry === undefined) throw new Error(`not a PostgreSQL entry: ${text}`);
  return classifyPgConnection(entry);
}

describe('classifyPgConnection: authentication failures (SQLSTATE class 28)', () => {
  it.each([
    'password authentication failed for user "dms_user"',
    'no pg_hba.conf entry for host "10.0.0.75", user "dms_user", database "appdb", SSL off',
    'no pg_hba.conf entry for host "10.0.0.75", user "dms_user", database "appdb", no encryption',
    'no pg_hba.conf entry for replication connection from host "10.0.0.75", user "dms_user", SSL encryption',
    'pg_hba.conf rejects connection for host "10.0.0.75", user "dms_user", database "appdb", SSL on',
    'pg_hba.conf rejects replication connection for host "10.0.0.75", user "dms_user", no encryption',
    'role "dms_user" does not exist',
    'role "dms_user" is not permitted to log in',
    'SCRAM authentication requires libpq version 10 or above',
    'Ident authentication failed for user "dms_user"',
    'Peer authentication failed for user "dms_user"',
    'certificate authentication failed for user "dms_user"',
    'LDAP authentication failed for user "dms_user"',
    'PAM authentication failed for user "dms_user"',
    'RADIUS authentication failed for user "dms_user"',
    'GSSAPI authentication failed for user "dms_user"',
    'connection requires a valid client certificate',
  ])('%s', (message) => {
    expect(classify(`${CLIENT}FATAL:  ${message}`)).toMatchObject({ event: 'auth_failed', reason: message, user: 'dms_user' });
  });

  it('adds the DETAIL to the reason, its lines kept (SCRAM secret missing)', () => {
    const connection = classify(
      `${CLIENT}FATAL:  password authentication failed for user "dms_user"\n${CLIENT}DETAIL:  User "dms_user" does not have a valid SCRAM secret.\n\tConnection matched pg_hba.conf line 4: "host all all all scram-sha-256"`,
    );
    expect(connection).toMatchObject({
      event: 'auth_failed',
      reason:
        'password authentication failed for user "dms_user" — User "dms_user" does not have a valid SCRAM secret.\nConnection matched pg_hba.conf line 4: "host all all all scram-sha-256"',
    });
  });

  it('takes the role from the text when the prefix has none', () => {
    expect(classify(`2024-08-03 14:44:05 UTC:10.0.0.75(48820):[unknown]@[unknown]:[3000]:FATAL:  password authentication failed for user "x"`)).toMatchObject({
      event: 'auth_failed',
      user: 'x',
    });
  });
});

describe('classifyPgConnection: other failures while connecting', () => {
  it.each([
    'database "appdb" does not exist',
    'must be superuser or replication role to start walsender',
    'sorry, too many clients already',
    'remaining connection slots are reserved for roles with the SUPERUSER attribute',
    'remaining connection slots are reserved for non-replication superuser connections',
    'too many connections for role "dms_user"',
    'permission denied for database "appdb"',
    'canceling authentication due to timeout',
    'the database system is starting up',
    'the database system is shutting down',
    'the database system is in recovery mode',
    'terminating connection due to administrator command',
    'terminating connection due to idle-in-transaction timeout',
    'unsupported frontend protocol 1234.5678: server supports 3.0 to 3.0',
  ])('%s', (message) => {
    expect(classify(`${CLIENT}FATAL:  ${message}`)).toMatchObject({ event: 'failed', reason: message, host: '10.0.0.75', port: 48820, pid: 3000 });
  });

  it('treats a FATAL of a background process as no connection step', () => {
    expect(classify(`${BACKGROUND}FATAL:  could not receive data from WAL stream: server closed the connection`)).toBeUndefined();
  });
});

describe('classifyPgConnection: lifecycle lines', () => {
  it.each<[string, string, Partial<PgConnection>]>([
    ['received over IPv6', '2024-08-03 14:44:05 UTC:2001:db8::5(51234):[unknown]@[unknown]:[1]:LOG:  connection received: host=2001:db8::5 port=51234', { event: 'received', host: '2001:db8::5', port: 51234 }],
    ['authenticated with SCRAM', `${CLIENT}LOG:  connection authenticated: identity="dms_user" method=scram-sha-256 (/rdsdbdata/config/pg_hba.conf:13)`, { event: 'authenticated', user: 'dms_user', method: 'scram-sha-256' }],
    ['authenticated with a quote in the identity', `${CLIENT}LOG:  connection authenticated: identity="CN=a "b"" method=cert (/x:1)`, { user: 'CN=a "b"', method: 'cert' }],
    [
      'authorized with SSL and compression (PostgreSQL 13 and older)',
      `${CLIENT}LOG:  connection authorized: user=dms_user database=appdb SSL enabled (protocol=TLSv1.2, cipher=ECDHE-RSA-AES256-GCM-SHA384, bits=256, compression=off)`,
      { event: 'authorized', user: 'dms_user', database: 'appdb', application: undefined, ssl: true },
    ],
    [
      'authorized with an application name holding spaces',
      `${CLIENT}LOG:  connection authorized: user=dms_user database=appdb application_name=AWS DMS task 7 SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)`,
      { application: 'AWS DMS task 7', ssl: true },
    ],
    [
      'authorized with GSS',
      `${CLIENT}LOG:  connection authorized: user=dms_user database=appdb application_name=psql GSS (authenticated=yes, encrypted=yes, principal=dms@EXAMPLE.COM)`,
      { application: 'psql', ssl: false },
    ],
    [
      'a physical replication connection',
      `2024-08-03 14:44:05 UTC:10.0.0.75(48820):rep@[unknown]:[1]:LOG:  replication connection authorized: user=rep database=replication application_name=walreceiver`,
      { event: 'authorized', replication: true, database: undefined, application: 'walreceiver' },
    ],
    [
      'disconnected after hours',
      `${CLIENT}LOG:  disconnection: session time: 26:03:04.005 user=dms_user database=appdb host=10.0.0.75 port=48820`,
      { event: 'disconnected', sessionMs: ((26 * 60 + 3) * 60 + 4) * 1000 + 5 },
    ],
    [
      'disconnected with a malformed session time',
      `${CLIENT}LOG:  disconnection: session time: soon user=dms_user database=appdb host=10.0.0.75 port=48820`,
      { event: 'disconnected', sessionMs: undefined, user: 'dms_user' },
    ],
  ])('%s', (_name, text, expected) => {
    expect(classify(text)).toMatchObject(expected);
  });

  it.each([
    ['a statement ERROR', `${CLIENT}ERROR:  relation "no_such_table" does not exist at character 15`],
    ['a permission ERROR', `${CLIENT}ERROR:  permission denied for table orders`],
    ['an incomplete startup packet', `${CLIENT}LOG:  incomplete startup packet`],
    ['a client that went away', `${CLIENT}LOG:  could not receive data from client: Connection reset by peer`],
    ['a checkpoint', `${BACKGROUND}LOG:  checkpoint starting: time`],
    ['a PANIC', `${BACKGROUND}PANIC:  could not write to file "pg_wal/xlogtemp.123": No space left on device`],
    ['a WARNING', `${CLIENT}WARNING:  there is no transaction in progress`],
  ])('%s is no connection step', (_name, text) => {
    expect(classify(text)).toBeUndefined();
  });
});
