import { Box } from 'ink';
import { memo, useMemo, type ReactNode } from 'react';
import type { DmsEvent } from '../../../src/events/types.js';
import { formatCount } from '../../../src/output/format.js';
import { toSafeLine } from '../../../src/parse/safe-text.js';
import { selectLogWindow } from '../../../src/select/log-window.js';
import { cellWidth, cutCells, fitCells } from '../../text/cells.js';
import { Line, type Span } from '../line.js';
import { clockText } from '../time-text.js';
import { highlightSpans } from './highlight-spans.js';
import { SEVERITY_TOKEN, SOURCE_TAG, sourceToken, TAG_CELLS } from './log-line.js';
import { linesAfter } from './log-place.js';
import { logPlace, needsBelow, type LogPaneState } from './log-pane-state.js';
import { wrapCells } from './wrap-cells.js';

export interface LogPaneProps {
  /** The store's events, oldest first (EventStore.events(): a new array when they change). */
  readonly events: readonly DmsEvent[];
  /** Scroll, follow, wrap, highlights and filter (logPaneReducer). */
  readonly state: LogPaneState;
  /** Only this replication's lines (and those that name none). @default undefined (all) */
  readonly replication?: string;
  /** Cells wide. */
  readonly width: number;
  /** Rows tall, the status line included: the pane never draws more. */
  readonly height: number;
  /** Clock times in UTC rather than local time. @default false */
  readonly utc?: boolean;
}

const TIME = 9;

/**
 * The merged log, coloured by source and severity, with a status line
 * (follow or lines waiting, wrap, filter or its error, lines matched). Only
 * the visible window is selected and drawn (selectLogWindow). A paused view
 * is placed from the lines after its bottom line (logPlace), worked out
 * here as it is drawn: new lines cost one render, never a second one to
 * report them back. Event text is terminal-safe by the parser's contract
 * (src/events/types.ts).
 */
function LogPaneView({ events, state, replication, width, height, utc = false }: LogPaneProps): ReactNode {
  const h = Math.max(0, Math.floor(height));
  const rowsTall = Math.max(0, h - 1);
  const filter = useMemo(() => (replication === undefined ? state.filter : { ...state.filter, replication }), [state.filter, replication]);
  const counting = needsBelow(state);
  const below = useMemo(() => (counting ? linesAfter(events, filter, state.anchor) : 0), [counting, events, filter, state.anchor]);
  const place = logPlace(state, below);
  const window = useMemo(
    () => selectLogWindow(events, filter, { height: rowsTall, offsetFromEnd: place.offsetFromEnd }),
    [events, filter, rowsTall, place.offsetFromEnd],
  );

  const lines: Span[][] = [];
  if (rowsTall > 0) {
    const prefix = TIME + TAG_CELLS;
    const textCells = Math.max(0, width - prefix);
    // Newest first, so that wrapped lines fill the pane from the bottom up.
    const stack: Span[][][] = [];
    let used = 0;
    for (let i = window.rows.length - 1; i >= 0 && used < rowsTall; i--) {
      const event = window.rows[i];
      if (event === undefined) continue;
      const pieces = state.wrap && textCells > 0 ? wrapCells(event.text, textCells, rowsTall) : [cutCells(event.text, textCells)];
      const rendered = pieces.map((piece, j) => [
        ...(j === 0 ? head(event, width, utc, state.match !== undefined && (event === state.match || event.id === state.match.id)) : [{ text: ' '.repeat(Math.min(prefix, width)) }]),
        ...highlightSpans(piece, state.highlights, SEVERITY_TOKEN[event.severity]),
      ]);
      const room = rowsTall - used;
      stack.push(rendered.length > room ? rendered.slice(rendered.length - room) : rendered);
      used += Math.min(room, rendered.length);
    }
    for (let i = stack.length - 1; i >= 0; i--) lines.push(...(stack[i] ?? []));
    if (window.matched === 0) lines.push([{ text: cutCells(events.length === 0 ? 'No log lines yet.' : 'No line matches the filter.', width), token: 'text.dim' }]);
    // A blank row must hold a space: Ink gives an empty Text no height, and the status line would ride up.
    while (lines.length < rowsTall) lines.push([{ text: ' ' }]);
  }
  if (h > 0) lines.push(statusLine(state, place.waiting, window.matched, window.total, width));
  return (
    <Box flexDirection="column" width={width} height={h} overflowY="hidden">
      {lines.slice(0, h).map((spans, i) => (
        <Line key={i} spans={spans} width={width} />
      ))}
    </Box>
  );
}

export const LogPane = memo(LogPaneView);

/** Time and source tag; the time inverse on the line `n`/`N` moved to. */
function head(event: DmsEvent, width: number, utc: boolean, current: boolean): Span[] {
  return [
    current ? { text: fitCells(clockText(event.time, utc), Math.min(TIME, width)), token: 'text.accent', inverse: true } : { text: fitCells(clockText(event.time, utc), Math.min(TIME, width)), token: 'text.dim' },
    { text: fitCells(SOURCE_TAG[event.source], Math.max(0, Math.min(TAG_CELLS, width - TIME))), token: sourceToken(event) },
  ];
}

function statusLine(state: LogPaneState, waiting: number, matched: number, total: number, width: number): Span[] {
  const parts: Span[] = [];
  if (state.follow) parts.push({ text: '● follow', token: 'status.ok' });
  else if (waiting > 0) parts.push({ text: `‖ paused, ${formatCount(waiting)} new below`, token: 'status.warning', bold: true });
  else parts.push({ text: '‖ paused', token: 'status.warning' });
  if (state.wrap) parts.push({ text: '  wrap', token: 'text.dim' });
  if (state.highlights.length > 0) parts.push({ text: `  ${String(state.highlights.length)} highlighted`, token: 'text.accent' });
  if (state.filterError !== undefined) parts.push({ text: `  ${toSafeLine(state.filterError)}`, token: 'status.error' });
  else if (state.query !== '') parts.push({ text: `  filter ${toSafeLine(state.query)}`, token: 'text.accent' });
  const count = state.query === '' ? formatCount(total) : `${formatCount(matched)}/${formatCount(total)}`;
  const right = ` ${count} lines`;
  const rightCells = cellWidth(right);
  const out: Span[] = [];
  let left = Math.max(0, width - rightCells);
  for (const p of parts) {
    const text = cutCells(p.text, left);
    if (text === '') break;
    out.push({ ...p, text });
    left -= cellWidth(text);
  }
  out.push({ text: ' '.repeat(left) });
  if (width >= rightCells) out.push({ text: right, token: 'text.dim' });
  return out;
}
