import { describe, expect, it } from 'vitest';
import { capMessage, cutMarker, MAX_JSON_EVENT_CHARS, MAX_MESSAGE_BYTES, utf8Boundary, withCutMarker } from '../../src/parse/event-size.js';
import { SAFE_LINE_MAX_CHARS, toSafeLine } from '../../src/parse/safe-text.js';

describe('the event size cap', () => {
  it('is CloudWatch Logs’ own event size limit (1 MB), so no event read from CloudWatch is cut', () => {
    expect(MAX_MESSAGE_BYTES).toBe(1_048_576);
    // The JSON of a message of that size, written with six-character escapes, is not cut either.
    expect(MAX_JSON_EVENT_CHARS).toBeGreaterThan(6 * MAX_MESSAGE_BYTES);
  });

  it('keeps a message at the cap whole and cuts one past it, counting the bytes left out', () => {
    expect(capMessage('x'.repeat(100), 100)).toEqual({ message: 'x'.repeat(100), cutBytes: 0 });
    expect(capMessage('x'.repeat(150), 100)).toEqual({ message: 'x'.repeat(100), cutBytes: 50 });
  });

  it('cuts on a character boundary, never inside a multi-byte character', () => {
    // '€' is three bytes: 33 of them are 99 bytes, the 34th would end at 102.
    const { message, cutBytes } = capMessage('€'.repeat(40), 100);
    expect(message).toBe('€'.repeat(33));
    expect(cutBytes).toBe(120 - 99);
    const emoji = capMessage('😀'.repeat(10), 10);
    expect(emoji).toEqual({ message: '😀😀', cutBytes: 32 });
  });

  it('finds a character boundary at or before a limit, never past the end or before the start', () => {
    const euro = Buffer.from('a€', 'utf8');
    expect([0, 1, 2, 3, 4, 10].map((limit) => utf8Boundary(euro, limit))).toEqual([0, 1, 1, 1, 4, 4]);
    // Bytes that begin inside a character (a cut stream) still give a boundary within them.
    expect(utf8Boundary(Uint8Array.from([0x80, 0x80, 0x41]), 1)).toBe(0);
  });

  it('measures in UTF-8 bytes, not characters', () => {
    expect(capMessage('ü'.repeat(60), 100)).toEqual({ message: 'ü'.repeat(50), cutBytes: 20 });
  });
});

describe('the cut marker', () => {
  it('ends the text of a cut event, replacing the marker of a line shortened for display', () => {
    expect(withCutMarker('hello', 12)).toBe(`hello${cutMarker(12)}`);
    expect(cutMarker(12)).toBe('… [cut: 12 bytes]');
    const long = toSafeLine('z'.repeat(SAFE_LINE_MAX_CHARS * 2));
    const marked = withCutMarker(long, 999);
    expect(marked.endsWith('z… [cut: 999 bytes]')).toBe(true);
    expect(marked).not.toContain('more characters cut');
    expect(marked.length).toBeLessThanOrEqual(SAFE_LINE_MAX_CHARS);
    expect(withCutMarker('state failed: x…', 5)).toBe('state failed: x… [cut: 5 bytes]');
  });

  it('never leaves half a surrogate pair before the marker', () => {
    const text = `${'a'.repeat(SAFE_LINE_MAX_CHARS - 20)}${'😀'.repeat(20)}`;
    const marked = withCutMarker(text, 1);
    expect(marked).toBe(toSafeLine(marked));
    // Here the cut falls between the two halves of an emoji: the whole emoji goes.
    const odd = withCutMarker(`${'a'.repeat(SAFE_LINE_MAX_CHARS - 19)}${'😀'.repeat(20)}`, 1);
    expect(odd).toBe(toSafeLine(odd));
    expect(odd).toBe(`${'a'.repeat(SAFE_LINE_MAX_CHARS - 19)}😀${cutMarker(1)}`);
  });

  it('keeps a text just under the display cap within it once the marker is added', () => {
    const marked = withCutMarker('a'.repeat(SAFE_LINE_MAX_CHARS - 5), 7);
    expect(marked).toHaveLength(SAFE_LINE_MAX_CHARS);
    expect(marked.endsWith(`a${cutMarker(7)}`)).toBe(true);
  });
});
