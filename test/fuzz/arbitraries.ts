import fc from 'fast-check';
import type { RawLogRecord } from '../../src/events/types.js';

/**
 * Generators of hostile and almost-right input: text with every kind of
 * character a terminal acts on, and log lines in the three shapes dms-live
 * parses (RDS PostgreSQL, the DMS orchestrator's Python dict, DMS task
 * lines) with their parts replaced by such text.
 */

/** Characters that break parsers or terminals: controls, escapes, bidi, lone surrogates, quotes, delimiters. */
const NASTY = [
  '\x00', '\x07', '\x08', '\t', '\n', '\r', '\x1b', '\x1b[2J', '\x1b]0;title\x07', '\x1b]52;c;aGk=\x07', '\x7f', '\x80', '\x9b',
  '\u2028', '\u202e', '\u2066', '\u200b', '\ufeff', '\ud800', '\udfff', '😀', 'é', '\\', '\\n', '\\u001b', '"', "'", '{', '}',
  '[', ']', ':', '@', '%', '$', '`', ' ', '  ', ',', '(', ')', '=',
];

const PLAIN = 'abcdefxyzABCXYZ0123456789 .-_/'.split('');

/** One "character" of hostile text. */
export const nastyUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PLAIN) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

export function nastyText(maxLength = 60): fc.Arbitrary<string> {
  return fc.string({ unit: nastyUnit, maxLength });
}

/** A part of a log line: usually what a real one holds, sometimes hostile. */
function part(typical: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof({ weight: 3, arbitrary: typical }, { weight: 1, arbitrary: nastyText(20) });
}

const digits = (n: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: n, maxLength: n });

const pgTime = part(fc.tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }))
  .map(([y, mo, d, h, mi]) => `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')} ${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(mi).padStart(2, '0')} UTC`));

const PG_LEVELS = ['LOG', 'FATAL', 'ERROR', 'PANIC', 'WARNING', 'DETAIL', 'HINT', 'STATEMENT', 'CONTEXT', 'NOTICE', 'INFO', 'DEBUG1'];

const PG_MESSAGES = [
  'connection received: host=10.0.0.75 port=48820',
  'connection authenticated: identity="dms" method=md5 (/rdsdbdata/config/pg_hba.conf:13)',
  'connection authorized: user=dms database=postgres SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)',
  'replication connection authorized: user=dms application_name=dms',
  'disconnection: session time: 0:00:00.019 user=dms database=postgres host=10.0.0.75 port=48820',
  'password authentication failed for user "dms"',
  'no pg_hba.conf entry for host "10.0.0.75", user "dms", database "postgres", no encryption',
  'database "x" does not exist',
  'checkpoint starting: time',
  'Password does not match for user "dms".\n\tConnection matched pg_hba.conf line 13: "host all all 0.0.0.0/0 md5"',
];

/** An RDS PostgreSQL entry: `%t:%r:%u@%d:[%p]:LEVEL:  message`, with hostile parts. */
export const pgLine: fc.Arbitrary<string> = fc
  .tuple(
    pgTime,
    part(fc.constantFrom('10.0.0.75(48820)', '', '[local]', '10.0.0.75')),
    part(fc.constantFrom('dms@postgres', '@', '[unknown]@[unknown]', 'dms@')),
    part(digits(4)),
    part(fc.constantFrom(...PG_LEVELS)),
    part(fc.constantFrom(...PG_MESSAGES)),
    fc.array(part(fc.constantFrom('\tDETAIL more', '\tcontinued', 'LINE 1: SELECT')), { maxLength: 2 }),
  )
  .map(([t, r, who, pid, level, message, more]) => [`${t}:${r}:${who}:[${pid}]:${level}:  ${message}`, ...more].join('\n'));

const STATES = ['initializing', 'testing_connection', 'running', 'failed', 'stopped', 'FAILED'];

/** The orchestrator's report: Python-dict text, values never escaped, sometimes cut short. */
export const orchestratorLine: fc.Arbitrary<string> = fc
  .tuple(part(fc.constantFrom(...STATES)), part(fc.constantFrom('Replication is running.', "Test 'x' failed", '')), fc.option(nastyText(40)), fc.option(fc.dictionary(fc.constantFrom('note', 'x', "a'b"), nastyText(10), { maxKeys: 2 })), fc.nat(120))
  .map(([state, message, failure, extra, cut]) => {
    const more = Object.entries(extra ?? {}).map(([k, v]) => `, '${k}': '${v}'`).join('');
    const text = `{'replication_state':'${state}', 'message': '${message}'${failure === null ? '' : `, 'failure_message': '${failure}'`}${more}}`;
    return cut > 100 ? text.slice(0, cut % text.length) : text;
  });

/** A DMS task log line: `2024-05-01T07:16:45 [COMPONENT       ]I:  text  (file.c:1)`. */
export const taskLine: fc.Arbitrary<string> = fc
  .tuple(
    part(fc.constant('2024-05-01T07:16:45')),
    part(fc.constantFrom('SOURCE_CAPTURE', 'TARGET_LOAD', 'TASK_MANAGER')),
    part(fc.constantFrom('I', 'E', 'W', 'D', 'T')),
    nastyText(40),
    fc.option(part(fc.constant('streamcomponent.c:3543'))),
  )
  .map(([t, component, level, text, source]) => `${t} [${component.padEnd(16)}]${level}:  ${text}${source === null ? '' : `  (${source})`}`);

/** Any log message: hostile text, JSON text, or one of the three log shapes. */
export const logMessage: fc.Arbitrary<string> = fc.oneof(nastyText(200), pgLine, orchestratorLine, taskLine, fc.json({ maxDepth: 2 }));

const LOCATIONS = [
  'dms-serverless-replication-OZRAVXDSNFCUTG5UZNI6HRDWVY',
  'dms-serverless-replication-orchestrator-OZRAVXDSNFCUTG5UZNI6HRDWVY',
  'dms-serverless-serv-res-id-abc',
  '/aws/rds/instance/db1/postgresql',
  'arn:aws:logs:eu-central-1:123456789012:log-group:/aws/rds/instance/db1/postgresql',
  'db1.0',
];

export const location: fc.Arbitrary<string | undefined> = fc.option(fc.oneof(fc.constantFrom(...LOCATIONS), nastyText(30)), { nil: undefined });

/** A record time: usual epoch milliseconds, or anything a file may hold instead. */
export const timestamp: fc.Arbitrary<number | undefined> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 4_102_444_800_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, Number.NaN, Infinity, -Infinity, -1, -1e15, 8.64e15, 8.64e15 + 1, 1e300, -0, 0.5) },
  { weight: 1, arbitrary: fc.double() },
);

export const rawRecord: fc.Arbitrary<RawLogRecord> = fc
  .record({ message: logMessage, logGroup: location, logStream: location, timestamp, eventId: fc.option(nastyText(10), { nil: undefined }) })
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as RawLogRecord);

/**
 * True when a terminal would print `text` as one inert line: no C0 control
 * (newline and tab included), DEL, C1 control, bidi override or isolate,
 * line or paragraph separator, and no lone surrogate. Written apart from
 * src/parse/safe-text.ts, so it checks that module instead of repeating it.
 */
export function isInertLine(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return false;
    if (c === 0x2028 || c === 0x2029 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** Splits `bytes` at random points: the same input as a stream may deliver it. */
export function chunked(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % (bytes.length + 1))))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let at = 0;
  for (const p of points) {
    out.push(bytes.subarray(at, p));
    at = p;
  }
  out.push(bytes.subarray(at));
  return out.filter((b) => b.length > 0);
}
