/**
 * DMS Serverless orchestrator state reports, the messages of stream
 * `dms-serverless-replication-orchestrator-<id>`:
 *
 *     {'replication_state':'failed', 'message': '...', 'failure_message': 'Test connection failed for endpoint 'x' and ...''}
 *
 * This is Python-dict text, not JSON, and DMS does not escape its values:
 * nested single quotes, newlines and double quotes occur inside them
 * (guide/src/FACTS.md, "DMS Serverless"). So a value is not read up to "the
 * closing quote" but up to the next `, 'key':` boundary (or the final `}`),
 * and a boundary only counts where the value before it closes its quote.
 *
 * A report cut short is still a report: CloudWatch truncates events over
 * its event size limit (1 MB, 256 KB before April 2025), dms-live keeps at
 * most that much (src/parse/event-size.ts), and people paste partial lines,
 * so a dict or a JSON object without its end yields what arrived, marked
 * `truncated`.
 */
import { closeCutString, parseCutJsonObject } from './cut-json.js';

export interface OrchestratorReport {
  /** The `replication_state` value as DMS wrote it; any value is a valid state. */
  readonly state: string;
  readonly message?: string;
  readonly failureMessage?: string;
  /** Every other key the message carried, values as text (`None`/`null` left out). */
  readonly extra: Readonly<Record<string, string>>;
  /** The report was cut short: its end is missing, and the last value read may be partial. */
  readonly truncated?: true;
}

const STATE_KEY = 'replication_state';

/** A key with its quotes and colon, anchored at the `{` or `,` before it. Linear: each alternative fails on one character. */
const KEY_AT = /[{,]\s*(['"])([A-Za-z_][A-Za-z0-9_]*)\1\s*:/gy;
const KEY_AFTER_COMMA = /,\s*(['"])([A-Za-z_][A-Za-z0-9_]*)\1\s*:/g;

type FieldValue = string | undefined;

/** The fields of one report as read, and whether (and where) it was cut. */
interface ReadFields {
  readonly fields: Map<string, FieldValue>;
  readonly truncated: boolean;
  /** The key whose value the cut went through: partial. */
  readonly cutKey?: string;
}

/**
 * Reads one orchestrator state report, in Python-dict form, JSON form, or
 * either wrapped once more in a JSON string literal as `jq` prints it.
 * Returns undefined for anything that is not a state report; never throws.
 */
export function parseOrchestratorMessage(text: string): OrchestratorReport | undefined {
  if (!text.includes(STATE_KEY)) return undefined;
  let body = text.trim();
  if (body.startsWith('"')) body = unwrapJsonString(body).trim();
  if (!body.startsWith('{')) return undefined;
  const read = (looksLikeJson(body) ? (parseJsonObject(body) ?? parseCutJson(body)) : undefined) ?? parseDictText(body);
  return read === undefined ? undefined : toReport(read);
}

/**
 * `"{'replication_state': ...}"` as `jq .events[].message` prints it: decode
 * the string literal, closing it first when the line was cut short.
 */
function unwrapJsonString(body: string): string {
  const decoded = decodeString(body);
  if (decoded !== undefined) return decoded;
  const closed = closeCutString(body);
  const decodedCut = closed === undefined ? undefined : decodeString(closed);
  if (decodedCut !== undefined) return decodedCut;
  // Not valid JSON (pasted by hand, say): take the text between the quotes.
  return body.length >= 2 && body.endsWith('"') ? body.slice(1, -1) : body.slice(1);
}

function decodeString(literal: string): string | undefined {
  try {
    const decoded: unknown = JSON.parse(literal);
    return typeof decoded === 'string' ? decoded : undefined;
  } catch {
    return undefined;
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

function parseJsonObject(body: string): ReadFields | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  return { fields: jsonFields(parsed), truncated: false };
}

/** A JSON report cut short: the members that arrived. */
function parseCutJson(body: string): ReadFields | undefined {
  const cut = parseCutJsonObject(body);
  if (cut === undefined) return undefined;
  return { fields: jsonFields(cut.value), truncated: true, ...(cut.cutKey !== undefined && { cutKey: cut.cutKey }) };
}

function jsonFields(object: object): Map<string, FieldValue> {
  const fields = new Map<string, FieldValue>();
  for (const [key, value] of Object.entries(object)) fields.set(key, jsonValueText(value));
  return fields;
}

function jsonValueText(value: unknown): FieldValue {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    // Nested deeper than JSON.stringify's recursion goes (JSON.parse has no such limit): left out, never thrown.
    return undefined;
  }
}

interface KeyMatch {
  readonly key: string;
  /** Index of the `,` that starts the boundary. */
  readonly boundary: number;
  /** Index just after the `:`. */
  readonly valueStart: number;
}

/** A `, 'key':` the cut left without its value, or a lone trailing comma: no part of the value before it. */
const CUT_KEY_TAIL = /,\s*(?:(['"])[A-Za-z0-9_]*(?:\1\s*(?::\s*)?)?)?$/;

/**
 * The dict form. Without its final `}` the report was cut: the value after
 * the last complete key runs to the cut. (With the `}` present, a last
 * value that never closes its quote is read to the `}`, as before: the
 * report's shape is whole.)
 */
function parseDictText(whole: string): ReadFields | undefined {
  const complete = whole.endsWith('}');
  const body = complete ? whole : whole.replace(CUT_KEY_TAIL, '');
  KEY_AT.lastIndex = 0;
  const first = KEY_AT.exec(body);
  if (first?.[2] === undefined) return undefined;
  const keys: KeyMatch[] = [{ key: first[2], boundary: 0, valueStart: first[0].length }];
  KEY_AFTER_COMMA.lastIndex = first[0].length;
  for (let m = KEY_AFTER_COMMA.exec(body); m !== null; m = KEY_AFTER_COMMA.exec(body)) {
    if (m[2] !== undefined) keys.push({ key: m[2], boundary: m.index, valueStart: m.index + m[0].length });
  }

  const fields = new Map<string, FieldValue>();
  const end = complete ? body.length - 1 : body.length; // before the final `}`, or at the cut
  let cutKey: string | undefined;
  let current = keys[0];
  for (let k = 1; current !== undefined; k++) {
    const candidate = keys[k];
    if (candidate !== undefined && !isBoundary(body, current.valueStart, candidate)) continue;
    const valueEnd = candidate?.boundary ?? end;
    fields.set(current.key, dictValueText(body, current.valueStart, valueEnd));
    if (candidate === undefined && !complete && isCutValue(body, current.valueStart, valueEnd)) cutKey = current.key;
    current = candidate;
  }
  return { fields, truncated: !complete, ...(cutKey !== undefined && { cutKey }) };
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

/**
 * Whether the cut went through the last value of a dict without its final
 * `}`: a quote it opens is not closed, or it is a bare literal (`Tru`, the
 * `1` of `16`) that may have gone on.
 */
function isCutValue(s: string, start: number, end: number): boolean {
  if (!closesValue(s, start, end)) return true;
  const first = skipSpaceForward(s, start, end);
  return first < end && !isQuote(s.charCodeAt(first));
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

function toReport({ fields, truncated, cutKey }: ReadFields): OrchestratorReport | undefined {
  // A state the cut went through (`'fail`) is no state to report.
  if (cutKey === STATE_KEY) return undefined;
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
    ...(truncated && { truncated: true as const }),
  };
}
