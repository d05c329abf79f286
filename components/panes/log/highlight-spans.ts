import type { ThemeToken } from '../../theme.js';
import type { Span } from '../line.js';

/**
 * `text` as spans, the parts matching any of `terms` (case-insensitive)
 * shown inverse. Text whose lower case changes length (a few Unicode
 * letters) is left unhighlighted rather than highlighted in the wrong place.
 */
export function highlightSpans(text: string, terms: readonly string[], token: ThemeToken | undefined): Span[] {
  const base = (t: string): Span => (token === undefined ? { text: t } : { text: t, token });
  if (terms.length === 0 || text === '') return [base(text)];
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return [base(text)];
  const marked = new Uint8Array(text.length);
  for (const term of terms) {
    const t = term.toLowerCase();
    if (t === '') continue;
    for (let at = lower.indexOf(t); at !== -1; at = lower.indexOf(t, at + t.length)) marked.fill(1, at, at + t.length);
  }
  const spans: Span[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marked[i] !== marked[start]) {
      const piece = text.slice(start, i);
      spans.push(marked[start] === 1 ? { ...base(piece), inverse: true } : base(piece));
      start = i;
    }
  }
  return spans;
}
