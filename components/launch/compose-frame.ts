/**
 * Ink's frame compositor (`Output.get()` in ink/build/output.js, Ink 6.8)
 * with a fast path for rows whose pieces sit side by side.
 *
 * Ink draws a frame by writing each text node's lines at their place, then
 * turning the whole screen into one object per cell (each line tokenized
 * into styled characters) and every row back into text. That per-cell work
 * was a third of the dashboard's busy time under a flood (`npm run bench --
 * --only live --cpu-prof`: ansi-tokenize, string-width), though nearly
 * every row is a few pieces that do not overlap: a border, a text, a
 * border. Such a row is the pieces joined with spaces between them, which
 * is what Ink's cells spell out. A row where pieces overlap (a dialog over
 * a pane), reach past either edge, or hold a character whose width Ink and
 * string-width count apart goes through Ink's per-cell path, as before.
 *
 * Operations are read exactly as Ink reads them: clips (a box with
 * overflow hidden) cut lines with slice-ansi; lines below the frame are
 * dropped, and so is a whole write that starts above it.
 */
import { styledCharsToString, type StyledChar } from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';

export interface Clip {
  readonly x1?: number;
  readonly x2?: number;
  readonly y1?: number;
  readonly y2?: number;
}

export type Transformer = (line: string, index: number) => string;

export type FrameOperation =
  | { readonly type: 'write'; readonly x: number; readonly y: number; readonly text: string; readonly transformers: readonly Transformer[] }
  | { readonly type: 'clip'; readonly clip: Clip }
  | { readonly type: 'unclip' };

/** The measuring Ink's `Output` does (its caches): styled characters, widths. */
export interface Measure {
  getStyledChars(line: string): StyledChar[];
  getStringWidth(text: string): number;
  getWidestLine(text: string): number;
}

interface Piece {
  readonly x: number;
  readonly line: string;
}

// A select graphic rendition sequence (colours, bold, ...): the only escapes chalk writes.
const ESC = '\u001b';
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
// Characters string-width counts as 0 columns and Ink's cells as 1 (string-width 8's zero-width clusters).
const ZERO_WIDTH = /[\p{Default_Ignorable_Code_Point}\p{Control}\p{Mark}\p{Surrogate}]/u;
/** The code that ends each SGR code that starts a style (ECMA-48; 38 and 48 take a colour after them). */
function endOf(param: number): number | undefined {
  if (param === 1 || param === 2) return 22;
  if (param === 3) return 23;
  if (param === 4 || param === 21) return 24;
  if (param === 5 || param === 6) return 25;
  if (param >= 7 && param <= 9) return param + 20;
  if ((param >= 30 && param <= 38) || (param >= 90 && param <= 97)) return 39;
  if ((param >= 40 && param <= 48) || (param >= 100 && param <= 107)) return 49;
  if (param === 53) return 55;
  return undefined;
}

const ENDS = new Set([22, 23, 24, 25, 27, 28, 29, 39, 49, 55]);

/** Whether the line's SGR codes leave no style open at its end (undefined: a code this does not know). */
function closesItsStyles(codes: readonly string[]): boolean {
  const open = new Set<number>();
  for (const code of codes) {
    const params = code.slice(2, -1).split(';');
    for (let i = 0; i < params.length; i++) {
      const param = params[i] === '' ? 0 : Number(params[i]);
      if (param === 0) {
        open.clear();
      } else if (ENDS.has(param)) {
        open.delete(param);
      } else {
        const end = endOf(param);
        if (end === undefined) return false;
        open.add(end);
        // An extended colour: 5;n or 2;r;g;b.
        if (param === 38 || param === 48) i += params[i + 1] === '5' ? 2 : params[i + 1] === '2' ? 4 : params.length;
      }
    }
  }
  return open.size === 0;
}

/** Whether a line can be placed as text: its columns as Ink counts them, or undefined when only cells can place it. */
function plainWidth(line: string, measure: Measure): number | undefined {
  const codes = line.match(SGR);
  const visible = codes === null ? line : line.replace(SGR, '');
  if (visible.includes(ESC) || ZERO_WIDTH.test(visible)) return undefined;
  if (codes !== null && !closesItsStyles(codes)) return undefined;
  return measure.getStringWidth(line);
}

