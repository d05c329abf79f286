import { describe, expect, it } from 'vitest';
import { parseOrchestratorMessage, type OrchestratorReport } from '../../src/parse/orchestrator.js';

/** The test-connection failure exactly as the seed walkthrough shows it (nested quotes, `''}` ending). */
const SEED_FAILED =
  "{'replication_state':'failed', 'message': 'Test connection failed for endpoint testdrive-dms-postgresql-dev-endpoint-source.', 'failure_message': 'Test connection failed for endpoint 'testdrive-dms-postgresql-dev-endpoint-source' and replication config 'testdrive-dms-postgresql-dev-dms-serverless'. Failure Message: 'Error Details: [message=Unknown exception while calling 'Test endpoint' API, errType=, status=0, errMessage=, errDetails=]''}";
const SEED_FAILURE_MESSAGE =
  "Test connection failed for endpoint 'testdrive-dms-postgresql-dev-endpoint-source' and replication config 'testdrive-dms-postgresql-dev-dms-serverless'. Failure Message: 'Error Details: [message=Unknown exception while calling 'Test endpoint' API, errType=, status=0, errMessage=, errDetails=]'";

describe('parseOrchestratorMessage: the seed walkthrough, as jq prints it', () => {
  it.each<[string, OrchestratorReport]>([
    [
      `"{'replication_state':'initializing', 'message': 'Initializing the replication workflow.'}"`,
      { state: 'initializing', message: 'Initializing the replication workflow.', extra: {} },
    ],
    [
      `"{'replication_state':'preparing_metadata_resources', 'message': 'Preparing the resources for metadata collection. This can take some time.'}"`,
      {
        state: 'preparing_metadata_resources',
        message: 'Preparing the resources for metadata collection. This can take some time.',
        extra: {},
      },
    ],
    [
      `"{'replication_state':'testing_connection', 'message': 'Completed preparing resources for metadata collection. Testing connection to source and target endpoints to ensure proper configuration.'}"`,
      {
        state: 'testing_connection',
        message:
          'Completed preparing resources for metadata collection. Testing connection to source and target endpoints to ensure proper configuration.',
        extra: {},
      },
    ],
    [
      JSON.stringify(SEED_FAILED),
      {
        state: 'failed',
        message: 'Test connection failed for endpoint testdrive-dms-postgresql-dev-endpoint-source.',
        failureMessage: SEED_FAILURE_MESSAGE,
        extra: {},
      },
    ],
    [
      `"{'replication_state':'deleting', 'message': 'Replication is being deleted.'}"`,
      { state: 'deleting', message: 'Replication is being deleted.', extra: {} },
    ],
  ])('%s', (input, expected) => {
    expect(parseOrchestratorMessage(input)).toStrictEqual(expected);
  });
});

