import { describe, expect, it } from 'vitest';
import type { EventSource } from '../../src/events/types.js';
import { detectSource, logGroupName, sourceFromLocation, sourceFromText } from '../../src/parse/source.js';

const ID = 'OZRAVXDSNFCUTG5UZNI6HRDWVY';
const PG_LINE = '2024-08-03 14:44:05 UTC:10.0.0.75(48820):[unknown]@[unknown]:[3000]:LOG:  connection received: host=10.0.0.75 port=48820';
const TASK_LINE = '2024-05-01T07:16:45 [SOURCE_CAPTURE  ]E:  Failed to connect';
const STATE = "{'replication_state':'running', 'message': 'Replication is running.'}";

describe('logGroupName', () => {
  it.each([
    ['a plain name', `dms-serverless-replication-${ID}`, `dms-serverless-replication-${ID}`],
    ['a Live Tail ARN', 'arn:aws:logs:eu-central-1:831394476016:log-group:/aws/rds/instance/db/postgresql', '/aws/rds/instance/db/postgresql'],
    ['an ARN ending in :*', 'arn:aws:logs:eu-central-1:831394476016:log-group:/aws/rds/instance/db/postgresql:*', '/aws/rds/instance/db/postgresql'],
    ['an ARN of something else', 'arn:aws:dms:eu-central-1:1:replication-config:X', 'arn:aws:dms:eu-central-1:1:replication-config:X'],
  ])('%s', (_name, identifier, expected) => {
    expect(logGroupName(identifier)).toBe(expected);
  });
});

describe('sourceFromLocation', () => {
  it.each<[string, string | undefined, string | undefined, EventSource | undefined]>([
    ['the orchestrator stream', `dms-serverless-replication-${ID}`, `dms-serverless-replication-orchestrator-${ID}`, 'dms'],
    ['a task stream', `dms-serverless-replication-${ID}`, 'dms-serverless-serv-res-id-1714547805-abc', 'dms-task'],
    ['another stream of the DMS group', `dms-serverless-replication-${ID}`, 'something-else', undefined],
    ['an RDS instance group', '/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql', 'testdrive-dms-postgresql-dev-db', 'postgres'],
    ['an Aurora cluster group', '/aws/rds/cluster/my-cluster/postgresql', 'my-cluster-instance-1', 'postgres'],
    ['an RDS group given as an ARN', 'arn:aws:logs:eu-central-1:1:log-group:/aws/rds/instance/db/postgresql:*', undefined, 'postgres'],
    ['an RDS upgrade log', '/aws/rds/instance/db/upgrade', 'db', undefined],
    ['an RDS group with a nested id', '/aws/rds/instance/a/b/postgresql', 'db', undefined],
    ['a classic DMS task group', 'dms-tasks-my-instance', 'dms-task-ABC', 'dms-task'],
    ['a classic DMS task stream without a group', undefined, 'dms-task-ABC', 'dms-task'],
    ['a classic task stream name in an unrelated group', '/aws/lambda/f', 'dms-task-ABC', undefined],
    ['the upgrade log of an RDS instance with a long name', '/aws/rds/instance/testdrive-dms-postgresql-dev-db/upgrade', 'db', undefined],
    ['a group of something else ending in /postgresql', '/custom/postgresql', 'db', undefined],
    ['an RDS group without an instance id', '/aws/rds/instance//postgresql', 'db', undefined],
    ['a stream without a group', undefined, `dms-serverless-replication-orchestrator-${ID}`, 'dms'],
    ['nothing', undefined, undefined, undefined],
    ['an unrelated group', '/aws/lambda/f', `dms-serverless-replication-orchestrator-${ID}`, undefined],
  ])('%s', (_name, group, stream, expected) => {
    expect(sourceFromLocation(group, stream)).toBe(expected);
  });
});

describe('sourceFromText', () => {
  it.each<[string, string, EventSource]>([
    ['an orchestrator dict', STATE, 'dms'],
    ['a jq-wrapped orchestrator dict', JSON.stringify(STATE), 'dms'],
    ['a task line', TASK_LINE, 'dms-task'],
    ['a task line with a thread id', `00012300: ${TASK_LINE}`, 'dms-task'],
    ['a task line with a thread id of upper-case hex letters', `ABCDEF00: ${TASK_LINE}`, 'dms-task'],
    ['a task line with a thread id starting with F', `F0000000: ${TASK_LINE}`, 'dms-task'],
    ['a task line with a thread id of lower-case hex letters', `abcdef00: ${TASK_LINE}`, 'dms-task'],
    ['a task line with a thread id starting with f', `f0000000: ${TASK_LINE}`, 'dms-task'],
    ['a task line with a thread id starting with 9', `90000000: ${TASK_LINE}`, 'dms-task'],
    ['an orchestrator dict after blank lines and spaces', `\n  \n ${STATE}`, 'dms'],
    ['a PostgreSQL entry', PG_LINE, 'postgres'],
    ['plain text', 'hello', 'other'],
    ['JSON that is no state', '{"level":"info"}', 'other'],
    ['a date and nothing else', '2024-08-03 14:44:05 hello', 'other'],
    ['an ISO date and nothing else', '2024-08-03T14:44:05 hello', 'other'],
    ['a number', '12345', 'other'],
    ['the empty string', '', 'other'],
  ])('%s', (_name, text, expected) => {
    expect(sourceFromText(text)).toBe(expected);
  });
});

describe('detectSource', () => {
  it('trusts the location over the text', () => {
    expect(detectSource({ message: 'hello', logGroup: '/aws/rds/instance/db/postgresql', logStream: 'db' })).toBe('postgres');
  });

  it('falls back to the text when the location does not decide', () => {
    expect(detectSource({ message: TASK_LINE, logGroup: `dms-serverless-replication-${ID}`, logStream: 'other' })).toBe('dms-task');
    expect(detectSource({ message: STATE })).toBe('dms');
  });
});
