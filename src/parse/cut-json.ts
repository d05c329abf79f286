/**
 * JSON cut short. CloudWatch Logs truncates an event larger than its
 * event size quota (CloudWatch Logs quotas, "Event size": 1 MB, 256 KB
 * before April 2025), dms-live keeps no more than that of an event
 * (src/parse/event-size.ts), and people paste the first part of a long
 * line: a state report can end in
 * the middle of a string, an object or an escape. These helpers close what
 * the cut left open so that `JSON.parse` reads the part that arrived.
 */

/** Where a scan of JSON text ended. */
interface ScanEnd {
  /** The outermost value closed before the end: the text is not cut (it may still be invalid). */
  readonly complete: boolean;
  /** The text ends inside a string. */
  readonly inString: boolean;
  /** How much of the text to keep: all of it, less an escape the cut left dangling (`\`, `\u00`). */
  readonly keep: number;
  /** The closing brackets still owed, innermost first. */
  readonly closers: string;
  /** The last `,` between two members of the outermost object, or -1. */
  readonly lastTopComma: number;
}

const BACKSLASH = 0x5c;
const QUOTE = 0x22;

/** Follows strings, escapes and brackets from the start; undefined for brackets that do not match. */
function scan(text: string): ScanEnd | undefined {
  const closers: string[] = [];
  let inString = false;
  let escapeAt = -1;
  let hexLeft = 0;
  let lastTopComma = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (hexLeft > 0) {
        hexLeft -= 1;
        if (hexLeft === 0) escapeAt = -1;
      } else if (escapeAt >= 0) {
        if (c === 0x75 /* u */) hexLeft = 4;
        else escapeAt = -1;
      } else if (c === BACKSLASH) {
        escapeAt = i;
      } else if (c === QUOTE) {
        inString = false;
        if (closers.length === 0) return { complete: true, inString, keep: text.length, closers: '', lastTopComma };
      }
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === 0x7b /* { */) closers.push('}');
    else if (c === 0x5b /* [ */) closers.push(']');
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (closers.pop() !== String.fromCharCode(c)) return undefined;
      if (closers.length === 0) return { complete: true, inString, keep: text.length, closers: '', lastTopComma };
    } else if (c === 0x2c /* , */ && closers.length === 1) lastTopComma = i;
  }
  return { complete: false, inString, keep: inString && escapeAt >= 0 ? escapeAt : text.length, closers: closers.reverse().join(''), lastTopComma };
}

/**
 * A JSON string literal (from its opening quote) that the cut left open,
 * closed: a dangling escape dropped and the quote added. Undefined when the
 * literal is not open at its end.
 */
export function closeCutString(literal: string): string | undefined {
  if (literal.charCodeAt(0) !== QUOTE) return undefined;
  const end = scan(literal);
  if (end === undefined || end.complete || !end.inString || end.closers !== '') return undefined;
  return `${literal.slice(0, end.keep)}"`;
}

export interface CutObject {
  /** The members that arrived. */
  readonly value: Readonly<Record<string, unknown>>;
  /** The member whose value the cut went through, which is therefore partial (undefined when the cut fell between members). */
  readonly cutKey: string | undefined;
}

/** The last character of a number or a literal (`true`, `null`) the cut may have gone through. */
const LITERAL_TAIL = /[0-9A-Za-z.+-]$/;

/**
 * Reads a JSON object whose end is missing: the members that arrived, the
 * last one as far as it goes (a string up to the cut), or without the last
 * one when it cannot be read (the cut fell inside its key or before its
 * value). Undefined when the text is no object, or not cut.
 */
export function parseCutJsonObject(text: string): CutObject | undefined {
  if (text.charCodeAt(0) !== 0x7b) return undefined;
  const end = scan(text);
  if (end === undefined || end.complete) return undefined;
  let head = text.slice(0, end.keep);
  if (end.inString) head += '"';
  head = head.trimEnd();
  const partial = end.inString || end.closers.length > 1 || LITERAL_TAIL.test(head);
  if (head.endsWith(',')) head = head.slice(0, -1);
  const whole = objectOf(head + end.closers);
  if (whole !== undefined) return { value: whole, cutKey: partial ? lastKey(whole) : undefined };
  if (end.lastTopComma < 0) return undefined;
  const before = objectOf(`${text.slice(0, end.lastTopComma)}}`);
  return before === undefined ? undefined : { value: before, cutKey: undefined };
}

function objectOf(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function lastKey(value: Readonly<Record<string, unknown>>): string | undefined {
  const keys = Object.keys(value);
  return keys[keys.length - 1];
}
