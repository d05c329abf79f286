import { expect } from 'vitest';
import { cellWidth } from '../../../components/text/cells.js';
import type { Rendered } from '../render-at.js';

/** What a user sees: the last frame's lines without colour, trailing spaces kept off. */
export function screenLines(r: Rendered): string[] {
  const frame = r.plainFrame();
  return frame === '' ? [] : frame.split('\n').map((l) => l.trimEnd());
}

/** The frame is at most `width` cells wide and `height` rows tall. */
export function expectFits(r: Rendered, width: number, height: number): void {
  const lines = r.plainFrame().split('\n');
  expect(lines.length).toBeLessThanOrEqual(height);
  for (const line of lines) expect(cellWidth(line), line).toBeLessThanOrEqual(width);
}

/** Text no screen should show raw: ESC sequences (OSC, CSI), wide characters and a 10,000-character line. */
export const HOSTILE = [
  '\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\u001b[0m',
  '表示テスト😀👩‍👩‍👧 wide',
  'x'.repeat(10_000),
] as const;
