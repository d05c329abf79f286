import { Box } from 'ink';
import { memo, useMemo, type ReactNode } from 'react';
import type { FailureHighlight } from '../../../src/select/failures.js';
import { cellWidth, cutCells } from '../../text/cells.js';
import { useTheme } from '../../theme.js';
import { Line, type Span } from '../line.js';
import { clockText } from '../time-text.js';
import { initialFailureCard, visibleFailures, type FailureCardState } from './failure-card-state.js';

export interface FailureCardProps {
  /** The failure highlights (Summary.failures), in any order. */
  readonly failures: readonly FailureHighlight[];
  /** What the user dismissed (failureCardReducer). @default no dismissals */
  readonly state?: FailureCardState;
  /** Cells wide, border included. */
  readonly width: number;
  /** Most rows tall, border included: the card takes only the rows it needs. */
  readonly height: number;
  /** Clock times in UTC rather than local time. @default false */
  readonly utc?: boolean;
  /** How to dismiss, shown at the top right (from the key registry, e.g. `d dismiss`). @default undefined (none) */
  readonly dismissHint?: string;
  /** Newest failures scrolled past, to read older ones. @default 0 */
  readonly skip?: number;
  /** Drawn in a heavier border: the card has the keyboard. @default false */
  readonly focused?: boolean;
}

/** Rows one failure takes: its title, its message, what to check. */
const ROWS_PER_FAILURE = 3;

/**
 * The failures nobody dismissed yet, newest first, in a red bordered card:
 * each with its title, time and repeat count, its message, and the hint of
 * what to check. Nothing at all when there is none (or under 3 rows).
 * Failure texts and hints are terminal-safe already (src/select/failures.ts).
 */
function FailureCardView({ failures, state = initialFailureCard, width, height, utc = false, dismissHint, skip = 0, focused = false }: FailureCardProps): ReactNode {
  const theme = useTheme();
  const shown = useMemo(() => visibleFailures(failures, state), [failures, state]);
  const h = Math.floor(height);
  if (shown.length === 0 || h < 3 || width < 6) return null;
  const inner = width - 4;
  const room = h - 3;
  const fit = Math.min(shown.length, Math.floor(room / ROWS_PER_FAILURE));
  const from = Math.max(0, Math.min(Math.floor(skip), shown.length - fit));
  // What does not fit is counted in the heading: a line for it would cost a whole failure's room.
  const lines: Span[][] = [heading(shown.length, from, shown.length - fit - from, inner, dismissHint)];
  for (const f of shown.slice(from, from + fit)) {
    const count = f.count > 1 ? ` ×${String(f.count)}` : '';
    lines.push([
      { text: cutCells(`${clockText(f.lastTime, utc)} `, inner), token: 'text.dim' },
      { text: cutCells(`${f.title}${count}`, Math.max(0, inner - 9)), token: 'status.error', bold: true },
    ]);
    lines.push([{ text: cutCells(f.text, inner) }]);
    lines.push([{ text: cutCells(`→ ${f.hint}`, inner), token: 'text.accent' }]);
  }
  return (
    <Box flexDirection="column" width={width} height={lines.length + 2} borderStyle={theme.noColor ? 'double' : focused ? 'bold' : 'round'} borderColor={theme.color('status.error')} paddingX={1} overflowY="hidden">
      {lines.map((spans, i) => (
        <Line key={i} spans={spans} width={inner} />
      ))}
    </Box>
  );
}

export const FailureCard = memo(FailureCardView);

function heading(count: number, newer: number, more: number, inner: number, dismissHint: string | undefined): Span[] {
  const hidden = [newer > 0 ? `${String(newer)} newer` : '', more > 0 ? `${String(more)} older` : ''].filter((t) => t !== '').join(' and ');
  const hiddenText = hidden === '' ? '' : `, ${hidden} not shown`;
  const title = cutCells(`${count === 1 ? '✗ 1 failure' : `✗ ${String(count)} failures`}${hiddenText}`, inner);
  const hint = dismissHint === undefined ? '' : cutCells(dismissHint, Math.max(0, inner - cellWidth(title) - 1));
  const gap = ' '.repeat(Math.max(0, inner - cellWidth(title) - cellWidth(hint)));
  return [
    { text: title, token: 'status.error', bold: true, inverse: true },
    { text: gap },
    { text: hint, token: 'text.dim' },
  ];
}

/** Rows the card takes for `count` failures, border included: what a layout gives it when there is room. */
export function failureCardRows(count: number): number {
  return count === 0 ? 0 : 3 + ROWS_PER_FAILURE * count;
}
