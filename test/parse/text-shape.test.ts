import { describe, expect, it } from 'vitest';
import { sourceFromLocation, textShape } from '../../src/parse/source.js';

/** textShape: the first guess from a text's opening characters, before its parser has the last word. */
describe('textShape', () => {
  it.each([
    ['a dict', "{'replication_state':'running'}", 'orchestrator'],
    ['a jq line', `"{'replication_state':'running'}"`, 'orchestrator'],
    ['a dict after a few spaces and newlines', " \n {'replication_state':'running'}", 'orchestrator'],
    ['a PostgreSQL stamp', '2024-08-03 14:44:05 UTC::@:[1]:LOG:  x', 'postgres'],
    ['a task stamp', '2024-05-01T07:16:45 [SOURCE_CAPTURE  ]I:  x', 'task'],
    ...['0', '1', '8', '9', 'A', 'F', 'a', 'f'].map((c): [string, string, string] => [`a thread id starting ${c}`, `${c}1b2: 2024-05-01T07:16:45 [TASK_MANAGER    ]I:  x`, 'task']),
  ])('guesses %s', (_name, text, shape) => {
    expect(textShape(text)).toBe(shape);
  });

  it.each([
    ['a date with another separator', '2024-08-03X14:44:05'],
    ['a PostgreSQL stamp after a space', ' 2024-08-03 14:44:05 UTC::@:[1]:LOG:  x'],
    ['a thread id after a space', ' 1b2: x'],
    ['a dict after more than eight spaces', `${' '.repeat(9)}{'replication_state':'running'}`],
    ...['/', ':', '@', 'G', '`', 'g', 'z', ' '].map((c): [string, string] => [`text starting ${JSON.stringify(c)}`, `${c}1b2: x`]),
  ])('makes no guess for %s', (_name, text) => {
    expect(textShape(text)).toBeUndefined();
  });
});

describe('sourceFromLocation without a log group', () => {
  it.each([
    ['the orchestrator stream', 'dms-serverless-replication-orchestrator-ABC', 'dms'],
    ['a serverless task stream', 'dms-serverless-serv-res-id-ABC', 'dms-task'],
    ['a classic task stream', 'dms-task-ABC', 'dms-task'],
  ])('knows %s by its name', (_name, stream, source) => {
    expect(sourceFromLocation(undefined, stream)).toBe(source);
  });
});
