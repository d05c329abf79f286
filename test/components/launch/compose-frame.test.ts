import { styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
import { Chalk } from 'chalk';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
// Ink's own compositor, the reference: the frame must look the same cell for cell.
import InkOutput from '../../../node_modules/ink/build/output.js';
import { composeFrame, type FrameOperation } from '../../../components/launch/compose-frame.js';
import { CrossFrameCaches } from '../../../components/launch/cross-frame-caches.js';
import { fuzzParams, fuzzTimeout } from '../../fuzz/settings.js';

const chalk = new Chalk({ level: 1 });

/** A row as a terminal shows it: each cell's character and the styles in force there (trailing blank cells dropped). */
function cells(output: string): string[][] {
  return output.split('\n').map((row) => {
    const chars = styledCharsFromTokens(tokenize(row)).map((c) => `${c.value}|${c.styles.map((s) => `${s.endCode}>${s.code}`).sort().join(',')}`);
    while (chars.length > 0 && chars.at(-1) === ' |') chars.pop();
    return chars;
  });
}

interface InkOutputLike {
  operations: FrameOperation[];
  caches: Parameters<typeof composeFrame>[3];
  write(x: number, y: number, text: string, options: { transformers: FrameOperation extends never ? never : ((s: string, i: number) => string)[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}

/** Ink's frame and ours from the same operations. */
function both(width: number, height: number, draw: (out: InkOutputLike) => void): { ink: string; ours: string } {
  const ink = new InkOutput({ width, height }) as unknown as InkOutputLike;
  draw(ink);
  const mine = new InkOutput({ width, height }) as unknown as InkOutputLike;
  draw(mine);
  const caches = new CrossFrameCaches<ReturnType<InkOutputLike['caches']['getStyledChars']>>().forFrame(mine.caches);
  return { ink: ink.get().output, ours: composeFrame(width, height, mine.operations, caches).output };
}

// chalk's, which close what they open, and raw codes that do not (Ink's cells keep them to their characters).
const STYLES = [(s: string) => s, chalk.red, chalk.bold, chalk.inverse, chalk.bgBlue, (s: string) => chalk.green(chalk.underline(s)), chalk.dim.yellow, (s: string) => `\x1b[31m${s}`, (s: string) => `${s}\x1b[1;44m`];
// What the dashboard draws, often; what only cells can place (Ink and string-width count them apart), now and then.
const COMMON = ['a', 'Z', ' ', '│', '─', '╭', '●', '‖', '…', '漢', '😀', '[2J'];
const RARE = ['e\u0301', '\u0301', '\u200b', '\t'];
const char = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...COMMON) }, { weight: 1, arbitrary: fc.constantFrom(...RARE) });

const segment = fc.tuple(fc.array(char, { minLength: 0, maxLength: 8 }), fc.nat(STYLES.length - 1)).map(([chars, style]) => {
  const text = chars.join('');
  return text === '' ? '' : (STYLES[style] ?? String)(text);
});
const line = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join(''));
const text = fc.array(line, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n'));

type Op = { kind: 'write'; x: number; y: number; text: string } | { kind: 'clip'; x1?: number; x2?: number; y1?: number; y2?: number } | { kind: 'unclip' };

const op = (width: number, height: number): fc.Arbitrary<Op> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('write' as const), x: fc.integer({ min: -3, max: width + 3 }), y: fc.integer({ min: -2, max: height + 1 }), text }) },
    {
      weight: 1,
      arbitrary: fc
        .record({ x1: fc.integer({ min: -1, max: width }), w: fc.integer({ min: 0, max: width }), y1: fc.integer({ min: -1, max: height }), h: fc.integer({ min: 0, max: height }), horizontal: fc.boolean(), vertical: fc.boolean() })
        .map(({ x1, w, y1, h, horizontal, vertical }): Op => ({ kind: 'clip', ...(horizontal ? { x1, x2: x1 + w } : {}), ...(vertical ? { y1, y2: y1 + h } : {}) })),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'unclip' as const }) },
  );

const frame = fc.record({ width: fc.integer({ min: 1, max: 30 }), height: fc.integer({ min: 1, max: 6 }) }).chain(({ width, height }) => fc.record({ width: fc.constant(width), height: fc.constant(height), ops: fc.array(op(width, height), { maxLength: 12 }) }));

/** Rows laid out as panes are: pieces side by side, a gap between, some running past the edge. */
const layout = fc.record({ width: fc.integer({ min: 1, max: 40 }), rows: fc.array(fc.array(fc.tuple(fc.nat(3), line), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }) }).map(({ width, rows }) => {
  const ops: Op[] = [];
  rows.forEach((pieces, y) => {
    let x = 0;
    for (const [gap, text] of pieces) {
      x += gap;
      ops.push({ kind: 'write', x, y, text });
      x += stringWidth(text);
    }
  });
  return { width, height: rows.length, ops };
});