describe('parseOrchestratorMessage: variants', () => {
  it.each<[string, string, Partial<OrchestratorReport>]>([
    ['the raw CloudWatch form with nested quotes', SEED_FAILED, { state: 'failed', failureMessage: SEED_FAILURE_MESSAGE }],
    ['a trailing newline', `${SEED_FAILED}\n`, { state: 'failed', failureMessage: SEED_FAILURE_MESSAGE }],
    [
      'newlines inside a value',
      "{'replication_state':'failed', 'message': 'line one\nline two', 'failure_message': 'a\n  b'}",
      { message: 'line one\nline two', failureMessage: 'a\n  b' },
    ],
    [
      'double quotes inside a value',
      `{'replication_state':'failed', 'message': 'relation "orders" does not exist', 'failure_message': 'say "hi"'}`,
      { message: 'relation "orders" does not exist', failureMessage: 'say "hi"' },
    ],
    [
      'a value that contains text looking like a next key',
      "{'replication_state':'failed', 'message': 'it said 'x', 'y': then stopped', 'failure_message': 'f'}",
      { message: "it said 'x', 'y': then stopped", failureMessage: 'f' },
    ],
    ['whitespace around the colon', "{ 'replication_state' : 'running' , 'message' :'ok' }", { state: 'running', message: 'ok' }],
    ['double-quoted values', `{'replication_state': "stopped", 'message': "it's stopped"}`, { state: 'stopped', message: "it's stopped" }],
    [
      'None, True, False and numbers',
      "{'replication_state':'running', 'message': None, 'failure_message': None, 'retry': True, 'final': False, 'capacity': 16}",
      { state: 'running', extra: { retry: 'true', final: 'false', capacity: '16' } },
    ],
    [
      'the JSON form',
      '{"replication_state":"failed","message":"m","failure_message":"f","attempt":2,"flag":true,"nothing":null}',
      { state: 'failed', message: 'm', failureMessage: 'f', extra: { attempt: '2', flag: 'true' } },
    ],
    [
      'the JSON form wrapped as jq prints it',
      JSON.stringify('{"replication_state":"running","message":"m"}'),
      { state: 'running', message: 'm' },
    ],
    [
      'a dict with JSON-style keys but unescaped values (not valid JSON)',
      '{"replication_state":"failed", "message": "endpoint "src" is down"}',
      { state: 'failed', message: 'endpoint "src" is down' },
    ],
    ['an unknown state', "{'replication_state':'rebalancing_widgets'}", { state: 'rebalancing_widgets', extra: {} }],
    ['an empty failure message', "{'replication_state':'stopped', 'failure_message': ''}", { state: 'stopped', extra: {} }],
    ['extra keys kept as text', "{'replication_state':'running', 'dcu': '4', 'table_count': 12}", { extra: { dcu: '4', table_count: '12' } }],
    ['a message cut before its closing quote', "{'replication_state':'failed', 'message': 'cut here}", { message: 'cut here' }],
  ])('reads %s', (_name, input, expected) => {
    expect(parseOrchestratorMessage(input)).toMatchObject(expected);
  });

  it.each<[string, string, OrchestratorReport]>([
    ['a jq line that is not valid JSON, read between its quotes', `"{'replication_state':'running', 'message': 'a\\qb'}"`, { state: 'running', message: 'a\\qb', extra: {} }],
    ['a jq line of a message ending in a newline', JSON.stringify("{'replication_state':'running', 'message': 'ok'}\n"), { state: 'running', message: 'ok', extra: {} }],
    [
      'a dict over several lines, with tabs and CRLF',
      "{\r\n\t'replication_state':\t'running',\r\n\t'message':\t'ok'\r\n}",
      { state: 'running', message: 'ok', extra: {} },
    ],
    ['a state padded with spaces', "{'replication_state': ' running ', 'message': 'ok'}", { state: 'running', message: 'ok', extra: {} }],
    [
      'empty messages and None or null values, all left out',
      "{'replication_state':'stopped', 'message': '', 'failure_message': '', 'retry': None, 'next': null, 'dcu': 4}",
      { state: 'stopped', extra: { dcu: '4' } },
    ],
    [
      'JSON nulls, numbers and booleans',
      '{"replication_state":"failed","message":"m","failure_message":"f","attempt":2,"flag":true,"nothing":null}',
      { state: 'failed', message: 'm', failureMessage: 'f', extra: { attempt: '2', flag: 'true' } },
    ],
  ])('reads exactly %s', (_name, input, expected) => {
    expect(parseOrchestratorMessage(input)).toStrictEqual(expected);
  });

  it('leaves out keys the state message does not carry', () => {
    const report = parseOrchestratorMessage("{'replication_state':'running'}");
    expect(report).toStrictEqual({ state: 'running', extra: {} });
  });

  it.each([
    ['plain text', 'Replication is running.'],
    ['a PostgreSQL line', '2024-08-03 14:44:05 UTC:10.0.0.75(48820):[unknown]@[unknown]:[3000]:LOG:  connection received'],
    ['a dict without a state', "{'message': 'hello'}"],
    ['a state of None', "{'replication_state': None, 'message': 'x'}"],
    ['an empty state', "{'replication_state': '', 'message': 'x'}"],
    ['the key word in prose', 'the replication_state key is missing'],
    ['a dict cut inside its state', "{'replication_state':'runn"],
    ['a dict cut right after the state key', "{'replication_state': "],
    ['a JSON report cut inside its state', '{"replication_state":"fai'],
    ['a JSON report cut inside the state key', '{"message":"m","replication_sta'],
    ['a jq line cut inside the state', `"{'replication_state':'fail`],
    ['a JSON array', '["replication_state"]'],
    ['a JSON string that is not a dict', JSON.stringify('replication_state: running')],
    ['an empty string', ''],
    ['a lone quote', '"'],
    ['braces only', '{replication_state}'],
  ])('returns undefined for %s', (_name, input) => {
    expect(parseOrchestratorMessage(input)).toBeUndefined();
  });

  it('keeps a key named __proto__ out of the prototype', () => {
    const report = parseOrchestratorMessage("{'replication_state':'running', '__proto__': 'x'}");
    expect(report?.state).toBe('running');
    expect(Object.getPrototypeOf(report?.extra)).toBe(Object.prototype);
  });
});

/**
 * CloudWatch Logs truncates events over its size limit, and people paste partial
 * lines: a report without its end is still a report, marked truncated, its
 * last value as far as it goes.
 */
