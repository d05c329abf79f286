/**
 * A few thousand generated records, from a seeded PRNG so any failure
 * reproduces: real lines, mutations of them, and random text, with random
 * log locations. Whatever comes in, the parse layer must not throw, must
 * keep the raw text, and must hand out only terminal-safe text in every
 * field but the exact ones (`raw`, `logGroup`, `logStream`, `message`,
 * `failureMessage`, `extra`, `connection.reason`: see DmsEvent), which
 * displays escape themselves.
 */
import { describe, expect, it } from 'vitest';
import type { DmsEvent, RawLogRecord } from '../../src/events/types.js';
import { parseTaskLine } from '../../src/parse/dms-task.js';
import { parseLogRecord } from '../../src/parse/log-record.js';
import { parseOrchestratorMessage } from '../../src/parse/orchestrator.js';
import { classifyPgConnection } from '../../src/parse/postgres-connection.js';
import { parsePgEntry } from '../../src/parse/postgres-entry.js';
import { SAFE_LINE_MAX_CHARS } from '../../src/parse/safe-text.js';
import { detectSource } from '../../src/parse/source.js';
import { pgEntries } from './fixture-entries.js';

const RECORDS = 4000;

/** mulberry32: small, fast, and the same sequence for the same seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REAL_LINES: readonly string[] = [
  ...pgEntries('postgres-rds-md5.log').map((entry) => entry.text),
  "{'replication_state':'initializing', 'message': 'Initializing the replication workflow.'}",
  `"{'replication_state':'testing_connection', 'message': 'Completed preparing resources for metadata collection.'}"`,
  "{'replication_state':'failed', 'message': 'Test connection failed for endpoint x.', 'failure_message': 'Test connection failed for endpoint 'x' and replication config 'y'. Failure Message: 'Error Details: [message=Unknown exception while calling 'Test endpoint' API, errType=, status=0, errMessage=, errDetails=]''}",
  '{"replication_state":"running","message":"m","capacity":4,"none":null}',
  '2024-05-01T07:16:45 [SOURCE_CAPTURE  ]E:  Failed to connect to database. [1020401]  (postgres_endpoint_capture.c:123)',
  '00012300: 2025-11-19T17:19:53:879024 [AT_GLOBAL       ]I:  Task Server Log Level is INFO  (at_logger.c:2770)',
  '2024-08-03 14:44:05 UTC:2001:db8::5(51234):dms@appdb:[42]:FATAL:  no pg_hba.conf entry for host "2001:db8::5", user "dms", database "appdb", SSL off',
];

/** Characters that matter to the parsers, and characters that must never reach a terminal. */
const NASTY = [
  "'", '"', '{', '}', ',', ':', '[', ']', '(', ')', '@', '\n', '\t', '\r', ' ', '\\', '=',
  '\x1b', '\x1b[31m', '\x1b]52;c;AAAA\x07', '\x00', '\x07', '\x7f', '\u0085', '\u009b', '\u202e', '\u2066', '\u2028',
  '\ud800', '\udfff', '🐘', 'None', 'replication_state', "'replication_state':", ':[1]:', 'FATAL:  ', 'UTC:', '2024-08-03 14:44:05 ',
];
const ALPHABET: readonly string[] = Array.from('abcXYZ0123456789 -_.:;/');

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function mutate(random: () => number, text: string): string {
  let out = text;
  const steps = 1 + Math.floor(random() * 4);
  for (let step = 0; step < steps; step++) {
    const at = Math.floor(random() * (out.length + 1));
    const choice = random();
    if (choice < 0.4) out = out.slice(0, at) + pick(random, NASTY) + out.slice(at);
    else if (choice < 0.6) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 8));
    else if (choice < 0.7) out = out.slice(0, at);
    else if (choice < 0.8) out = out.slice(at);
    else if (choice < 0.9) out = out.slice(0, at) + out.slice(Math.max(0, at - 12), at) + out.slice(at);
    else out = out.slice(0, at) + pick(random, REAL_LINES).slice(0, 30) + out.slice(at);
  }
  return out;
}

