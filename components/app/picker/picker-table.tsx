import { Box } from 'ink';
import { memo, type ReactNode } from 'react';
import { cellWidth, cutCells, fitCells } from '../../text/cells.js';
import { statusToken } from '../../panes/header/header.js';
import { Line, type Span } from '../../panes/line.js';
import { ageText } from '../../panes/time-text.js';
import type { PickerRow } from './picker-rows.js';

export interface PickerTableProps {
  /** The rows in the order shown. */
  readonly rows: readonly PickerRow[];
  /** Index of the row under the cursor. */
  readonly cursor: number;
  /** The fleet's clock time, epoch ms: the age of each last change. */
  readonly now: number;
  /** Cells wide. */
  readonly width: number;
  /** Rows tall, the column heading included: the table never draws more. */
  readonly height: number;
}

interface Column {
  readonly title: string;
  readonly cells: number;
  readonly align: 'left' | 'right';
  readonly cell: (row: PickerRow, now: number) => Span;
}

const BAR = 6;

function loadSpan(row: PickerRow): Span {
  if (row.load === undefined) return { text: '-', token: 'text.dim' };
  const p = Math.max(0, Math.min(100, row.load));
  const filled = Math.round((BAR * p) / 100);
  return { text: `${'█'.repeat(filled)}${'░'.repeat(BAR - filled)} ${String(Math.round(p))}%`, token: p >= 100 ? 'status.ok' : 'status.transitional' };
}

/* Left to right; narrower tables drop them from the end of this list first: load, DCUs, type. */
const STATUS: Column = { title: 'STATUS', cells: 22, align: 'left', cell: (r) => ({ text: r.status, token: statusToken(r.status), bold: r.status === 'failed' }) };
const TYPE: Column = { title: 'TYPE', cells: 17, align: 'left', cell: (r) => ({ text: r.type ?? '-', token: 'text.dim' }) };
const DCU: Column = { title: 'DCU', cells: 4, align: 'right', cell: (r) => ({ text: r.dcu === undefined ? '-' : String(r.dcu) }) };
const LOAD: Column = { title: 'FULL LOAD', cells: BAR + 5, align: 'left', cell: loadSpan };
const CHANGED: Column = { title: 'CHANGED', cells: 7, align: 'right', cell: (r, now) => ({ text: ageText(r.changedAt, now), token: 'text.dim' }) };

const MARK = 2;
const GAP = 2;
const NAME_MIN = 16;

/** The columns that fit next to a name of at least NAME_MIN cells. */
function columnsFor(width: number): readonly Column[] {
  const all = [STATUS, TYPE, DCU, LOAD, CHANGED];
  for (const drop of [[], [LOAD], [LOAD, DCU], [LOAD, DCU, TYPE], [LOAD, DCU, TYPE, CHANGED]]) {
    const kept = all.filter((c) => !drop.includes(c));
    const used = MARK + kept.reduce((n, c) => n + c.cells + GAP, 0);
    if (width - used >= NAME_MIN) return kept;
  }
  return [STATUS];
}

/** One row's spans: every cell padded or cut to its column, the last one cut to what is left. */
function rowSpans(mark: Span, name: Span, cells: readonly Span[], columns: readonly Column[], nameCells: number, width: number): Span[] {
  const out: Span[] = [mark, { ...name, text: fitCells(name.text, nameCells) }];
  columns.forEach((c, i) => {
    const cell = cells[i];
    if (cell !== undefined) out.push({ text: ' '.repeat(GAP) }, { ...cell, text: fitCells(cell.text, c.cells, c.align) });
  });
  // A guard only: the columns add up to the width by construction.
  let left = width;
  return out.map((s) => {
    const text = cutCells(s.text, Math.max(0, left));
    left -= cellWidth(text);
    return { ...s, text };
  });
}

/**
 * Every replication of the region as a table: name, status in its colour,
 * type, DCUs, full-load progress and the age of its last change; the row
 * under the cursor marked and shown inverse (so it reads without colour).
 * Only the rows that fit are drawn, the cursor's always among them.
 */
function PickerTableView({ rows, cursor, now, width, height }: PickerTableProps): ReactNode {
  const h = Math.max(0, Math.floor(height));
  const columns = columnsFor(width);
  const nameCells = Math.max(0, width - MARK - columns.reduce((n, c) => n + c.cells + GAP, 0));
  const lines: Span[][] = [];
  if (h > 0) {
    lines.push(rowSpans({ text: ' '.repeat(MARK) }, { text: 'NAME', token: 'text.dim', bold: true }, columns.map((c) => ({ text: c.title, token: 'text.dim', bold: true })), columns, nameCells, width));
    const visible = h - 1;
    // The cursor's row stays in view, half a page from the edge when it can.
    const top = Math.max(0, Math.min(cursor - Math.floor(visible / 2), rows.length - visible));
    for (let i = top; i < Math.min(rows.length, top + visible); i++) {
      const row = rows[i];
      if (row === undefined) continue;
      const here = i === cursor;
      lines.push(
        rowSpans(
          { text: here ? '▶ ' : '  ', token: 'text.accent', bold: true },
          { text: row.name, bold: here, inverse: here },
          columns.map((c) => c.cell(row, now)),
          columns,
          nameCells,
          width,
        ),
      );
    }
  }
  return (
    <Box flexDirection="column" width={width} height={h} overflowY="hidden">
      {lines.map((spans, i) => (
        <Line key={i} spans={spans} width={width} />
      ))}
    </Box>
  );
}

export const PickerTable = memo(PickerTableView);
