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

/*
 * string-width segments and tests every call's text with several Unicode
 * regexes, about a microsecond per character; a log pane measures the same
 * few hundred distinct graphemes over and over, so their widths are kept.
 * The bound keeps a flood of distinct graphemes from growing it for ever.
 */
const WIDTH_CACHE_MAX = 4096;
const widths = new Map<string, number>();

function graphemeWidth(grapheme: string): number {
  if (grapheme.length === 1) {
    const code = grapheme.charCodeAt(0);
    if (code >= 0x20 && code < 0x7f) return 1;
  }
  let width = widths.get(grapheme);
  if (width === undefined) {
    width = stringWidth(grapheme);
    if (widths.size >= WIDTH_CACHE_MAX) widths.clear();
    widths.set(grapheme, width);
  }
  return width;
}

/** How many terminal cells `text` takes. */
export function cellWidth(text: string): number {
  if (PLAIN_ASCII.test(text)) return text.length;
  let cells = 0;
  for (const { segment } of graphemes.segment(text)) cells += graphemeWidth(segment);
  return cells;
}

interface Cut {
  /** Everything fitted in `width` cells. */
  readonly whole: boolean;
  /** When not whole: the start that fits in `width - 1` cells (room for the ellipsis), and its cells. */
  readonly head: string;
  readonly cells: number;
}

/**
 * One pass over `text`, stopping as soon as it is wider than `width`. The
 * segmenter costs about a microsecond per character it is given, whether or
 * not the loop goes on, so it is given the text in growing chunks: a
 * 10,000-character line costs about what its first `width` cells cost.
 * Cuts only between graphemes.
 */
function cut(text: string, width: number): Cut {
  if (PLAIN_ASCII.test(text)) {
    if (text.length <= width) return { whole: true, head: text, cells: text.length };
    return { whole: false, head: text.slice(0, width - 1), cells: width - 1 };
  }
  let cells = 0;
  let headEnd = 0;
  let headCells = 0;
  let pos = 0;
  let chunk = Math.max(32, width * 2);
  for (;;) {
    const end = Math.min(text.length, pos + chunk);
    const last = end === text.length;
    let next = pos;
    for (const { segment, index } of graphemes.segment(text.slice(pos, end))) {
      const start = pos + index;
      // A chunk's last grapheme may go on past the chunk: measure it with the next one.
      if (!last && start + segment.length === end) break;
      cells += graphemeWidth(segment);
      if (cells > width) return { whole: false, head: text.slice(0, headEnd), cells: headCells };
      if (cells <= width - 1) {
        headEnd = start + segment.length;
        headCells = cells;
      }
      next = start + segment.length;
    }
    if (last) return { whole: true, head: text, cells };
    pos = next;
    chunk *= 2;
  }
}

/**
 * `text` cut to at most `width` cells, ending in `…` when something was cut.
 * No padding: the result may be narrower than `width` (a wide character that
 * would straddle the edge is dropped whole). A width of 0 or less gives ''.
 */
export function cutCells(text: string, width: number): string {
  if (width <= 0) return '';
  const result = cut(text, width);
  return result.whole ? text : result.head + ELLIPSIS;
}

/**
 * `text` cut (with `…`) and padded with spaces to exactly `width` cells, for
 * table columns. `align: 'right'` pads on the left (numbers); the cut always
 * keeps the start of the text. A width of 0 or less gives ''.
 * @param align @default 'left'
 */
export function fitCells(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const result = cut(text, width);
  const body = result.whole ? text : result.head + ELLIPSIS;
  const cells = result.whole ? result.cells : result.cells + 1;
  const pad = ' '.repeat(width - cells);
  return align === 'right' ? pad + body : body + pad;
}

/**
 * The end of `text` in at most `width` cells, starting with `…` when the
 * start was cut: what a prompt shows of a long text being typed. Meant for
 * short text (a prompt's), as it measures every grapheme.
 */
export function tailCells(text: string, width: number): string {
  if (width <= 0) return '';
  if (cellWidth(text) <= width) return text;
  const parts = Array.from(graphemes.segment(text), (s) => s.segment);
  let cells = 1;
  let i = parts.length;
  while (i > 0) {
    const w = graphemeWidth(parts[i - 1] ?? '');
    if (cells + w > width) break;
    cells += w;
    i -= 1;
  }
  return ELLIPSIS + parts.slice(i).join('');
}
