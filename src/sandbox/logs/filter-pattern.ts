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

function regexMatcher(source: string): MessageMatcher {
  let regex: RegExp;
  try {
    regex = new RegExp(source);
  } catch {
    throw logsInvalidParameter(`Invalid regular expression in filter pattern: %${source}%`);
  }
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
