import { describe, expect, it } from 'vitest';
import { parseOrchestratorMessage } from '../../src/parse/orchestrator.js';

describe('parseOrchestratorMessage: JSON reports and their escapes', () => {
  // JSON escapes are decoded only when the report is read as JSON, so they tell the two readings apart.
  it.each([
    ['no space', '{"replication_state": "failed", "failure_message": "a \\"b\\"\\nc"}'],
    ['a space', '{ "replication_state": "failed", "failure_message": "a \\"b\\"\\nc"}'],
    ['a tab', '{\t"replication_state": "failed", "failure_message": "a \\"b\\"\\nc"}'],
    ['a newline', '{\n"replication_state": "failed", "failure_message": "a \\"b\\"\\nc"}'],
    ['a CRLF', '{\r\n"replication_state": "failed", "failure_message": "a \\"b\\"\\nc"}'],
    ['spaces and newlines', '{ \r\n\t "replication_state": "failed", "failure_message": "a \\"b\\"\\nc"}'],
  ])('decodes the escapes of a JSON report with %s before its first key', (_name, text) => {
    expect(parseOrchestratorMessage(text)).toEqual({ state: 'failed', failureMessage: 'a "b"\nc', extra: {} });
  });
});

describe('parseOrchestratorMessage: jq lines that are not valid JSON', () => {
  it('reads a jq line missing its closing quote after an invalid escape', () => {
    expect(parseOrchestratorMessage(`"{'replication_state':'running', 'message': 'a\\qb'}`)).toEqual({ state: 'running', message: 'a\\qb', extra: {} });
  });
});

describe('parseOrchestratorMessage: where a dict starts', () => {
  it('is no report when the text starts in the middle of a dict', () => {
    expect(parseOrchestratorMessage(", 'replication_state': 'running'}")).toBeUndefined();
  });
});

describe('parseOrchestratorMessage: values of the dict form', () => {
  it('reads a list value and the keys after it', () => {
    expect(parseOrchestratorMessage("{'replication_state':'running', 'tables': ['a', 'b'], 'message': 'm'}")).toEqual({
      state: 'running',
      message: 'm',
      extra: { tables: "['a', 'b']" },
    });
  });

  it('reads a nested dict value and the keys after it', () => {
    expect(parseOrchestratorMessage("{'replication_state':'running', 'stats': {'rows': 1}, 'message': 'm'}")).toEqual({
      state: 'running',
      message: 'm',
      extra: { stats: "{'rows': 1}" },
    });
  });

  it('reads a literal with spaces before the next comma', () => {
    expect(parseOrchestratorMessage("{'replication_state':'running', 'count': 5 , 'message': 'm'}")).toEqual({
      state: 'running',
      message: 'm',
      extra: { count: '5' },
    });
  });

  it('is no report when the state is left empty before the next key', () => {
    expect(parseOrchestratorMessage("{'replication_state': , 'message': 'm'}")).toBeUndefined();
  });

  it('keeps a message that starts with a lone quote and what looks like a key', () => {
    expect(parseOrchestratorMessage("{'replication_state':'failed', 'message': ', 'x': 'y'}")).toEqual({
      state: 'failed',
      message: ", 'x': 'y",
      extra: {},
    });
  });
});
