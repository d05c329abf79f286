/**
 * The help overlay (`?`): every key of the view underneath, by category,
 * generated from the key registry, so it cannot drift from what the keys do
 * and read-only mode shows no start or stop.
 */
import { Box, Text } from 'ink';
import { memo } from 'react';
import { cellWidth, fitCells } from '../text/cells.js';
import { useTheme } from '../theme.js';
import type { HelpSection } from './keymap.js';

export interface HelpOverlayProps {
  /** From `keymap.helpSections(view)`. */
  readonly sections: readonly HelpSection[];
  /** Cells available, border included. */
  readonly width: number;
  /** Rows available, border included; rows that do not fit are left out, with a note. */
  readonly height: number;
}

type Line = { kind: 'heading'; text: string } | { kind: 'row'; keys: string; description: string };

/** The overlay's lines, headings and rows, before they are cut to fit. */
export function helpLines(sections: readonly HelpSection[]): Line[] {
  return sections.flatMap((section): Line[] => [
    { kind: 'heading', text: section.category },
    ...section.rows.map((row): Line => ({ kind: 'row', keys: row.keys, description: row.description })),
  ]);
}

const pad = (text: string): string => ` ${text} `;

export const HelpOverlay = memo(function HelpOverlay({ sections, width, height }: HelpOverlayProps) {
  const theme = useTheme();
  const inner = Math.max(0, width - 4); // border and one space each side
  const room = Math.max(0, height - 3); // border and the title
  const lines = helpLines(sections);
  const keysWidth = Math.min(
    Math.max(0, ...lines.map((l) => (l.kind === 'row' ? cellWidth(l.keys) : 0))),
    Math.floor(inner / 3),
  );
  const cut = lines.length > room;
  const visible = cut ? lines.slice(0, Math.max(0, room - 1)) : lines;
  return (
    <Box
      flexDirection="column"
      width={width}
      height={Math.min(height, lines.length + 3)}
      borderStyle="round"
      borderColor={theme.color('border.focused')}
      overflowY="hidden"
    >
      {/* Every row is padded to the full inner width, margins included: drawn over the panes, it hides what is under it. */}
      <Text bold>{pad(fitCells('Keys (Esc or ? to close)', inner))}</Text>
      {visible.map((line, i) =>
        line.kind === 'heading' ? (
          <Text key={i} bold color={theme.color('text.accent')}>
            {pad(fitCells(line.text, inner))}
          </Text>
        ) : (
          <Text key={i}>
            {' '}
            <Text color={theme.color('text.accent')}>{fitCells(line.keys, keysWidth)}</Text>
            {' '}
            {fitCells(line.description, Math.max(0, inner - keysWidth - 1))}{' '}
          </Text>
        ),
      )}
      {cut ? <Text color={theme.color('text.dim')}>{pad(fitCells('… more keys: make the terminal taller', inner))}</Text> : null}
    </Box>
  );
});
