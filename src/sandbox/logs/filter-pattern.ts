import { RE2JS } from 're2js';
import { logsInvalidParameter } from '../http/aws-error.js';

export type MessageMatcher = (message: string) => boolean;

/**
 * The text part of CloudWatch Logs filter pattern syntax
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html):
 * terms must all appear (case-sensitive), `"quoted phrases"` are one term,
 * `?term` terms match when any one appears, `-term` excludes, and `%regex%`
 * is a regular expression. JSON (`{ $.x = ... }`) and space-delimited
 * (`[a, b]`) patterns are not emulated: they are an `InvalidParameterException`
 * naming the limitation, rather than a silent match-all.
 */
export function compileFilterPattern(pattern: string | undefined): MessageMatcher {
  if (pattern !== undefined && pattern.length > MAX_FILTER_PATTERN_CHARS) {
    throw logsInvalidParameter(
      `1 validation error detected: Value at 'filterPattern' failed to satisfy constraint: Member must have length less than or equal to ${MAX_FILTER_PATTERN_CHARS}`,
    );
  }
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.length > 2 && text.startsWith('%') && text.endsWith('%')) return regexMatcher(text.slice(1, -1));
  if (text.startsWith('{') || text.startsWith('[')) {
    throw logsInvalidParameter(`The sandbox supports text and %regex% filter patterns only, not: ${text}`);
  }
  const required: string[] = [];
  const anyOf: string[] = [];
  const excluded: string[] = [];
  for (const token of tokenize(text)) {
    if (token.startsWith('?') && token.length > 1) anyOf.push(token.slice(1));
    else if (token.startsWith('-') && token.length > 1) excluded.push(token.slice(1));
    else required.push(token);
  }
  return (message) =>
    required.every((t) => message.includes(t)) &&
    (anyOf.length === 0 || anyOf.some((t) => message.includes(t))) &&
    !excluded.some((t) => message.includes(t));
}

/** The API's limit on `filterPattern` and `logEventFilterPattern` (service model: FilterPattern, max 1024). */
export const MAX_FILTER_PATTERN_CHARS = 1024;

/**
 * The largest RE2 program a `%regex%` may compile to. RE2 matches in time
 * linear in the text, but the factor is the program's size: `.{1000}` five
 * times over (about 5,000 instructions) takes 0.6 s on one 256 KB message.
 * 2,000 keeps a FilterLogEvents scan of a full group (100,000 events) well
 * under a second while allowing every pattern CloudWatch documents.
 */
export const MAX_REGEX_PROGRAM_SIZE = 2000;

/**
 * `%regex%` runs on RE2 (re2js), whose matching time is linear in the text,
 * so no pattern can hang the sandbox the way `%(.|.)*#%` hangs a backtracking
 * engine. CloudWatch documents a narrower subset
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/regex-expressions.html,
 * "Supported regular expressions (regex) syntax"): letters, digits, the
 * symbols `: _ # = @ / ; , -`, the operators `^ $ ? [ ] { } | \ * + .`, no
 * `( )` groups and no multi-byte characters, at most 2 regexes per pattern.
 * The sandbox accepts everything RE2 parses (groups included), a superset of
 * that, and refuses what RE2 cannot do in linear time (backreferences,
 * lookaround) the way CloudWatch refuses a bad pattern: HTTP 400
 * `InvalidParameterException` "Invalid filter pattern".
 */
function regexMatcher(source: string): MessageMatcher {
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(source);
  } catch {
    throw logsInvalidParameter('Invalid filter pattern');
  }
  if (regex.programSize() > MAX_REGEX_PROGRAM_SIZE) throw logsInvalidParameter('Invalid filter pattern');
  return (message) => regex.test(message);
}

/** Splits on spaces, keeping `"quoted phrases"` (with an optional `?`/`-` before the quote) whole. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /([?-]?)"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[3] !== undefined) tokens.push(m[3]);
    else tokens.push(`${m[1] ?? ''}${(m[2] ?? '').replace(/\\(.)/g, '$1')}`);
  }
  return tokens;
}