describe('parseOrchestratorMessage: reports cut short', () => {
  const CUT_FAILURE = "{'replication_state':'failed', 'message': 'Test connection failed for endpoint src.', 'failure_message': 'Test connection failed for endpoint 'src' and replication config 'x-";
  it.each<[string, string, Partial<OrchestratorReport>]>([
    [
      'a dict cut inside the failure message',
      CUT_FAILURE,
      { state: 'failed', message: 'Test connection failed for endpoint src.', failureMessage: "Test connection failed for endpoint 'src' and replication config 'x-" },
    ],
    ['a dict missing only its closing brace', "{'replication_state':'running', 'message': 'Replication is running.'", { state: 'running', message: 'Replication is running.' }],
    ['a dict of the state alone, missing its brace', "{'replication_state':'running'", { state: 'running', extra: {} }],
    ['a dict whose seed ending lost only its brace', SEED_FAILED.slice(0, -1), { state: 'failed', failureMessage: SEED_FAILURE_MESSAGE }],
    ['a dict cut after a comma', "{'replication_state':'stopped', 'message': 'm',", { state: 'stopped', message: 'm' }],
    ['a dict cut inside the next key', "{'replication_state':'stopped', 'message': 'm', 'failure_mes", { state: 'stopped', message: 'm' }],
    ['a dict cut after the next key', "{'replication_state':'stopped', 'message': 'm', 'failure_message': ", { state: 'stopped', message: 'm' }],
    ['a dict cut with a newline in the value', "{'replication_state':'failed', 'failure_message': 'line one\nline tw", { failureMessage: 'line one\nline tw' }],
    ['a dict cut inside a literal', "{'replication_state':'running', 'capacity': 1", { state: 'running', extra: { capacity: '1' } }],
    ['a cut dict as jq prints it', JSON.stringify(CUT_FAILURE), { state: 'failed', failureMessage: "Test connection failed for endpoint 'src' and replication config 'x-" }],
    ['a jq line cut inside its string', JSON.stringify(CUT_FAILURE).slice(0, -10), { state: 'failed', failureMessage: "Test connection failed for endpoint 'src' and replication c" }],
    ['a jq line cut inside an escape', `"{'replication_state':'failed', 'failure_message': 'a\\u00`, { state: 'failed', failureMessage: 'a' }],
    [
      'a JSON report cut inside the failure message',
      '{"replication_state":"failed","message":"m","failure_message":"Test connection failed for endpoint \\"src\\" and repl',
      { state: 'failed', message: 'm', failureMessage: 'Test connection failed for endpoint "src" and repl' },
    ],
    ['a JSON report cut inside an escape', '{"replication_state":"failed","failure_message":"a\\', { failureMessage: 'a' }],
    ['a JSON report cut inside a unicode escape', '{"replication_state":"failed","failure_message":"a\\u20', { failureMessage: 'a' }],
    ['a JSON report missing only its closing brace', '{"replication_state":"running","message":"m"', { state: 'running', message: 'm' }],
    ['a JSON report cut after a comma', '{"replication_state":"running","message":"m",', { state: 'running', message: 'm' }],
    ['a JSON report cut inside the next key', '{"replication_state":"running","message":"m","failu', { state: 'running', message: 'm' }],
    ['a JSON report cut after the next colon', '{"replication_state":"running","message":"m","failure_message":', { state: 'running', message: 'm' }],
    ['a JSON report cut inside a nested value', '{"replication_state":"running","details":{"tables":[1,2', { state: 'running', extra: { details: '{"tables":[1,2]}' } }],
    ['a JSON report cut inside a literal', '{"replication_state":"running","retry":tr', { state: 'running', extra: {} }],
    ['a JSON report wrapped by jq and cut', JSON.stringify('{"replication_state":"failed","failure_message":"boom and mo').slice(0, -1), { state: 'failed', failureMessage: 'boom and mo' }],
  ])('reads %s', (_name, input, expected) => {
    expect(parseOrchestratorMessage(input)).toMatchObject({ ...expected, truncated: true });
  });

  it.each([
    ['the seed report', SEED_FAILED],
    ['a complete JSON report', '{"replication_state":"running","message":"m"}'],
    ['a complete jq line', JSON.stringify(SEED_FAILED)],
    ['a message whose closing quote is missing before the brace', "{'replication_state':'failed', 'message': 'cut here}"],
  ])('does not mark %s truncated', (_name, input) => {
    const report = parseOrchestratorMessage(input);
    expect(report?.state).toBeDefined();
    expect(report).not.toHaveProperty('truncated');
  });
});
