import { describe, expect, it } from 'vitest';
import { ELLIPSIS, cellWidth, cutCells, fitCells } from '../../components/text/cells.js';

describe('cellWidth', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['日本語', 6],
    ['e\u0301', 1], // e + combining acute: one cell
    ['👍', 2],
    ['👨‍👩‍👧', 2], // a family joined by ZWJ is one emoji
    ['a日b', 4],
  ])('%j takes %i cells', (text, cells) => {
    expect(cellWidth(text)).toBe(cells);
  });
});

describe('fitCells', () => {
  it('pads short text to exactly the width, on the right by default', () => {
    expect(fitCells('ok', 5)).toBe('ok   ');
  });

  it('pads on the left when aligned right', () => {
    expect(fitCells('42', 5, 'right')).toBe('   42');
  });

  it('leaves text of exactly the width alone', () => {
    expect(fitCells('abcde', 5)).toBe('abcde');
  });

  it('cuts long text with an ellipsis inside the width', () => {
    expect(fitCells('abcdefgh', 5)).toBe(`abcd${ELLIPSIS}`);
  });

  it('pads by cells when the text holds wide characters', () => {
    const out = fitCells('日本', 6);
    expect(out).toBe('日本  ');
    expect(cellWidth(out)).toBe(6);
  });

  it('never cuts a wide character in half: the straddling one is dropped and the gap padded', () => {
    // 4 cells for the head, then …: 日本 is 4 cells, 語 would make 6.
    const out = fitCells('日本語です', 5);
    expect(out).toBe(`日本${ELLIPSIS}`);
    expect(cellWidth(out)).toBe(5);
    const odd = fitCells('日本語です', 6);
    expect(odd).toBe(`日本${ELLIPSIS} `);
    expect(cellWidth(odd)).toBe(6);
  });

  it('keeps a combining mark with its letter', () => {
    const out = fitCells('cafe\u0301 au lait', 5);
    expect(out).toBe(`cafe\u0301${ELLIPSIS}`);
    expect(cellWidth(out)).toBe(5);
  });

  it('keeps a joined emoji whole', () => {
    const family = '👨‍👩‍👧';
    expect(fitCells(`${family}${family}x`, 4)).toBe(`${family}${ELLIPSIS} `);
  });

  it('gives an ellipsis alone at width 1 and nothing at width 0', () => {
    expect(fitCells('abc', 1)).toBe(ELLIPSIS);
    expect(fitCells('abc', 0)).toBe('');
    expect(fitCells('abc', -3)).toBe('');
  });

  it('always returns exactly width cells', () => {
    const samples = ['', 'a', 'hello world', '日本語テキスト', 'mixed 日本 text 👍 e\u0301'];
    for (const text of samples) {
      for (let width = 1; width <= 20; width++) {
        expect(cellWidth(fitCells(text, width)), `${text} @ ${width}`).toBe(width);
        expect(cellWidth(fitCells(text, width, 'right')), `${text} @ ${width} right`).toBe(width);
      }
    }
  });
});

describe('cutCells', () => {
  it('leaves text that fits alone, without padding', () => {
    expect(cutCells('abc', 10)).toBe('abc');
  });

  it('cuts with an ellipsis', () => {
    expect(cutCells('abcdef', 4)).toBe(`abc${ELLIPSIS}`);
  });

  it('may end narrower than the width when a wide character straddles the edge', () => {
    const out = cutCells('日本語', 4);
    expect(out).toBe(`日${ELLIPSIS}`);
    expect(cellWidth(out)).toBe(3);
  });

  it('never exceeds the width', () => {
    for (let width = 0; width <= 12; width++) {
      expect(cellWidth(cutCells('日本 mixed 👍 text', width))).toBeLessThanOrEqual(width);
    }
  });
});

describe('long lines', () => {
  it('cuts a 10,000-character line of wide and combining characters like a short one', () => {
    const line = '日本e\u0301👨‍👩‍👧'.repeat(2000);
    const out = fitCells(line, 101);
    expect(cellWidth(out)).toBe(101);
    expect(out.endsWith(`${ELLIPSIS} `) || out.endsWith(ELLIPSIS)).toBe(true);
    expect(line.startsWith(out.replace(/…\s*$/, ''))).toBe(true);
  });

  it('keeps a grapheme whole where the text is read in pieces', () => {
    // A long run of combining marks is one grapheme longer than any piece the text is read in.
    const zalgo = `a${'\u0301'.repeat(300)}`;
    const line = `${'x'.repeat(5)}${zalgo}${'日'.repeat(50)}`;
    expect(fitCells(line, 7)).toBe(`xxxxx${zalgo}${ELLIPSIS}`);
    expect(cellWidth(line)).toBe(5 + 1 + 100);
    expect(fitCells(line, 106)).toBe(line);
  });

  it('agrees with cellWidth at every width over mixed text', () => {
    const line = 'ab日本e\u0301👍c'.repeat(40);
    for (let width = 1; width <= 120; width++) {
      expect(cellWidth(fitCells(line, width)), `${width}`).toBe(width);
      expect(line.startsWith(cutCells(line, width).replace(/…$/, '')), `${width}`).toBe(true);
    }
  });
});
