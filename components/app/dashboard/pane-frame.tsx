import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { cellWidth, cutCells } from '../../text/cells.js';
import { useTheme } from '../../theme.js';

export interface PaneFrameProps {
  /** The pane's name, in its top border. */
  readonly title: string;
  /** The pane has the keyboard: its border takes the `border.focused` token (heavy without colour). */
  readonly focused: boolean;
  /** Cells wide and rows tall, border included. */
  readonly width: number;
  readonly height: number;
  /** The pane, given `width - 2` by `height - 2`. */
  readonly children?: ReactNode;
}

const ROUND = { left: '╭', line: '─', right: '╮' };
const HEAVY = { left: '┏', line: '━', right: '┓' };

/**
 * A pane's border with its title in the top edge (Ink's borders take no
 * title, so the top edge is drawn here and the box below has none).
 * Without colour the focused pane's border is heavy, so focus still shows.
 */
export function PaneFrame({ title, focused, width, height, children }: PaneFrameProps): ReactNode {
  const theme = useTheme();
  if (width < 4 || height < 3) return null;
  const heavy = focused && theme.noColor;
  const edge = heavy ? HEAVY : ROUND;
  const name = cutCells(` ${title} `, width - 4);
  const color = theme.color(focused ? 'border.focused' : 'border.idle');
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <Text wrap="truncate-end">
        <Text color={color}>{edge.left + edge.line}</Text>
        <Text bold={focused} color={focused ? theme.color('text.accent') : undefined}>
          {name}
        </Text>
        <Text color={color}>{edge.line.repeat(Math.max(0, width - 3 - cellWidth(name))) + edge.right}</Text>
      </Text>
      <Box width={width} height={height - 1} borderStyle={heavy ? 'bold' : 'round'} borderTop={false} borderColor={color} overflowY="hidden">
        {children}
      </Box>
    </Box>
  );
}
