import { describe, expect, it } from 'vitest';
import { ConnectionsBuilder } from '../../src/select/connections.js';
import { FailuresBuilder, selectFailures } from '../../src/select/failures.js';
import { GENERIC_FAILURE_HINT } from '../../src/select/hints.js';
import { connectionEvent, logEvent, snapshot, stateEvent, statusEvent, T0 } from '../support/events.js';

/** The rules by which events become failure highlights (src/select/failures.ts), each pinned. */

const s = (n: number): number => T0 + n * 1000;
const MIN = 60;

describe('which text a replication failure shows', () => {
  it.each([
    ['its failure message', { failureMessage: 'boom', message: 'Replication failed.' }, 'boom'],
    ['its message when the failure message is empty', { failureMessage: '', message: 'It broke.' }, 'It broke.'],
    ['its message when there is no failure message', { message: 'It broke.' }, 'It broke.'],
    ['a generic line when it says nothing', {}, 'The replication failed.'],
  ])('a failed state report shows %s', (_what, over, text) => {
    expect(selectFailures([stateEvent(s(1), 'failed', over)]).map((f) => f.text)).toEqual([text]);
  });

  it('FAILED in capitals is a failure too; another state is one only with a failure message', () => {
    expect(selectFailures([stateEvent(s(1), 'FAILED')]).map((f) => f.title)).toEqual(['Replication failed']);
    expect(selectFailures([stateEvent(s(1), 'running', { message: 'fine' })])).toEqual([]);
    expect(selectFailures([stateEvent(s(1), 'replication_starting', { failureMessage: 'retrying after an error' })]).map((f) => f.text)).toEqual(['retrying after an error']);
  });

  it.each([
    ['FailureMessages that changed', { status: 'running', failureMessages: ['a', 'b'] }, ['failureMessages'], ['a; b']],
    ['a status that became failed, with its messages', { status: 'failed', failureMessages: ['x'] }, ['status'], ['x']],
    ['a status that became failed, without messages', { status: 'failed', failureMessages: [] }, ['status'], ['The replication failed.']],
    ['a failed status that did not change', { status: 'failed', failureMessages: ['x'] }, ['updateTime'], []],
    ['FailureMessages that changed to none', { status: 'running', failureMessages: [] }, ['failureMessages'], []],
  ])('DescribeReplications: %s', (_what, snap, changes, texts) => {
    const event = statusEvent(s(1), snap.status, { snapshot: snapshot(snap), changes });
    expect(selectFailures([event]).map((f) => f.text)).toEqual(texts);
  });

  it('a failure is one highlight per replication: the same text for two replications is two', () => {
    const failures = selectFailures([
      stateEvent(s(1), 'failed', { failureMessage: 'boom' }),
      stateEvent(s(2), 'failed', { failureMessage: 'boom' }),
      stateEvent(s(3), 'failed', { failureMessage: 'boom', logGroup: 'dms-serverless-replication-RID2', logStream: 'x' }),
    ]);
    expect(failures.map((f) => [f.replication, f.count])).toEqual([['RID1', 2], ['RID2', 1]]);
  });

  it('a report cut short says so; a whole one does not', () => {
    const failures = selectFailures([stateEvent(s(1), 'failed', { failureMessage: 'cut', truncated: true }), stateEvent(s(2), 'failed', { failureMessage: 'whole' })]);
    expect(failures.map((f) => f.text)).toEqual(['cut…', 'whole']);
  });
});

describe('abnormal stop reasons', () => {
  const stopped = (time: number, reason: string, changes = ['stopReason'], arn = 'arn:aws:dms:eu-central-1:123456789012:replication-config:RID1') =>
    statusEvent(time, 'stopped', { snapshot: snapshot({ status: 'stopped', stopReason: reason, configArn: arn }), changes });

  it('are raised once per replication and reason, with the replication named; an unchanged reason raises nothing', () => {
    const failures = selectFailures([
      stopped(s(1), 'Stop Reason LOW_MEMORY'),
      stopped(s(2), 'Stop Reason LOW_MEMORY'),
      stopped(s(3), 'Stop Reason LOW_MEMORY', ['stopReason'], 'arn:aws:dms:eu-central-1:123456789012:replication-config:RID2'),
      stopped(s(4), 'Stop Reason FATAL_ERROR', ['status']),
    ]);
    expect(failures.map((f) => [f.title, f.replication, f.text, f.count])).toEqual([
      ['Replication stopped abnormally', 'RID1', 'Stop Reason LOW_MEMORY', 2],
      ['Replication stopped abnormally', 'RID2', 'Stop Reason LOW_MEMORY', 1],
    ]);
    expect(failures[0]?.hint).toMatch(/MaxCapacityUnits/);
  });
});

