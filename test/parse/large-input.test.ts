/**
 * 1 MB lines: garbage, and lines that almost look like each format, built to
 * make a backtracking regex or a quadratic scan take forever. They must come
 * back quickly (measured ad hoc at a few ms to tens of ms each; no timing
 * assertion here, the test timeout is the backstop) with raw kept and text capped.
 */
import { describe, expect, it } from 'vitest';
import { parseLogRecord } from '../../src/parse/log-record.js';
import { SAFE_LINE_MAX_CHARS } from '../../src/parse/safe-text.js';

const MB = 1 << 20;
const PG_GROUP = '/aws/rds/instance/db/postgresql';

function garbage(length: number): string {
  let state = 7;
  const codes = new Uint16Array(length);
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    codes[i] = 32 + (state >>> 16) % 95;
  }
  return new TextDecoder('utf-16le').decode(codes);
}

/** name, message, expected kind, log group, expected text (`CUT`: capped with the marker). */
const CUT = 'cut';
const CASES: readonly (readonly [string, string, string, string | undefined, string])[] = [
  ['printable garbage', garbage(MB), 'log', undefined, CUT],
  ['a PostgreSQL prefix, then pid markers that never close', `2024-08-03 14:44:05 UTC:${':['.repeat(MB / 2)}`, 'log', undefined, CUT],
  ['a PostgreSQL prefix, then endless user@db segments', `2024-08-03 14:44:05 UTC:10.0.0.75(48820):${'a@b:[1'.repeat(MB / 6)}`, 'log', undefined, CUT],
  ['a PostgreSQL entry with a 1 MB message', `2024-08-03 14:44:05 UTC:10.0.0.75(48820):u@d:[1]:LOG:  ${'x'.repeat(MB)}`, 'log', undefined, CUT],
  ['a PostgreSQL entry with 100k continuation lines', `2024-08-03 14:44:05 UTC:10.0.0.75(48820):u@d:[1]:LOG:  x\n${'\tcont\n'.repeat(100_000)}`, 'log', undefined, CUT],
  ['a FATAL with a 1 MB DETAIL', `2024-08-03 14:44:05 UTC:10.0.0.75(48820):u@d:[1]:FATAL:  password authentication failed for user "u"\n2024-08-03 14:44:05 UTC:10.0.0.75(48820):u@d:[1]:DETAIL:  ${'d'.repeat(MB)}`, 'connection', undefined, CUT],
  ['a dict of endless almost-keys', `{'replication_state':'x', ${"'a': 'b, ".repeat(MB / 10)}}`, 'state', undefined, 'x'],
  ['a dict of endless real-looking keys', `{'replication_state': '${", 'k':".repeat(MB / 6)}'}`, 'state', undefined, CUT],
  ['a dict key followed by 1 MB of spaces', `{'replication_state':${' '.repeat(MB)}x`, 'log', undefined, CUT],
  ['a jq-wrapped state with a 1 MB message', JSON.stringify(`{'replication_state':'x', 'message': '${'m'.repeat(MB)}'}`), 'state', undefined, CUT],
  ['a dict cut inside a 1 MB failure message', `{'replication_state':'failed', 'failure_message': '${'x'.repeat(MB)}`, 'state', undefined, CUT],
  ['a cut dict of endless almost-keys', `{'replication_state':'x', ${", 'aaaa".repeat(MB / 7)}`, 'log', undefined, CUT],
  ['a JSON report 1 MB deep', `{"replication_state":"x","a":${'['.repeat(MB)}${']'.repeat(MB)}}`, 'state', undefined, 'x'],
  ['a JSON report cut 1 MB deep', `{"replication_state":"x","a":${'['.repeat(MB)}`, 'state', undefined, 'x…'],
  ['a JSON report cut inside 1 MB of escapes', `{"replication_state":"failed","failure_message":"${'\\u0041'.repeat(MB / 6)}`, 'state', undefined, CUT],
  ['a jq line cut inside 1 MB of escaped quotes', `"{'replication_state':'failed', 'failure_message': '${'\\"'.repeat(MB / 2)}`, 'state', undefined, CUT],
  ['a task prefix and an endless component', `2024-05-01T07:16:45 [${'A'.repeat(MB)}`, 'log', undefined, CUT],
  ['a task line with a 1 MB message', `2024-05-01T07:16:45 [X]E:  ${'t'.repeat(MB)}`, 'task', undefined, CUT],
  ['1 MB of escape sequences', '\x1b[31m'.repeat(MB / 5), 'log', undefined, CUT],
  ['1 MB of garbage in the PostgreSQL group', garbage(MB), 'log', PG_GROUP, CUT],
];

describe('1 MB lines', () => {
  it.each(CASES)('%s', (_name, message, kind, logGroup, text) => {
    const event = parseLogRecord({ message, ...(logGroup !== undefined ? { logGroup } : {}) }, 0);
    expect(event.kind).toBe(kind);
    expect(event.raw).toBe(message);
    expect(event.text.length).toBeLessThanOrEqual(SAFE_LINE_MAX_CHARS);
    if (text === CUT) expect(event.text).toMatch(/… \[\d+ more characters cut\]$/);
    else expect(event.text).toBe(text);
  });
});
