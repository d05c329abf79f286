/**
 * Padding and cutting by terminal cells, not by string length.
 *
 * Log text holds wide characters (CJK, most emoji: two cells for one
 * character), combining marks and joiner sequences (several code points, one
 * cell or two), so `text.length` and `padEnd` misalign columns and cut
 * characters in half. These helpers measure with `string-width`, which is
 * what Ink measures its layout with, and cut only between graphemes.
 *
 * Input must already be terminal-safe: one line with no control characters
 * or escape sequences, as `toSafeLine` (src/parse/safe-text.ts) makes it.
 * Widths of raw control characters are meaningless here (string-width counts
 * them as zero and strips ANSI sequences), so never pass raw log text.
 */
import stringWidth from 'string-width';

/** The mark left where text was cut; one cell wide. */
export const ELLIPSIS = '…';

/** Printable ASCII only: one cell per character, no graphemes to worry about. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** How many terminal cells `text` takes. */
export function cellWidth(text: string): number {
  if (PLAIN_ASCII.test(text)) return text.length;
  return stringWidth(text);
}

/**
 * The longest start of `text` that fits in `width` cells, cut between
 * graphemes, and the cells it takes.
 */
function headWithin(text: string, width: number): { head: string; cells: number } {
  if (PLAIN_ASCII.test(text)) {
    const head = text.slice(0, Math.max(0, width));
    return { head, cells: head.length };
  }
  let cells = 0;
  let end = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (cells + w > width) break;
    cells += w;
    end = index + segment.length;
  }
  return { head: text.slice(0, end), cells };
}

/**
 * `text` cut to at most `width` cells, ending in `…` when something was cut.
 * No padding: the result may be narrower than `width` (a wide character that
 * would straddle the edge is dropped whole). A width of 0 or less gives ''.
 */
export function cutCells(text: string, width: number): string {
  if (width <= 0) return '';
  if (cellWidth(text) <= width) return text;
  return headWithin(text, width - 1).head + ELLIPSIS;
}

/**
 * `text` cut (with `…`) and padded with spaces to exactly `width` cells, for
 * table columns. `align: 'right'` pads on the left (numbers); the cut always
 * keeps the start of the text. A width of 0 or less gives ''.
 * @param align @default 'left'
 */
export function fitCells(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const total = cellWidth(text);
  let body = text;
  let cells = total;
  if (total > width) {
    const { head, cells: headCells } = headWithin(text, width - 1);
    body = head + ELLIPSIS;
    cells = headCells + 1;
  }
  const pad = ' '.repeat(width - cells);
  return align === 'right' ? pad + body : body + pad;
}
