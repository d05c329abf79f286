import { describe, expect, it } from 'vitest';
import { cutMarker, withCutMarker } from '../../src/parse/event-size.js';
import { SAFE_LINE_MAX_CHARS } from '../../src/parse/safe-text.js';

describe('withCutMarker: never ends a long text on half a character', () => {
  // The first and the last high surrogates: U+10000 is \ud800\udc00, U+10FC00 is \udbff\udc00.
  it.each([
    ['U+10000', '\u{10000}'],
    ['U+10FC00', '\u{10FC00}'],
  ])('drops %s when the cut falls inside it', (_name, character) => {
    const keep = SAFE_LINE_MAX_CHARS - cutMarker(1).length;
    const marked = withCutMarker(`${'a'.repeat(keep - 1)}${character.repeat(4)}`, 1);
    expect(marked).toBe(`${'a'.repeat(keep - 1)}${cutMarker(1)}`);
  });
});
