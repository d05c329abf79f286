import { describe, expect, it } from 'vitest';
import type { PgConnection } from '../../src/events/types.js';
import { classifyPgConnection } from '../../src/parse/postgres-connection.js';
import { parsePgEntry } from '../../src/parse/postgres-entry.js';

/** A client line before authentication: the prefix knows the address, not the role or database. */
const UNAUTHENTICATED = '2024-08-03 14:44:05 UTC:10.0.0.75(48820):[unknown]@[unknown]:[3000]:';
/** A line whose prefix names no client address (empty `%r`) but a role and database. */
const NO_REMOTE = '2024-08-03 14:44:05 UTC::dms_user@appdb:[3000]:';
/** A line whose prefix names nothing: what the text says is all there is. */
const BARE = '2024-08-03 14:44:05 UTC::@:[3000]:';

function classify(text: string): PgConnection | undefined {
  const entry = parsePgEntry(text);
  if (entry === undefined) throw new Error(`not a PostgreSQL entry: ${text}`);
  return classifyPgConnection(entry);
}

describe('connection steps: the text gives what the prefix does not', () => {
  it('reads the client address of a received connection from its text', () => {
    expect(classify(`${BARE}LOG:  connection received: host=10.0.0.9 port=5555`)).toMatchObject({ event: 'received', host: '10.0.0.9', port: 5555 });
  });

  it('takes the port written with the host in the text, not the prefix port', () => {
    expect(classify(`${UNAUTHENTICATED}LOG:  connection received: host=10.0.0.9 port=5555`)).toMatchObject({ host: '10.0.0.9', port: 5555 });
  });

  it('reads the role, database and application of an authorized connection from its text', () => {
    expect(classify(`${UNAUTHENTICATED}LOG:  connection authorized: user=dms_user database=appdb application_name=psql`)).toMatchObject({
      event: 'authorized',
      user: 'dms_user',
      database: 'appdb',
      application: 'psql',
      ssl: false,
    });
  });

  it('keeps the database of a logical replication connection (only `replication` is a keyword)', () => {
    expect(
      classify(`2024-08-03 14:44:05 UTC:10.0.0.75(48820):rep@[unknown]:[1]:LOG:  replication connection authorized: user=rep database=appdb application_name=dms`),
    ).toMatchObject({ event: 'authorized', replication: true, database: 'appdb' });
  });

  it('keeps a database named `replication` on a plain connection', () => {
    expect(classify(`${UNAUTHENTICATED}LOG:  connection authorized: user=u database=replication`)).toMatchObject({ database: 'replication' });
  });

  it('reads every field of a disconnection from its text', () => {
    expect(classify(`${BARE}LOG:  disconnection: session time: 0:00:01.250 user=dms_user database=appdb host=10.0.0.9 port=5555`)).toEqual({
      event: 'disconnected',
      user: 'dms_user',
      database: 'appdb',
      host: '10.0.0.9',
      port: 5555,
      pid: 3000,
      method: undefined,
      application: undefined,
      ssl: undefined,
      replication: undefined,
      sessionMs: 1250,
      reason: undefined,
    });
  });

  it('reads the fields of a line whatever their order', () => {
    expect(classify(`${BARE}LOG:  disconnection: session time: 0:00:01.000 host=h port=1 user=u database=d`)).toMatchObject({
      host: 'h',
      port: 1,
      user: 'u',
      database: 'd',
    });
  });

  it('treats empty values and `[unknown]` as unknown', () => {
    expect(classify(`${BARE}LOG:  disconnection: session time: 0:00:01.000 user= database= host= port=`)).toMatchObject({
      user: undefined,
      database: undefined,
      host: undefined,
      port: undefined,
    });
    expect(classify(`${BARE}LOG:  disconnection: session time: 0:00:01.000 user=rep database=[unknown] host=h port=1`)).toMatchObject({ database: undefined });
  });
});

describe('connection steps: ports', () => {
  it.each([
    ['65535', 65535],
    ['0', 0],
    ['65536', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    ['http', undefined],
    ['', undefined],
  ])('port=%s reads as %s', (text, port) => {
    expect(classify(`${BARE}LOG:  connection received: host=h port=${text}`)).toMatchObject({ host: 'h', port });
  });
});

describe('connection steps: authenticated', () => {
  it('reads a method at the end of the line', () => {
    expect(classify(`${UNAUTHENTICATED}LOG:  connection authenticated: identity="bob" method=md5`)).toMatchObject({ user: 'bob', method: 'md5' });
  });

  it('takes no role from a line without `identity="`', () => {
    expect(classify(`${UNAUTHENTICATED}LOG:  connection authenticated: user="bob" method=trust`)).toMatchObject({ user: undefined, method: 'trust' });
  });

  it('takes neither role nor method from a line with neither', () => {
    expect(classify(`${UNAUTHENTICATED}LOG:  connection authenticated: identity="bob"`)).toMatchObject({ user: undefined, method: undefined });
    expect(classify(`${UNAUTHENTICATED}LOG:  connection authenticated: peer`)).toMatchObject({ user: undefined, method: undefined });
  });
});

describe('connection steps: session time', () => {
  const at = (time: string) => classify(`${BARE}LOG:  disconnection: session time: ${time} user=u database=d host=h port=1`)?.sessionMs;

  it('reads whole seconds and a fraction', () => {
    expect(at('1:02:03')).toBe(((60 + 2) * 60 + 3) * 1000);
    expect(at('0:00:02.abc')).toBe(2000);
  });

  it.each([':00:00.340', '0-00:00.340', '0:00-00.340', '0:0a:00.340', '0:00:0a.340'])('refuses %s', (time) => {
    expect(at(time)).toBeUndefined();
  });
});

describe('connection failures', () => {
  it('counts a FATAL before authentication from a client address as a failed connection', () => {
    expect(classify(`${UNAUTHENTICATED}FATAL:  canceling authentication due to timeout`)).toMatchObject({ event: 'failed', host: '10.0.0.75', user: undefined });
  });

  it('counts a FATAL of a named role without a client address as a failed connection', () => {
    expect(classify(`${NO_REMOTE}FATAL:  terminating connection due to administrator command`)).toMatchObject({ event: 'failed', user: 'dms_user' });
  });

  it('takes the database from the text when the prefix has none', () => {
    expect(classify(`${UNAUTHENTICATED}FATAL:  database "appdb" does not exist`)).toMatchObject({ event: 'failed', database: 'appdb' });
  });

  it('takes no role from empty quotes', () => {
    expect(classify(`${UNAUTHENTICATED}FATAL:  password authentication failed for user ""`)).toMatchObject({ event: 'auth_failed', user: undefined });
  });

  it('does not count another message about a role as an authentication failure', () => {
    expect(classify(`${UNAUTHENTICATED}FATAL:  role "dms_user" is being dropped`)).toMatchObject({ event: 'failed' });
  });

  it.each(['certificate authentication failed: client certificate contains no user name', 'connection requires a valid client certificate (none was sent)', 'could not authenticate the client'])(
    '%s is an authentication failure even from a background process',
    (message) => {
      expect(classify(`${BARE}FATAL:  ${message}`)).toMatchObject({ event: 'auth_failed', reason: message });
    },
  );
});
