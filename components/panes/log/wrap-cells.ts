import { cellWidth } from '../../text/cells.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Terminal-safe `text` broken into lines of at most `width` cells, between
 * graphemes, at most `maxLines` of them (the last one ends in `…` when text
 * was left over): a 10,000-character line costs only the rows it shows.
 */
export function wrapCells(text: string, width: number, maxLines: number): string[] {
  if (width <= 0 || maxLines <= 0) return [];
  const lines: string[] = [];
  let line = '';
  let cells = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = cellWidth(segment);
    if (cells + w > width) {
      if (lines.length === maxLines - 1) {
        lines.push(cutLast(line, cells, width));
        return lines;
      }
      lines.push(line);
      line = '';
      cells = 0;
    }
    line += segment;
    cells += w;
  }
  lines.push(line);
  return lines;
}

/** The last line, with room made for the `…` that says text was left out. */
function cutLast(line: string, cells: number, width: number): string {
  let head = line;
  let used = cells;
  while (used + 1 > width && head !== '') {
    const chars = [...graphemes.segment(head)];
    const last = chars[chars.length - 1]?.segment ?? '';
    head = head.slice(0, head.length - last.length);
    used -= cellWidth(last);
  }
  return `${head}…`;
}
