/**
 * The footer: one line of key hints for what applies right now, generated
 * from the key registry (never written by hand), cut by cells to the width.
 */
import { Box, Text } from 'ink';
import { memo } from 'react';
import { cellWidth } from '../text/cells.js';
import { useTheme } from '../theme.js';
import type { FooterHint } from './keymap.js';

export interface FooterProps {
  /** From `keymap.footerHints(context)`. */
  readonly hints: readonly FooterHint[];
  /** Cells available; hints that do not fit whole are left out from the end. */
  readonly width: number;
}

const GAP = 2;

/** The hints that fit in `width` cells, whole, in order. */
export function fittingHints(hints: readonly FooterHint[], width: number): FooterHint[] {
  const shown: FooterHint[] = [];
  let used = 0;
  for (const hint of hints) {
    const cells = cellWidth(hint.key) + 1 + cellWidth(hint.hint) + (shown.length > 0 ? GAP : 0);
    if (used + cells > width) break;
    used += cells;
    shown.push(hint);
  }
  return shown;
}

/** `q quit  ? help  Tab focus …`: the key in the accent colour, the hint dim. One row high. */
export const Footer = memo(function Footer({ hints, width }: FooterProps) {
  const theme = useTheme();
  const shown = fittingHints(hints, width);
  return (
    <Box width={width} height={1} overflowY="hidden">
      <Text wrap="truncate">
        {shown.map((h, i) => (
          <Text key={h.id}>
            {i > 0 ? ' '.repeat(GAP) : ''}
            <Text color={theme.color('text.accent')} bold>
              {h.key}
            </Text>{' '}
            <Text color={theme.color('text.dim')}>{h.hint}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
});