/** Every generated frame looks the same drawn by Ink and by composeFrame. */
function sameAsInk(frames: fc.Arbitrary<{ width: number; height: number; ops: Op[] }>): void {
  fc.assert(
    fc.property(frames, ({ width, height, ops }) => {
      const { ink, ours } = both(width, height, play(ops));
      expect(cells(ours)).toEqual(cells(ink));
    }),
    fuzzParams(400),
  );
}

function play(ops: readonly Op[]): (out: InkOutputLike) => void {
  return (out) => {
    let open = 0;
    for (const o of ops) {
      if (o.kind === 'write') out.write(o.x, o.y, o.text, { transformers: [] });
      else if (o.kind === 'clip') {
        open++;
        out.clip(o);
      } else if (open > 0) {
        open--;
        out.unclip();
      }
    }
  };
}

describe("the dashboard's frame compositor draws what Ink's draws, cell for cell", () => {
  it('a pane row (a border, its text, a border) joined as text', () => {
    const { ink, ours } = both(40, 3, (out) => {
      out.write(0, 0, chalk.dim(`╭${'─'.repeat(18)}╮`), { transformers: [] });
      out.write(0, 1, chalk.dim('│'), { transformers: [] });
      out.write(2, 1, `${chalk.green('●')} running ${chalk.bold('漢字')}`, { transformers: [] });
      out.write(19, 1, chalk.dim('│'), { transformers: [] });
      out.write(21, 1, chalk.inverse(' dialog '), { transformers: [] });
    });
    expect(cells(ours)).toEqual(cells(ink));
    expect(ours).toContain('running');
  });

  it('a piece written over another (a dialog over a pane) covers it as in Ink', () => {
    const { ink, ours } = both(20, 1, (out) => {
      out.write(0, 0, chalk.red('aaaaaaaaaa'), { transformers: [] });
      out.write(3, 0, chalk.inverse('XY'), { transformers: [] });
    });
    expect(cells(ours)).toEqual(cells(ink));
    expect(cells(ours)[0]?.slice(2, 6).map((c) => c[0])).toEqual(['a', 'X', 'Y', 'a']);
  });

  it('any writes, clips, styles, wide, zero-width and combining characters, inside and outside the frame', () => {
    sameAsInk(frame);
  }, fuzzTimeout(30_000));
});

describe('rows of pieces side by side, as the panes draw them', () => {
  it('are the same cell for cell, styles closed or left open, the widths of every kind of character', () => {
    sameAsInk(layout);
  }, fuzzTimeout(30_000));
});

describe('the fast path', () => {
  it("joins a pane's rows as text, without Ink's per-cell tokenizing, whatever styles chalk gave them", () => {
    const out = new InkOutput({ width: 60, height: 2 }) as unknown as InkOutputLike;
    const styled = [chalk.red, chalk.bold, chalk.dim, chalk.italic, chalk.underline, chalk.inverse, chalk.strikethrough, chalk.bgBlue, chalk.gray, chalk.hex('#ff8800'), chalk.bgHex('#003366')];
    const truecolor = new Chalk({ level: 3 });
    // Each style a piece of its own, so each is judged alone.
    [...styled, truecolor.hex('#ff8800'), new Chalk({ level: 2 }).bgHex('#003366')].forEach((style, i) => {
      out.write(i * 2, 0, style('x'), { transformers: [] });
    });
    out.write(0, 1, chalk.dim('│'), { transformers: [] });
    out.write(2, 1, `${chalk.green('●')} ${chalk.bold.yellow('running')} 漢字 😀`, { transformers: [] });
    out.write(40, 1, chalk.dim('│'), { transformers: [] });
    let tokenized = 0;
    const measure = {
      getStyledChars: (line: string) => {
        tokenized++;
        return out.caches.getStyledChars(line);
      },
      getStringWidth: (text: string) => out.caches.getStringWidth(text),
      getWidestLine: (text: string) => out.caches.getWidestLine(text),
    };
    const frame = composeFrame(60, 2, out.operations, measure).output;
    expect(tokenized).toBe(0);
    expect(cells(frame)).toEqual(cells(out.get().output));
  });
});

describe('caches that last across frames', () => {
  it('answer for text the last frame used, and let go of text a frame did not use', () => {
    let asked = 0;
    const own = {
      getStyledChars: (l: string) => {
        asked++;
        return [l];
      },
      getStringWidth: (t: string) => t.length,
      getWidestLine: (t: string) => t.length,
    };
    const caches = new CrossFrameCaches<string[]>();
    caches.forFrame(own).getStyledChars('a');
    caches.forFrame(own).getStyledChars('a');
    caches.forFrame(own).getStyledChars('a');
    expect(asked).toBe(1);
    // A frame without 'a': the next one asks again.
    caches.forFrame(own).getStyledChars('b');
    caches.forFrame(own).getStyledChars('a');
    expect(asked).toBe(3);
    expect(caches.size).toBe(2);
    caches.forFrame(own);
    caches.forFrame(own);
    expect(caches.size).toBe(0);
  });
});
