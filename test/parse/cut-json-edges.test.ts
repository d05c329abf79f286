import { describe, expect, it } from 'vitest';
import { closeCutString, parseCutJsonObject } from '../../src/parse/cut-json.js';

describe('closeCutString: only a string literal left open is closed', () => {
  it.each([
    ['an empty literal', '""'],
    ['a literal closed before more text', '"a" b "c'],
    ['text that does not start with a quote', 'x"abc'],
  ])('leaves %s alone', (_name, literal) => {
    expect(closeCutString(literal)).toBeUndefined();
  });

  it('keeps a complete \\u escape and what follows it', () => {
    expect(closeCutString('"\\u0041bc')).toBe('"\\u0041bc"');
    expect(JSON.parse(closeCutString('"\\u0041bc') ?? '')).toBe('Abc');
  });
});

describe('parseCutJsonObject: what arrived of a cut object', () => {
  it('reads a member with an empty key', () => {
    expect(parseCutJsonObject('{"":1,"b":"x')).toEqual({ value: { '': 1, b: 'x' }, cutKey: 'b' });
  });

  it('reads a string ending in a \\u escape and the members after it', () => {
    expect(parseCutJsonObject('{"a":"\\u0041","b":"cut')).toEqual({ value: { a: 'A', b: 'cut' }, cutKey: 'b' });
  });

  it('reads a complete list and the members after it', () => {
    expect(parseCutJsonObject('{"a":[1,2],"b":"x')).toEqual({ value: { a: [1, 2], b: 'x' }, cutKey: 'b' });
  });

  it('keeps the items of a list cut after a comma, and says the list was cut', () => {
    expect(parseCutJsonObject('{"a":"x","b":[1,')).toEqual({ value: { a: 'x', b: [1] }, cutKey: 'b' });
  });

  it('drops a member whose nested object was cut inside a key, keeping those before it', () => {
    expect(parseCutJsonObject('{"a":"x","b":{"c":1,"d')).toEqual({ value: { a: 'x' }, cutKey: undefined });
  });

  it('is no object when the text does not start with its brace', () => {
    expect(parseCutJsonObject(' {"a":"b')).toBeUndefined();
  });
});
