import { Box } from 'ink';
import { memo, useMemo, type ReactNode } from 'react';
import { toSafeLine } from '../../../src/parse/safe-text.js';
import type { ConnectionAttempt } from '../../../src/select/connections.js';
import type { TimelineSegment } from '../../../src/select/timeline.js';
import { cellWidth, cutCells, fitCells } from '../../text/cells.js';
import type { ThemeToken } from '../../theme.js';
import { Line, type Span } from '../line.js';
import { visibleRange } from '../list-scroll.js';
import { clockText } from '../time-text.js';
import { attemptLabel, connectionRows, type AttemptLabel, type ConnectionRow } from './connection-rows.js';

export interface ConnectionPaneProps {
  /** The attempts (Summary.connections), oldest first. */
  readonly attempts: readonly ConnectionAttempt[];
  /** The timeline (Summary.timeline): its testing_connection states set DMS's test attempts apart. */
  readonly segments: readonly TimelineSegment[];
  /** Only this replication's testing_connection states count. @default undefined (all) */
  readonly replication?: string;
  /** Rows scrolled up from the newest (ListScrollState.offsetFromEnd). @default 0 */
  readonly offsetFromEnd?: number;
  /** Cells wide. */
  readonly width: number;
  /** Rows tall: the pane never draws more. */
  readonly height: number;
  /** Clock times in UTC rather than local time. @default false */
  readonly utc?: boolean;
}

const LABEL_TOKEN: Readonly<Record<AttemptLabel, ThemeToken>> = {
  ok: 'status.ok',
  pending: 'text.dim',
  'auth failed': 'status.error',
  refused: 'status.error',
  failed: 'status.error',
};

interface Columns {
  readonly endpoint: number;
  readonly who: number;
  readonly method: number;
}

/** Narrow panes drop the method, then who, before the outcome and the reason. */
function columnsFor(width: number): Columns {
  if (width >= 96) return { endpoint: 22, who: 22, method: 14 };
  if (width >= 72) return { endpoint: 22, who: 20, method: 0 };
  if (width >= 50) return { endpoint: 20, who: 0, method: 0 };
  return { endpoint: 0, who: 0, method: 0 };
}

const TIME = 8;
const OUTCOME = 11;

/**
 * PostgreSQL connection attempts, one row each (time, host:port,
 * user@database, method, outcome, reason), newest at the bottom; DMS's
 * attempts while it tested the connection under a heading of their own.
 */
function ConnectionPaneView({ attempts, segments, replication, offsetFromEnd = 0, width, height, utc = false }: ConnectionPaneProps): ReactNode {
  const rows = useMemo(() => connectionRows(attempts, segments, replication), [attempts, segments, replication]);
  const h = Math.max(0, Math.floor(height));
  const cols = columnsFor(width);
  const lines: Span[][] = [];
  if (h > 0 && rows.length === 0) lines.push([{ text: cutCells('No PostgreSQL connection seen yet.', width), token: 'text.dim' }]);
  const { start, end } = visibleRange(rows.length, h, offsetFromEnd);
  for (let i = start; i < end; i++) {
    const row = rows[i];
    if (row !== undefined) lines.push(rowSpans(row, cols, width, utc));
  }
  return (
    <Box flexDirection="column" width={width} height={h} overflowY="hidden">
      {lines.slice(0, h).map((spans, i) => (
        <Line key={i} spans={spans} width={width} />
      ))}
    </Box>
  );
}

export const ConnectionPane = memo(ConnectionPaneView);

function rowSpans(row: ConnectionRow, cols: Columns, width: number, utc: boolean): Span[] {
  if (row.kind === 'heading') {
    const title = cutCells(row.test ? `── DMS test connection, from ${clockText(row.time, utc)} ` : '── other connections ', width);
    const rule = '─'.repeat(Math.max(0, width - cellWidth(title)));
    return [{ text: title + rule, token: row.test ? 'text.accent' : 'text.dim', bold: row.test }];
  }
  const a = row.attempt;
  const label = attemptLabel(a);
  const spans: Span[] = [];
  let left = width;
  const take = (text: string, cells: number, token?: ThemeToken, bold?: boolean): void => {
    const n = Math.min(cells, Math.max(0, left));
    if (n <= 0) return;
    spans.push({ text: fitCells(text, n), ...(token !== undefined && { token }), ...(bold === true && { bold }) });
    left -= n;
  };
  take(clockText(a.start, utc), TIME + 1, 'text.dim');
  if (cols.endpoint > 0) take(endpoint(a), cols.endpoint + 1);
  // Safe by the parser's contract (src/events/types.ts); checked again because this is where text meets the terminal.
  if (cols.who > 0) take(toSafeLine(`${a.user ?? '?'}@${a.database ?? '?'}`), cols.who + 1);
  if (cols.method > 0) take(toSafeLine(a.method ?? ''), cols.method + 1, 'text.dim');
  take(label, OUTCOME + 1, LABEL_TOKEN[label], label !== 'ok' && label !== 'pending');
  if (a.reason !== undefined && left > 0) spans.push({ text: cutCells(toSafeLine(a.reason), left), token: 'text.dim' });
  return spans;
}

function endpoint(a: ConnectionAttempt): string {
  if (a.host === undefined) return '?';
  const safe = toSafeLine(a.host);
  const host = safe.includes(':') ? `[${safe}]` : safe;
  return a.port === undefined ? host : `${host}:${String(a.port)}`;
}
