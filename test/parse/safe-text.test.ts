import { describe, expect, it } from 'vitest';
import { SAFE_LINE_MAX_CHARS, toSafeLine } from '../../src/parse/safe-text.js';

/** Any code unit a terminal could act on, or that breaks the line. */
// eslint-disable-next-line no-control-regex -- the test looks for control characters
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('toSafeLine', () => {
  it.each([
    ['plain ASCII', 'connection received: host=10.0.0.75 port=48820'],
    ['non-Latin text', 'Verbindung abgelehnt: Benutzer „müller“ — 接続'],
    ['an emoji (a valid surrogate pair)', 'ok 🐘 done'],
    ['the empty string', ''],
  ])('returns %s unchanged', (_name, input) => {
    expect(toSafeLine(input)).toBe(input);
  });

  it.each([
    ['a colour sequence', 'a\x1b[31mred\x1b[0m', 'a\\x1b[31mred\\x1b[0m'],
    ['OSC 8 hyperlink', '\x1b]8;;https://evil.example\x07click\x1b]8;;\x07', '\\x1b]8;;https://evil.example\\x07click\\x1b]8;;\\x07'],
    ['OSC 52 clipboard write', '\x1b]52;c;cm0gLXJmIH4=\x1b\\', '\\x1b]52;c;cm0gLXJmIH4=\\x1b\\'],
    ['a newline', 'first\nsecond', 'first\\nsecond'],
    ['a carriage return', 'over\rwrite', 'over\\rwrite'],
    ['a tab', 'a\tb', 'a b'],
    ['NUL and BEL', 'a\x00b\x07', 'a\\x00b\\x07'],
    ['DEL', 'a\x7fb', 'a\\x7fb'],
    ['C1 CSI', 'a\u009b31mb', 'a\\x9b31mb'],
    ['C1 NEL', 'a\u0085b', 'a\\x85b'],
    ['a bidi override', 'user\u202Egnp.exe', 'user\\u202egnp.exe'],
    ['a bidi isolate', '\u2066x\u2069', '\\u2066x\\u2069'],
    ['a lone high surrogate', 'a\ud800b', 'a\\ud800b'],
    ['a lone low surrogate', 'a\udc00', 'a\\udc00'],
    ['a reversed pair', '\udc00\ud800', '\\udc00\\ud800'],
    ['a line separator', 'a\u2028b', 'a\\u2028b'],
    ['a paragraph separator', 'a\u2029b', 'a\\u2029b'],
    ['the first bidi embedding', '\u202ax', '\\u202ax'],
    ['the last C1 control', 'a\u009fb', 'a\\x9fb'],
    ['a high surrogate before a character above the surrogates', '\ud800\ue000', '\\ud800\ue000'],
    ['a high surrogate at the very end', '\x1b\ud83d', '\\x1b\\ud83d'],
    ['an escape next to emoji, which stay whole', '🐘\n🐘', '🐘\\n🐘'],
  ])('escapes %s visibly', (_name, input, expected) => {
    const safe = toSafeLine(input);
    expect(safe).toBe(expected);
    expect(safe).not.toMatch(UNSAFE);
  });

  it('caps a 1 MB line at the limit with a marker saying how much was cut', () => {
    const input = 'x'.repeat(1_000_000);
    const safe = toSafeLine(input);
    expect(safe.length).toBeLessThanOrEqual(SAFE_LINE_MAX_CHARS);
    const marker = /… \[(\d+) more characters cut\]$/.exec(safe);
    expect(marker).not.toBeNull();
    const kept = safe.length - (marker?.[0].length ?? 0);
    expect(Number(marker?.[1])).toBe(input.length - kept);
  });

  it('keeps a line of exactly the limit whole', () => {
    const input = 'y'.repeat(SAFE_LINE_MAX_CHARS);
    expect(toSafeLine(input)).toBe(input);
  });

  it('keeps a line whose escapes make it exactly the limit whole', () => {
    const input = `\x1b${'y'.repeat(SAFE_LINE_MAX_CHARS - 4)}`;
    expect(toSafeLine(input)).toBe(`\\x1b${'y'.repeat(SAFE_LINE_MAX_CHARS - 4)}`);
  });

  it('caps a line that only grows past the limit through escapes, counting input characters', () => {
    const input = '\x1b'.repeat(SAFE_LINE_MAX_CHARS / 2);
    const safe = toSafeLine(input);
    expect(safe.length).toBeLessThanOrEqual(SAFE_LINE_MAX_CHARS);
    expect(safe).toMatch(/^(\\x1b)+… \[\d+ more characters cut\]$/);
    const shown = (safe.match(/\\x1b/g) ?? []).length;
    expect(safe).toContain(`[${input.length - shown} more characters cut]`);
  });

  it('never cuts inside a surrogate pair', () => {
    const input = `${'z'.repeat(SAFE_LINE_MAX_CHARS - 49)}${'🐘'.repeat(100)}`;
    const safe = toSafeLine(input);
    const beforeMarker = safe.slice(0, safe.indexOf('…'));
    expect(beforeMarker).not.toMatch(/[\ud800-\udbff]$/);
    expect(toSafeLine(beforeMarker)).toBe(beforeMarker);
  });
});
