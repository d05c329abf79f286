import { describe, expect, it } from 'vitest';
import { fillTemplate, orchestratorMessage, postgresEntry, sessionTime, taskLine } from '../../src/sandbox/player/log-text.js';

const at = (iso: string): number => Date.parse(iso);

describe('log text the sandbox writes', () => {
  it.each([
    [
      'a connection before authentication',
      postgresEntry(at('2026-11-26T21:39:07Z'), { host: '127.0.0.1', port: 54192, pid: 14810 }, 'LOG', 'connection received: host=127.0.0.1 port=54192'),
      '2026-11-26 21:39:07 UTC:127.0.0.1(54192):[unknown]@[unknown]:[14810]:LOG:  connection received: host=127.0.0.1 port=54192',
    ],
    [
      'an authenticated connection',
      postgresEntry(at('2026-11-26T21:39:07Z'), { host: '127.0.0.1', port: 54192, pid: 14810, user: 'dynapipe', database: 'postgres' }, 'LOG', 'connection authenticated: identity="dynapipe" method=md5 (/rdsdbdata/config/pg_hba.conf:6)'),
      '2026-11-26 21:39:07 UTC:127.0.0.1(54192):dynapipe@postgres:[14810]:LOG:  connection authenticated: identity="dynapipe" method=md5 (/rdsdbdata/config/pg_hba.conf:6)',
    ],
    [
      'a background process',
      postgresEntry(at('2026-11-26T21:39:07Z'), { pid: 14777 }, 'LOG', 'database system is ready to accept connections'),
      '2026-11-26 21:39:07 UTC::@:[14777]:LOG:  database system is ready to accept connections',
    ],
    [
      'a DETAIL with a tab continuation',
      postgresEntry(at('2026-11-26T21:39:07Z'), { host: '127.0.0.1', port: 54218, pid: 14820, user: 'dynapipe', database: 'postgres' }, 'DETAIL', 'Password does not match for user "dynapipe".', [
        'Connection matched pg_hba.conf line 6: "host    all             all             127.0.0.1/32            md5"',
      ]),
      '2026-11-26 21:39:07 UTC:127.0.0.1(54218):dynapipe@postgres:[14820]:DETAIL:  Password does not match for user "dynapipe".\n\tConnection matched pg_hba.conf line 6: "host    all             all             127.0.0.1/32            md5"',
    ],
    [
      'an orchestrator state report',
      orchestratorMessage('initializing', 'Initializing the replication workflow.'),
      "{'replication_state':'initializing', 'message': 'Initializing the replication workflow.'}",
    ],
    [
      'an orchestrator failure with unescaped nested quotes',
      orchestratorMessage('failed', 'Test connection failed for endpoint x.', "Failure Message: 'Error Details: [message=Unknown exception while calling 'Test endpoint' API]'"),
      "{'replication_state':'failed', 'message': 'Test connection failed for endpoint x.', 'failure_message': 'Failure Message: 'Error Details: [message=Unknown exception while calling 'Test endpoint' API]''}",
    ],
    [
      'a DMS task log line',
      taskLine(at('2024-05-01T07:16:45.400Z'), 'SOURCE_UNLOAD', 'I', "Unload finished for table 'public'.'orders' (Id = 1). 10 rows sent.", 'streamcomponent.c:3543'),
      "2024-05-01T07:16:45 [SOURCE_UNLOAD   ]I:  Unload finished for table 'public'.'orders' (Id = 1). 10 rows sent.  (streamcomponent.c:3543)",
    ],
  ])('formats %s exactly as the real service does', (_what, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each([
    [19, '0:00:00.019'],
    [62_500, '0:01:02.500'],
    [3_723_004, '1:02:03.004'],
  ])('formats a %i ms session time as %s', (ms, text) => {
    expect(sessionTime(ms)).toBe(text);
  });

  it('fills known placeholders and leaves unknown ones', () => {
    expect(fillTemplate("endpoint '${sourceEndpoint}' and ${nope}", { sourceEndpoint: 'src' })).toBe("endpoint 'src' and ${nope}");
  });
});
