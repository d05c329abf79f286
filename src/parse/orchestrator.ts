/**
 * DMS Serverless orchestrator state reports, the messages of stream
 * `dms-serverless-replication-orchestrator-<id>`:
 *
 *     {'replication_state':'failed', 'message': '...', 'failure_message': 'Test connection failed for endpoint 'x' and ...''}
 *
 * This is Python-dict text, not JSON, and DMS does not escape its values:
 * nested single quotes, newlines and double quotes occur inside them
 * (guide/facts.md, "DMS Serverless"). So a value is not read up to "the
 * closing quote" but up to the next `, 'key':` boundary (or the final `}`),
 * and a boundary only counts where the value before it closes its quote.
 */

export interface OrchestratorReport {
  /** The `replication_state` value as DMS wrote it; any value is a valid state. */
  readonly state: string;
  readonly message?: string;
  readonly failureMessage?: string;
  /** Every other key the message carried, values as text (`None`/`null` left out). */
  readonly extra: Readonly<Record<string, string>>;
}

const STATE_KEY = 'replication_state';

/** A key with its quotes and colon, anchored at the `{` or `,` before it. Linear: each alternative fails on one character. */
const KEY_AT = /[{,]\s*(['"])([A-Za-z_][A-Za-z0-9_]*)\1\s*:/gy;
const KEY_AFTER_COMMA = /,\s*(['"])([A-Za-z_][A-Za-z0-9_]*)\1\s*:/g;

type FieldValue = string | undefined;

/**
 * Reads one orchestrator state report, in Python-dict form, JSON form, or
 * either wrapped once more in a JSON string literal as `jq` prints it.
 * Returns undefined for anything that is not a state report; never throws.
 */
export function parseOrchestratorMessage(text: string): OrchestratorReport | undefined {
  if (!text.includes(STATE_KEY)) return undefined;
  let body = text.trim();
  if (body.startsWith('"')) {
    const unwrapped = unwrapJsonString(body);
    if (unwrapped === undefined) return undefined;
    body = unwrapped.trim();
  }
  if (!body.startsWith('{') || !body.endsWith('}')) return undefined;
  const fields = (looksLikeJson(body) ? parseJsonObject(body) : undefined) ?? parseDictText(body);
  return fields === undefined ? undefined : toReport(fields);
}

/** `"{'replication_state': ...}"` as `jq .events[].message` prints it: decode the string literal. */
function unwrapJsonString(body: string): string | undefined {
  if (body.length < 2 || !body.endsWith('"')) return undefined;
  try {
    const decoded: unknown = JSON.parse(body);
    return typeof decoded === 'string' ? decoded : undefined;
  } catch {
    // Not valid JSON (pasted by hand, say): take the text between the quotes.
    return body.slice(1, -1);
  }
}

function looksLikeJson(body: string): boolean {
  for (let i = 1; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 0x22) return true;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return false;
}

function parseJsonObject(body: string): Map<string, FieldValue> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const fields = new Map<string, FieldValue>();
  for (const [key, value] of Object.entries(parsed)) fields.set(key, jsonValueText(value));
  return fields;
}

function jsonValueText(value: unknown): FieldValue {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

interface KeyMatch {
  readonly key: string;
  /** Index of the `,` that starts the boundary. */
  readonly boundary: number;
  /** Index just after the `:`. */
  readonly valueStart: number;
}

function parseDictText(body: string): Map<string, FieldValue> | undefined {
  KEY_AT.lastIndex = 0;
  const first = KEY_AT.exec(body);
  if (first?.[2] === undefined) return undefined;
  const keys: KeyMatch[] = [{ key: first[2], boundary: 0, valueStart: first[0].length }];
  KEY_AFTER_COMMA.lastIndex = first[0].length;
  for (let m = KEY_AFTER_COMMA.exec(body); m !== null; m = KEY_AFTER_COMMA.exec(body)) {
    if (m[2] !== undefined) keys.push({ key: m[2], boundary: m.index, valueStart: m.index + m[0].length });
  }

  const fields = new Map<string, FieldValue>();
  const end = body.length - 1; // the final `}`
  let current = keys[0];
  for (let k = 1; current !== undefined; k++) {
    const candidate = keys[k];
    if (candidate !== undefined && !isBoundary(body, current.valueStart, candidate)) continue;
    const valueEnd = candidate?.boundary ?? end;
    fields.set(current.key, dictValueText(body, current.valueStart, valueEnd));
    current = candidate;
  }
  return fields;
}

function skipSpaceForward(s: string, from: number, to: number): number {
  let i = from;
  while (i < to && isSpace(s.charCodeAt(i))) i++;
  return i;
}

function skipSpaceBackward(s: string, from: number, to: number): number {
  let i = to;
  while (i > from && isSpace(s.charCodeAt(i - 1))) i--;
  return i;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isQuote(c: number): boolean {
  return c === 0x27 || c === 0x22;
}

/**
 * Whether a `, 'key':` found inside the text really separates two values:
 * the value before it closes its quote right before the comma, and a value
 * that can be one follows the colon (a quote, a bracket, or a literal).
 * Otherwise it is text inside a value, such as `it said 'x', 'y': then`.
 */
function isBoundary(s: string, currentStart: number, candidate: KeyMatch): boolean {
  return closesValue(s, currentStart, candidate.boundary) && startsValue(s, candidate.valueStart);
}

/** Python and JSON literals an unquoted value may be. */
const LITERAL = /^(?:None|True|False|null|true|false|-?\d{1,20}(?:\.\d{1,20})?(?:[eE][+-]?\d{1,4})?)$/;
const MAX_LITERAL_CHARS = 48;

function startsValue(s: string, start: number): boolean {
  const first = skipSpaceForward(s, start, s.length);
  const c = s.charCodeAt(first);
  if (isQuote(c) || c === 0x7b /* { */ || c === 0x5b /* [ */) return true;
  let end = first;
  const limit = Math.min(s.length, first + MAX_LITERAL_CHARS);
  while (end < limit && s.charCodeAt(end) !== 0x2c /* , */ && s.charCodeAt(end) !== 0x7d /* } */) end++;
  return LITERAL.test(s.slice(first, end).trimEnd());
}

function closesValue(s: string, start: number, boundary: number): boolean {
  const first = skipSpaceForward(s, start, boundary);
  const last = skipSpaceBackward(s, first, boundary);
  if (first >= last) return true;
  const open = s.charCodeAt(first);
  if (!isQuote(open)) return true;
  return last - first >= 2 && s.charCodeAt(last - 1) === open;
}

function dictValueText(s: string, start: number, end: number): FieldValue {
  const first = skipSpaceForward(s, start, end);
  const last = skipSpaceBackward(s, first, end);
  if (first >= last) return '';
  const open = s.charCodeAt(first);
  if (isQuote(open)) {
    // A value runs to the last quote before its boundary; a cut message has none.
    const closed = last - first >= 2 && s.charCodeAt(last - 1) === open;
    return s.slice(first + 1, closed ? last - 1 : last);
  }
  const literal = s.slice(first, last);
  if (literal === 'None' || literal === 'null') return undefined;
  if (literal === 'True') return 'true';
  if (literal === 'False') return 'false';
  return literal;
}

function toReport(fields: ReadonlyMap<string, FieldValue>): OrchestratorReport | undefined {
  const state = fields.get(STATE_KEY)?.trim();
  if (state === undefined || state === '') return undefined;
  const message = fields.get('message');
  const failureMessage = fields.get('failure_message');
  const extra: Record<string, string> = {};
  for (const [key, value] of fields) {
    if (value !== undefined && key !== STATE_KEY && key !== 'message' && key !== 'failure_message') extra[key] = value;
  }
  return {
    state,
    ...(message !== undefined && message !== '' ? { message } : {}),
    ...(failureMessage !== undefined && failureMessage !== '' ? { failureMessage } : {}),
    extra,
  };
}