function randomText(random: () => number): string {
  const length = Math.floor(random() * 200);
  let out = '';
  while (out.length < length) out += random() < 0.3 ? pick(random, NASTY) : pick(random, ALPHABET);
  return out;
}

const LOCATIONS: readonly (readonly [string | undefined, string | undefined])[] = [
  [undefined, undefined],
  ['dms-serverless-replication-X', 'dms-serverless-replication-orchestrator-X'],
  ['dms-serverless-replication-X', 'dms-serverless-serv-res-id-1'],
  ['/aws/rds/instance/db/postgresql', 'db'],
  ['arn:aws:logs:eu-central-1:1:log-group:/aws/rds/cluster/c/postgresql:*', 'c-1'],
  ['dms-serverless-replication-X', 'other'],
  ['\x1bgroup', 'stream\n'],
];

function generate(random: () => number): RawLogRecord {
  const kind = random();
  const message = kind < 0.2 ? pick(random, REAL_LINES) : kind < 0.8 ? mutate(random, pick(random, REAL_LINES)) : randomText(random);
  const [logGroup, logStream] = pick(random, LOCATIONS);
  return {
    message,
    ...(random() < 0.5 ? { timestamp: Math.floor(random() * 2e12) } : {}),
    ...(logGroup !== undefined ? { logGroup } : {}),
    ...(logStream !== undefined ? { logStream } : {}),
    ...(random() < 0.2 ? { eventId: String(Math.floor(random() * 1e9)) } : {}),
  };
}

// eslint-disable-next-line no-control-regex -- the test looks for control characters
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;

/** The fields that carry text exactly as the log wrote it. */
const EXACT = new Set(['.raw', '.logGroup', '.logStream', '.message', '.failureMessage', '.extra', '.connection.reason']);

/** Every string in the event but the exact ones, with its path, for the safety check. */
function textFields(value: unknown, path: string, out: [string, string][]): [string, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (EXACT.has(`${path}.${key}`)) continue;
      out.push([`${path}.${key}#key`, key]);
      textFields(inner, `${path}.${key}`, out);
    }
  }
  return out;
}

describe('the parse layer on generated input', () => {
  const random = prng(0x5eed);
  const records = Array.from({ length: RECORDS }, () => generate(random));

  /** Problems are collected and compared once: an `expect` per field would make the run slow. */
  function problemsOf(record: RawLogRecord, kinds: Map<string, number>): string[] {
    let event: DmsEvent;
    try {
      event = parseLogRecord(record, 42);
    } catch (error) {
      return [`threw ${String(error)}`];
    }
    kinds.set(event.kind, (kinds.get(event.kind) ?? 0) + 1);
    const problems: string[] = [];
    if (event.raw !== record.message) problems.push('raw differs from message');
    if (event.text.length > SAFE_LINE_MAX_CHARS) problems.push(`text of ${event.text.length} characters`);
    if (!Number.isFinite(event.time)) problems.push(`time ${event.time}`);
    if (event.id === '') problems.push('empty id');
    for (const [path, text] of textFields(event, '', [])) {
      if (UNSAFE.test(text)) problems.push(`unsafe ${path} ${JSON.stringify(text)}`);
    }
    return problems.map((problem) => `${problem} from ${JSON.stringify(record)}`);
  }

  it('never throws, keeps raw, and hands out only safe text outside the exact fields', () => {
    const kinds = new Map<string, number>();
    const problems = records.flatMap((record) => problemsOf(record, kinds));
    expect(problems).toEqual([]);
    // The mix must exercise every parser, or the test proves little.
    expect([...kinds.keys()].sort()).toEqual(['connection', 'log', 'state', 'task']);
  });

  it('never throws from the single parsers either', () => {
    const thrown: string[] = [];
    for (const { message } of records) {
      try {
        parseOrchestratorMessage(message);
        parseTaskLine(message);
        detectSource({ message });
        const entry = parsePgEntry(message);
        if (entry !== undefined) classifyPgConnection(entry);
      } catch (error) {
        thrown.push(`${String(error)} from ${JSON.stringify(message)}`);
      }
    }
    expect(thrown).toEqual([]);
  });
});