/** The frame as text, as Ink's `Output.get()` returns it. */
export function composeFrame(width: number, height: number, operations: readonly FrameOperation[], measure: Measure): { output: string; height: number } {
  const rows: Piece[][] = Array.from({ length: height }, () => []);
  const clips: Clip[] = [];
  for (const operation of operations) {
    if (operation.type === 'clip') {
      clips.push(operation.clip);
      continue;
    }
    if (operation.type === 'unclip') {
      clips.pop();
      continue;
    }
    let { x, y } = operation;
    let lines = operation.text.split('\n');
    const clip = clips.at(-1);
    if (clip !== undefined) {
      const clipH = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
      const clipV = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
      if (clipH && (x + measure.getWidestLine(operation.text) < (clip.x1 ?? 0) || x > (clip.x2 ?? 0))) continue;
      if (clipV && (y + lines.length < (clip.y1 ?? 0) || y > (clip.y2 ?? 0))) continue;
      if (clipH) {
        const x1 = clip.x1 ?? 0;
        const x2 = clip.x2 ?? 0;
        lines = lines.map((line) => {
          const from = x < x1 ? x1 - x : 0;
          const lineWidth = measure.getStringWidth(line);
          const to = x + lineWidth > x2 ? x2 - x : lineWidth;
          return sliceAnsi(line, from, to);
        });
        if (x < x1) x = x1;
      }
      if (clipV) {
        const y1 = clip.y1 ?? 0;
        const y2 = clip.y2 ?? 0;
        const from = y < y1 ? y1 - y : 0;
        const to = y + lines.length > y2 ? y2 - y : lines.length;
        lines = lines.slice(from, to);
        if (y < y1) y = y1;
      }
    }
    for (const [index, raw] of lines.entries()) {
      // Ink stops at the first line outside the frame (its row is missing) and draws none after it.
      const row = rows[y + index];
      if (row === undefined) break;
      let line = raw;
      for (const transform of operation.transformers) line = transform(line, index);
      row.push({ x, line });
    }
  }
  return { output: rows.map((pieces) => composeRow(pieces, width, measure)).join('\n'), height };
}

/** One row: its pieces joined with spaces where they sit side by side, else Ink's cells. */
function composeRow(pieces: readonly Piece[], width: number, measure: Measure): string {
  if (pieces.length === 0) return '';
  const placed: { x: number; line: string; width: number }[] = [];
  for (const piece of pieces) {
    if (piece.line === '') continue;
    const w = plainWidth(piece.line, measure);
    if (w === undefined || piece.x < 0 || piece.x + w > width) return cellRow(pieces, width, measure);
    placed.push({ x: piece.x, line: piece.line, width: w });
  }
  placed.sort((a, b) => a.x - b.x);
  let text = '';
  let column = 0;
  for (const p of placed) {
    if (p.x < column) return cellRow(pieces, width, measure);
    text += ' '.repeat(p.x - column) + p.line;
    column = p.x + p.width;
  }
  return text.trimEnd();
}

/** One row as Ink builds it: a cell per column, each piece's styled characters written over them in order. */
function cellRow(pieces: readonly Piece[], width: number, measure: Measure): string {
  const cells: (StyledChar | undefined)[] = [];
  for (let x = 0; x < width; x++) cells.push({ type: 'char', value: ' ', fullWidth: false, styles: [] });
  for (const { x, line } of pieces) {
    let offsetX = x;
    for (const character of measure.getStyledChars(line)) {
      cells[offsetX] = character;
      const characterWidth = Math.max(1, measure.getStringWidth(character.value));
      for (let i = 1; i < characterWidth; i++) cells[offsetX + i] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
      offsetX += characterWidth;
    }
  }
  return styledCharsToString(cells.filter((c): c is StyledChar => c !== undefined)).trimEnd();
}