describe('a failed test connection reads the connections of its own test', () => {
  const refused = (at: number, pid: number) => [
    connectionEvent(at, { event: 'received', pid, host: '10.0.0.75', port: pid }),
    connectionEvent(at, { event: 'auth_failed', pid, user: 'dms', reason: 'password authentication failed for user "dms"' }),
  ];
  const testFailed = (at: number) => stateEvent(at, 'failed', { failureMessage: "Test connection failed for endpoint 'src'." });
  const hint = (events: Parameters<typeof selectFailures>[0]): string | undefined => selectFailures(events).find((f) => f.title === 'Replication failed')?.hint;

  it('from the first testing_connection report, however often it is repeated', () => {
    expect(hint([stateEvent(s(10), 'testing_connection'), ...refused(s(20), 1), stateEvent(s(30), 'testing_connection'), testFailed(s(70))])).toMatch(/refused the login/);
  });

  it('without a testing_connection report: the 10 minutes before the failure', () => {
    expect(hint([...refused(s(0), 1), testFailed(s(9 * MIN))])).toMatch(/refused the login/);
    expect(hint([...refused(s(0), 1), testFailed(s(11 * MIN))])).toMatch(/saw no connection/);
  });

  it('and connections stamped up to 5 s after it (two logs are not perfectly in step, so they may arrive first)', () => {
    const at = (t: number) => hint([stateEvent(s(10), 'testing_connection'), ...refused(t, 1), testFailed(s(70))]);
    expect(at(s(75))).toMatch(/refused the login/);
    expect(at(s(76))).toMatch(/saw no connection/);
  });

  it('a failure that is no test connection gets the generic hint', () => {
    expect(hint([stateEvent(s(10), 'running'), stateEvent(s(20), 'failed', { failureMessage: 'Out of memory' })])).toBe(GENERIC_FAILURE_HINT);
  });
});

describe('PostgreSQL failures', () => {
  it.each([
    ['auth_failed', 'PostgreSQL refused login'],
    ['failed', 'PostgreSQL connection failed'],
  ] as const)('%s is titled %j', (step, title) => {
    const [f] = selectFailures([connectionEvent(s(1), { event: step, pid: 1, reason: 'nope' })]);
    expect(f?.title).toBe(title);
  });

  it.each([
    ['user, database and host', { user: 'dms', database: 'db', host: '10.0.0.1' }, {}, 'nope [dms@db from 10.0.0.1]'],
    ['user only', { user: 'dms' }, { user: undefined, database: undefined }, 'nope [dms]'],
    ['names from the line prefix', {}, { user: 'u', database: 'd' }, 'nope [u@d]'],
    ['no names', {}, { user: undefined, database: undefined }, 'nope'],
  ])('the text names %s', (_what, c, pg, text) => {
    const event = connectionEvent(s(1), { event: 'failed', pid: 1, reason: 'nope', ...c });
    const [f] = selectFailures([{ ...event, pg: { ...event.pg, ...pg } }]);
    expect(f?.text).toBe(text);
    expect(f?.replication).toBeUndefined();
  });

  it('a refusal without a reason shows the line; repeats with another DETAIL fold into one', () => {
    const bare = connectionEvent(s(1), { event: 'auth_failed', pid: 1 });
    expect(selectFailures([{ ...bare, text: 'the line itself', pg: { ...bare.pg, user: undefined, database: undefined } }])[0]?.text).toBe('the line itself');
    const failures = selectFailures([
      connectionEvent(s(1), { event: 'auth_failed', pid: 1, reason: 'password authentication failed for user "a" — Role "a" does not exist.' }),
      connectionEvent(s(2), { event: 'auth_failed', pid: 2, reason: 'password authentication failed for user "a" — Password does not match.' }),
    ]);
    expect(failures.map((f) => f.count)).toEqual([2]);
  });

  it('FATAL and PANIC entries that are no connection step are highlights, one per level and text; ERRORs are not', () => {
    const pg = (t: number, level: string, text: string) => logEvent(t, text, { source: 'postgres', pg: { level } });
    const failures = selectFailures([pg(s(1), 'FATAL', 'terminating connection due to administrator command'), pg(s(2), 'PANIC', 'terminating connection due to administrator command'), pg(s(3), 'FATAL', 'terminating connection due to administrator command'), pg(s(4), 'ERROR', 'duplicate key')]);
    expect(failures.map((f) => [f.title, f.count])).toEqual([['PostgreSQL FATAL', 2], ['PostgreSQL PANIC', 1]]);
    expect(failures[0]?.hint).toMatch(/pg_terminate_backend/);
  });
});

describe('bounds', () => {
  it('keeps the newest `limit` highlights (1000 by default); repeats do not count', () => {
    // Distinct texts without digits: digits are blanked when repeats fold.
    const name = (i: number): string => [i % 26, Math.floor(i / 26) % 26, Math.floor(i / 676)].map((n) => String.fromCharCode(97 + n)).join('');
    const failed = (i: number) => stateEvent(s(i), 'failed', { failureMessage: `boom ${name(i)}` });
    const small = new FailuresBuilder(new ConnectionsBuilder(), { limit: 2 });
    for (const i of [1, 2, 2, 3]) small.add(failed(i));
    expect(small.list().map((f) => [f.text, f.count])).toEqual([[`boom ${name(2)}`, 2], [`boom ${name(3)}`, 1]]);
    const big = new FailuresBuilder(new ConnectionsBuilder());
    for (let i = 0; i < 1001; i++) big.add(failed(i));
    expect(big.list()).toHaveLength(1000);
    expect(big.list()[0]?.text).toBe(`boom ${name(1)}`);
  });
});
