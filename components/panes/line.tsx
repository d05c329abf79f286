import { Text } from 'ink';
import { memo, type ReactNode } from 'react';
import { cellWidth, cutCells } from '../text/cells.js';
import { useTheme, type ThemeToken } from '../theme.js';

/** A piece of one row: terminal-safe text already cut to its cells, and how it looks. */
export interface Span {
  readonly text: string;
  readonly token?: ThemeToken;
  readonly bold?: boolean;
  readonly inverse?: boolean;
}

export interface LineProps {
  /** The row's pieces, left to right; their cells must add up to at most the pane's width. */
  readonly spans: readonly Span[];
}

/**
 * One row of a pane. The spans are cut by cells before they get here;
 * `truncate-end` is only a guard so that a row can never wrap and make the
 * frame taller than the pane.
 */
function LineView({ spans }: LineProps): ReactNode {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      {spans.map((s, i) => (
        <Text key={i} color={s.token === undefined ? undefined : theme.color(s.token)} bold={s.bold} inverse={s.inverse}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}

export const Line = memo(LineView);

/** The spans that fit in `width` cells, left to right, the last one cut (with `…`). */
export function fitSpans(spans: readonly Span[], width: number): Span[] {
  const out: Span[] = [];
  let left = width;
  for (const s of spans) {
    if (left <= 0) break;
    const text = cutCells(s.text, left);
    out.push({ ...s, text });
    left -= cellWidth(text);
  }
  return out;
}
