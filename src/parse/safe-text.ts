/**
 * Turns untrusted log text into one line that is safe to print to a terminal.
 *
 * Log messages come from databases and services we do not control: an ESC
 * byte would let them move the cursor, set the window title, write the
 * clipboard (OSC 52) or forge links (OSC 8); C1 controls do the same on
 * terminals that honour 8-bit CSI; bidi overrides reorder what the user
 * reads (Trojan Source, CVE-2021-42574). Each such code unit is shown as a
 * visible escape instead. The `raw` field of an event keeps the original.
 */

/** The longest line toSafeLine returns, marker included. */
export const SAFE_LINE_MAX_CHARS = 10_000;

/*
 * One test decides the fast path. With the `u` flag a well-formed surrogate
 * pair is one code point above U+FFFF, so only lone surrogates match the
 * range. U+2028/U+2029 (line and paragraph separators) are escaped too:
 * some renderers break lines at them, and the result must stay one line.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this regex's purpose
const NEEDS_ESCAPE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;

/**
 * True when `s` would come back from toSafeLine unchanged. Then so would any
 * piece of it cut at ASCII boundaries, which is how the PostgreSQL and DMS
 * task parsers take their fields: one test of the raw text spares one per
 * field.
 */
export function isSafeLine(s: string): boolean {
  return s.length <= SAFE_LINE_MAX_CHARS && !NEEDS_ESCAPE.test(s);
}

/** Room kept for the truncation marker, so the whole result stays within the cap. */
const MARKER_RESERVE = 48;

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The visible form of one UTF-16 code unit, or undefined when it may be printed as is. */
function escapeFor(code: number): string | undefined {
  if (code === 0x0a) return '\\n';
  if (code === 0x0d) return '\\r';
  if (code === 0x09) return ' ';
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `\\x${hex(code, 2)}`;
  if (code === 0x2028 || code === 0x2029) return `\\u${hex(code, 4)}`;
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return `\\u${hex(code, 4)}`;
  return undefined;
}

function truncationMarker(cutChars: number): string {
  return `… [${cutChars} more characters cut]`;
}

/**
 * Returns `s` as one terminal-safe line: C0 controls, DEL, C1 controls, bidi
 * overrides and isolates and lone surrogates become visible escapes (`\x1b`,
 * `\u202e`), a newline becomes the two characters `\n`, a carriage return
 * `\r`, a tab a space. Results longer than {@link SAFE_LINE_MAX_CHARS} are
 * cut, ending in a marker that says how many input characters were left out.
 * Never throws; strings that need nothing come back unchanged.
 */
export function toSafeLine(s: string): string {
  if (s.length <= SAFE_LINE_MAX_CHARS && !NEEDS_ESCAPE.test(s)) return s;
  return escapeSlow(s);
}

function escapeSlow(s: string): string {
  const whole = escapeWithin(s, SAFE_LINE_MAX_CHARS);
  if (whole.consumed === s.length) return whole.text;
  // Too long: cut shorter, leaving room for the marker inside the cap.
  const cut = escapeWithin(s, SAFE_LINE_MAX_CHARS - MARKER_RESERVE);
  return cut.text + truncationMarker(s.length - cut.consumed);
}

/** Escapes `s` from its start until the output would pass `limit` characters; never splits a pair or an escape. */
function escapeWithin(s: string, limit: number): { readonly text: string; readonly consumed: number } {
  const parts: string[] = [];
  let outLength = 0;
  let chunkStart = 0;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const code = s.charCodeAt(i);
    let escaped = escapeFor(code);
    let width = 1;
    if (escaped === undefined && isHighSurrogate(code)) {
      if (i + 1 < n && isLowSurrogate(s.charCodeAt(i + 1))) width = 2;
      else escaped = `\\u${hex(code, 4)}`;
    } else if (escaped === undefined && isLowSurrogate(code)) {
      escaped = `\\u${hex(code, 4)}`;
    }
    const addedLength = escaped === undefined ? width : escaped.length;
    if (outLength + addedLength > limit) break;
    if (escaped !== undefined) {
      if (i > chunkStart) parts.push(s.slice(chunkStart, i));
      parts.push(escaped);
      chunkStart = i + 1;
    }
    outLength += addedLength;
    i += width;
  }
  if (i > chunkStart) parts.push(s.slice(chunkStart, i));
  return { text: parts.join(''), consumed: i };
}
