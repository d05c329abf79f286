import { Text } from 'ink';
import { createElement, memo, type ReactNode } from 'react';
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
  /**
   * The row's cells, when the pane knows them: the row is then laid out at
   * that width without being measured (see FixedRow). Rows whose text
   * changes with every frame (the log, the header) must give it.
   * @default undefined (measured by Ink)
   */
  readonly width?: number;
}

/**
 * Ink's text element, one row high and `width` cells wide. Ink's `Text`
 * takes no size, so Yoga measures it, and Ink keeps every text it ever
 * measured in a cache that is never emptied (ink/build/measure-text.js): a
 * pane that draws new lines every second grows the heap without bound
 * (about 24 MB an hour for a log pane under a flood). A text element whose
 * width and height are both set is never measured. `ink-text` is the
 * element Ink's own `Text` renders (Ink is pinned: package.json).
 */
function FixedRow({ width, children }: { readonly width: number; readonly children: ReactNode }): ReactNode {
  return createElement('ink-text', { style: { flexGrow: 0, flexShrink: 0, flexDirection: 'row', textWrap: 'truncate-end', width: Math.max(0, Math.floor(width)), height: 1 } }, children);
}

/** A run of text drawn one way: a span with its token turned into a colour. */
interface Run {
  text: string;
  readonly color: string | undefined;
  readonly bold: boolean;
  readonly inverse: boolean;
}

/**
 * The spans as runs of one look each: neighbours that look the same (the
 * same colour, which without colour is every token, and the same weight)
 * become one, and empty spans go. Ink turns every run into its own escape
 * sequences and tokenizes the row again on every frame, so fewer runs make
 * a cheaper frame.
 */
export function lineRuns(spans: readonly Span[], color: (token: ThemeToken) => string | undefined): Run[] {
  const runs: Run[] = [];
  let last: Run | undefined;
  for (const s of spans) {
    if (s.text === '') continue;
    const look = { color: s.token === undefined ? undefined : color(s.token), bold: s.bold === true, inverse: s.inverse === true };
    if (last !== undefined && last.color === look.color && last.bold === look.bold && last.inverse === look.inverse) {
      last.text += s.text;
      continue;
    }
    last = { text: s.text, ...look };
    runs.push(last);
  }
  return runs;
}

/**
 * One row of a pane: one Text, and a Text inside it only for each run
 * drawn in a colour or weight of its own. The spans are cut by cells
 * before they get here; `truncate-end` is only a guard so that a row can
 * never wrap and make the frame taller than the pane.
 */
function LineView({ spans, width }: LineProps): ReactNode {
  const theme = useTheme();
  const runs = lineRuns(spans, (token) => theme.color(token));
  const only = runs.length === 1 ? runs[0] : undefined;
  if (only !== undefined && width === undefined) {
    return (
      <Text wrap="truncate-end" color={only.color} bold={only.bold} inverse={only.inverse}>
        {only.text}
      </Text>
    );
  }
  const parts = runs.map((r, i) =>
    r.color === undefined && !r.bold && !r.inverse ? (
      r.text
    ) : (
      <Text key={i} color={r.color} bold={r.bold} inverse={r.inverse}>
        {r.text}
      </Text>
    ),
  );
  return width === undefined ? <Text wrap="truncate-end">{parts}</Text> : <FixedRow width={width}>{parts}</FixedRow>;
}

/** Rows whose spans read the same are not drawn again (a pane re-rendered for another row's sake). */
function sameSpans(a: LineProps, b: LineProps): boolean {
  if (a.width !== b.width) return false;
  if (a.spans === b.spans) return true;
  if (a.spans.length !== b.spans.length) return false;
  for (let i = 0; i < a.spans.length; i++) {
    const x = a.spans[i];
    const y = b.spans[i];
    if (x === undefined || y === undefined || x.text !== y.text || x.token !== y.token || x.bold !== y.bold || x.inverse !== y.inverse) return false;
  }
  return true;
}

export const Line = memo(LineView, sameSpans);

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
