import { Box } from 'ink';
import { describe, expect, it } from 'vitest';
import { Line, lineRuns, type Span } from '../../../components/panes/line.js';
import type { ThemeToken } from '../../../components/theme.js';
import { renderAt } from '../render-at.js';
import { screenLines } from './support.js';

const palette = (token: ThemeToken): string | undefined => (token === 'status.error' ? 'red' : token === 'text.dim' ? 'gray' : undefined);

describe('lineRuns', () => {
  it('joins neighbours that look the same and drops empty spans', () => {
    const spans: Span[] = [
      { text: '14:44:05 ', token: 'text.dim' },
      { text: '', token: 'status.error' },
      { text: 'pg ', token: 'text.dim' },
      { text: 'FATAL', token: 'status.error', bold: true },
      { text: ': ', token: 'text.normal' },
      { text: 'refused' },
    ];
    expect(lineRuns(spans, palette)).toEqual([
      { text: '14:44:05 pg ', color: 'gray', bold: false, inverse: false },
      { text: 'FATAL', color: 'red', bold: true, inverse: false },
      { text: ': refused', color: undefined, bold: false, inverse: false },
    ]);
  });

  it('without colour, keeps apart only what differs in weight or inverse', () => {
    const spans: Span[] = [{ text: 'a', token: 'text.dim' }, { text: 'b', token: 'status.error' }, { text: 'c', inverse: true }];
    expect(lineRuns(spans, () => undefined)).toEqual([
      { text: 'ab', color: undefined, bold: false, inverse: false },
      { text: 'c', color: undefined, bold: false, inverse: true },
    ]);
  });
});

describe('Line', () => {
  it('at a given width takes one row, empty or not, and never more than its cells', () => {
    const r = renderAt(
      <Box flexDirection="column" width={20} height={4}>
        <Line spans={[{ text: 'first' }]} width={20} />
        <Line spans={[]} width={20} />
        <Line spans={[{ text: 'x'.repeat(30), token: 'status.error' }]} width={20} />
        <Line spans={[{ text: 'last' }]} width={20} />
      </Box>,
      { columns: 20, rows: 4, color: true },
    );
    expect(screenLines(r)).toEqual(['first', '', `${'x'.repeat(19)}…`, 'last']);
  });

  it('draws the same text in the same colours with or without a width', () => {
    const spans: Span[] = [
      { text: '14:44:05 ', token: 'text.dim' },
      { text: 'refused', token: 'status.error', inverse: true },
    ];
    const fixed = renderAt(<Line spans={spans} width={30} />, { columns: 30, rows: 1, color: true });
    const measured = renderAt(<Line spans={spans} />, { columns: 30, rows: 1, color: true });
    expect(fixed.lastFrame()).toBe(measured.lastFrame());
    expect(fixed.lastFrame()).toContain('\u001b[7m');
  });
});
