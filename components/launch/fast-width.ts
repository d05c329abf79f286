/**
 * The columns a text takes in a terminal, as string-width counts them, but
 * without its grapheme segmentation where it cannot matter.
 *
 * string-width (8.3) answers printable ASCII at once but sends any other
 * text through Intl.Segmenter and Unicode property tests, and nearly every
 * row of the dashboard has a border or a symbol (│ ─ ● ‖ …): Ink measuring
 * each text node of each frame with it was the largest cost left in a frame
 * (`npm run bench -- --only live --cpu-prof`). A text made only of the
 * characters below (ASCII, Latin-1 letters, punctuation, arrows, maths,
 * box drawing, geometric shapes, braille) is one column per character: none of them
 * joins another into a cluster, none is wide or zero-width
 * (test/components/launch/fast-width.test.ts checks each against
 * string-width). Any other text is string-width's to measure.
 *
 * scripts/build.mjs gives Ink this in place of string-width (its Output)
 * and widest-line (its measuring and its renderer).
 */
import stringWidth from 'string-width';

const ESC = '\u001b';
// Colours and styles (SGR), which take no columns; any other escape goes to string-width.
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');

/** Characters one column wide alone and beside each other. */
export const NARROW_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa1, 0xac],
  // U+00AD, the soft hyphen, takes no column.
  [0xae, 0xff],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x2190, 0x22ff],
  // U+25FD-U+25FF: emoji among the geometric shapes, two columns wide.
  [0x2500, 0x25fc],
  // U+26A0, U+2713, U+2717 (warning sign, check mark, ballot x) as text; followed by U+FE0F they are emoji, left to string-width.
  [0x26a0, 0x26a0],
  [0x2713, 0x2713],
  [0x2717, 0x2717],
  // Braille (the spinner).
  [0x2800, 0x28ff],
];

const hex = (n: number): string => `\\u${n.toString(16).padStart(4, '0')}`;
const NARROW = new RegExp(`^[${NARROW_RANGES.map(([a, b]) => `${hex(a)}-${hex(b)}`).join('')}]*$`);

/** Columns of `text` (styles ignored), exactly as string-width counts them. */
export default function fastWidth(text: string): number {
  const visible = text.includes(ESC) ? text.replace(SGR, '') : text;
  if (!visible.includes(ESC) && NARROW.test(visible)) return visible.length;
  return stringWidth(text);
}

/** The widest line of `text` (widest-line's contract, with `fastWidth`). */
export function widestLine(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, fastWidth(line));
  return widest;
}
