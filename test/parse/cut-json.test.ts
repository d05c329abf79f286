import { describe, expect, it } from 'vitest';
import { closeCutString, parseCutJsonObject, type CutObject } from '../../src/parse/cut-json.js';

/** JSON cut short (src/parse/cut-json.ts): what arrived of a string literal or an object, read as far as it goes. */

describe('closeCutString', () => {
  it.each<[string, string, string | undefined]>([
    ['a string cut in its text', '"Test connection fail', '"Test connection fail"'],
    ['a string cut right after a backslash', '"a\\', '"a"'],
    ['a string cut inside a unicode escape', '"a\\u00', '"a"'],
    ['a string with a whole unicode escape, cut after it', '"a\\u0041b', '"a\\u0041b"'],
    ['a string with a whole short escape, cut after it', '"a\\nb', '"a\\nb"'],
    ['a string cut inside an escaped quote', '"say \\"hi', '"say \\"hi"'],
    ['a whole string: not cut', '"whole"', undefined],
    ['text that is no string literal', "{'replication_state':'x", undefined],
  ])('%s', (_name, literal, expected) => {
    expect(closeCutString(literal)).toBe(expected);
  });

  it('gives a literal that JSON.parse reads', () => {
    const closed = closeCutString('"{\'replication_state\':\'failed\', \'failure_message\': \'a\\u00e9b\\u20');
    expect(closed === undefined ? undefined : JSON.parse(closed)).toBe("{'replication_state':'failed', 'failure_message': 'aéb");
  });
});

describe('parseCutJsonObject', () => {
  it.each<[string, string, CutObject | undefined]>([
    ['cut inside the last string: it is partial', '{"a":1,"b":"tex', { value: { a: 1, b: 'tex' }, cutKey: 'b' }],
    ['cut right after the last string closed: nothing is partial', '{"a":1,"b":"text"', { value: { a: 1, b: 'text' }, cutKey: undefined }],
    ['cut inside a number, which may have gone on', '{"a":"x","n":12', { value: { a: 'x', n: 12 }, cutKey: 'n' }],
    ['cut inside a nested object', '{"a":"x","d":{"t":[1,2', { value: { a: 'x', d: { t: [1, 2] } }, cutKey: 'd' }],
    ['cut after a comma', '{"a":1,', { value: { a: 1 }, cutKey: undefined }],
    ['cut after a comma and spaces', '{"a":1,  \n', { value: { a: 1 }, cutKey: undefined }],
    ['cut after the next colon: that member is left out', '{"a":1,"b":', { value: { a: 1 }, cutKey: undefined }],
    ['cut inside a literal that cannot be read: left out', '{"a":1,"b":tr', { value: { a: 1 }, cutKey: undefined }],
    ['cut inside the first key: nothing to read', '{"rep', undefined],
    ['a whole object: not cut', '{"a":1}', undefined],
    ['an array', '["a",1', undefined],
    ['brackets that do not match', '{"a":[1}', undefined],
  ])('%s', (_name, text, expected) => {
    expect(parseCutJsonObject(text)).toEqual(expected);
  });
});
