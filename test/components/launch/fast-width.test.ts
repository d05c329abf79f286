import { Chalk } from 'chalk';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import fastWidth, { NARROW_RANGES, widestLine } from '../../../components/launch/fast-width.js';
import { fuzzParams } from '../../fuzz/settings.js';

const chalk = new Chalk({ level: 3 });
const narrow = NARROW_RANGES.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i)));

describe('fast-width counts columns as string-width does', () => {
  it('every character it counts itself is one column, alone and between others', () => {
    const wrong = narrow.filter((ch) => stringWidth(ch) !== 1 || stringWidth(`a${ch}b`) !== 3 || fastWidth(ch) !== 1);
    expect(wrong).toEqual([]);
  });

  it('leaves what it does not know to string-width: wide, zero-width, joining and emoji characters', () => {
    for (const text of ['漢字', 'e\u0301', '\u00ad', '\u200b', '😀', '1\ufe0f\u20e3', '\u25fd', 'a\tb', '\u2764\ufe0f', '👩‍💻', '\u001b]8;;x\u0007link']) {
      expect(fastWidth(text)).toBe(stringWidth(text));
    }
  });

  it('any mix of characters and styles, dashboard rows included', () => {
    const char = fc.oneof({ weight: 10, arbitrary: fc.constantFrom(...narrow) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 2 }) });
    const styles = [(s: string) => s, chalk.red, chalk.bold.bgHex('#123456'), chalk.dim];
    const text = fc.array(fc.tuple(fc.array(char, { maxLength: 10 }), fc.nat(styles.length - 1)), { maxLength: 5 }).map((parts) => parts.map(([cs, i]) => (styles[i] ?? String)(cs.join(''))).join(''));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), (lines) => {
        for (const line of lines) expect(fastWidth(line)).toBe(stringWidth(line));
        expect(widestLine(lines.join('\n'))).toBe(Math.max(...lines.map((l) => stringWidth(l))));
      }),
      fuzzParams(500),
    );
  });
});
