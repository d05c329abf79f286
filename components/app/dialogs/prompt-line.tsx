import { Box, Text } from 'ink';
import { memo, type ReactNode } from 'react';
import { toSafeLine } from '../../../src/parse/safe-text.js';
import { fittingHints } from '../../keys/footer.js';
import type { FooterHint } from '../../keys/keymap.js';
import { cellWidth, cutCells, tailCells } from '../../text/cells.js';
import { useTheme } from '../../theme.js';

export interface PromptLineProps {
  /** What is asked, e.g. `filter` or `highlight`. */
  readonly label: string;
  /** The text typed so far. */
  readonly text: string;
  /** The prompt's keys (Enter, Esc) from the registry, shown at the right when they fit. */
  readonly hints: readonly FooterHint[];
  /** One line under the text, e.g. why a pattern is invalid. @default undefined */
  readonly error?: string;
  /** Cells wide. */
  readonly width: number;
}

/**
 * A one-row prompt in the footer's place, as less and k9s ask: the label,
 * the text typed (its end when it is long) and a block cursor, then the
 * keys that apply; an error replaces the hints.
 */
function PromptLineView({ label, text, hints, error, width }: PromptLineProps): ReactNode {
  const theme = useTheme();
  const head = cutCells(`${label}: `, width);
  const right = error === undefined ? fittingHints(hints, Math.max(0, Math.floor(width / 2))).map((h) => `${h.key} ${h.hint}`).join('  ') : cutCells(toSafeLine(error), Math.floor(width / 2));
  const room = Math.max(0, width - cellWidth(head) - 1 - (right === '' ? 0 : cellWidth(right) + 2));
  const shown = tailCells(toSafeLine(text), room);
  const gap = Math.max(0, width - cellWidth(head) - cellWidth(shown) - 1 - cellWidth(right));
  return (
    <Box width={width} height={1} overflowY="hidden">
      <Text wrap="truncate-end">
        <Text color={theme.color('text.accent')} bold>
          {head}
        </Text>
        {shown}
        <Text inverse> </Text>
        {' '.repeat(gap)}
        <Text color={theme.color(error === undefined ? 'text.dim' : 'status.error')}>{right}</Text>
      </Text>
    </Box>
  );
}

export const PromptLine = memo(PromptLineView);
