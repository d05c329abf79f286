import { describe, expect, it } from 'vitest';
import { isSafeLine, SAFE_LINE_MAX_CHARS, toSafeLine } from '../../src/parse/safe-text.js';

describe('toSafeLine: the limit is exact', () => {
  it('cuts a line one character over the limit', () => {
    const safe = toSafeLine('x'.repeat(SAFE_LINE_MAX_CHARS + 1));
    expect(safe.length).toBeLessThanOrEqual(SAFE_LINE_MAX_CHARS);
    expect(safe).toMatch(/^x+… \[\d+ more characters cut\]$/);
  });

  it('cuts a line whose escape takes it one character over the limit', () => {
    const safe = toSafeLine(`\x1b${'y'.repeat(SAFE_LINE_MAX_CHARS - 3)}`);
    expect(safe.length).toBeLessThanOrEqual(SAFE_LINE_MAX_CHARS);
    expect(safe).toMatch(/^\\x1by+… \[\d+ more characters cut\]$/);
  });
});

describe('isSafeLine: whether a text comes back from toSafeLine unchanged', () => {
  it.each([
    ['plain text', 'connection received: host=10.0.0.75', true],
    ['text of exactly the limit', 'y'.repeat(SAFE_LINE_MAX_CHARS), true],
    ['text one over the limit', 'y'.repeat(SAFE_LINE_MAX_CHARS + 1), false],
    ['an escape character', 'a\x1b[31mred', false],
    ['a newline', 'a\nb', false],
  ])('%s: %s', (_name, text, safe) => {
    expect(isSafeLine(text)).toBe(safe);
    expect(toSafeLine(text) === text).toBe(safe);
  });
});
