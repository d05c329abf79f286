import { Box } from 'ink';
import { memo, type ReactNode } from 'react';
import { cellWidth, cutCells } from '../../text/cells.js';
import { useTheme, type ThemeToken } from '../../theme.js';
import { Line, type Span } from '../../panes/line.js';

export interface DialogBoxProps {
  /** The rows inside the border, each cut to fit. */
  readonly lines: readonly (readonly Span[])[];
  /** Cells wide, border included. */
  readonly width: number;
  /** The border's colour. @default 'border.focused' */
  readonly tone?: ThemeToken;
}

/** Rows a dialog of `lines` rows takes: its border adds two. */
export function dialogHeight(lines: number): number {
  return lines + 2;
}

/**
 * A bordered box drawn over the panes: every row is padded to the full
 * width (Ink draws no background, so a short row would let the pane under
 * it show through). Without colour the border is double, so it stands out.
 */
function DialogBoxView({ lines, width, tone = 'border.focused' }: DialogBoxProps): ReactNode {
  const theme = useTheme();
  const inner = Math.max(0, width - 4);
  return (
    <Box flexDirection="column" width={width} height={dialogHeight(lines.length)} borderStyle={theme.noColor ? 'double' : 'round'} borderColor={theme.color(tone)} overflowY="hidden">
      {lines.map((spans, i) => (
        <Line key={i} spans={padded(spans, inner)} width={inner + 2} />
      ))}
    </Box>
  );
}

export const DialogBox = memo(DialogBoxView);

/** ` spans… ` filling `inner + 2` cells. */
function padded(spans: readonly Span[], inner: number): Span[] {
  const out: Span[] = [{ text: ' ' }];
  let left = inner;
  for (const s of spans) {
    const text = cutCells(s.text, left);
    if (text === '') continue;
    out.push({ ...s, text });
    left -= cellWidth(text);
  }
  out.push({ text: ' '.repeat(Math.max(0, left) + 1) });
  return out;
}
