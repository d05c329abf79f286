/**
 * What Ink measures and tokenizes while it turns a frame into text, kept
 * from one frame to the next.
 *
 * Ink (6.8) builds a new `Output` for every frame, and with it new caches:
 * each line of every frame is tokenized again into styled characters
 * (@alcalzone/ansi-tokenize) and each character measured again
 * (string-width). Under a flood that was the dashboard's largest single
 * cost (`npm run bench -- --only live --cpu-prof`: ansi-tokenize and
 * string-width about a third of its busy time), though from one frame to
 * the next most rows are the same text. These caches answer for what this
 * frame or the last one used and ask the frame's own caches for the rest,
 * so what they hold is bounded by two frames' text.
 *
 * Ink's renderer is given this through `cached-ink-output.ts`
 * (scripts/build.mjs puts it in place of Ink's own `output.js`).
 */

/** The part of Ink's per-frame caches (`OutputCaches` in ink/build/output.js) its `Output.get()` calls. */
export interface FrameCaches<Chars> {
  getStyledChars(line: string): Chars;
  getStringWidth(text: string): number;
  getWidestLine(text: string): number;
}

class TwoFrameMap<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();

  /** This frame's value, the last frame's (kept for the next), or `compute`'s. */
  get(key: string, compute: (key: string) => V): V {
    let value = this.current.get(key);
    if (value !== undefined) return value;
    value = this.previous.get(key);
    if (value === undefined) value = compute(key);
    this.current.set(key, value);
    return value;
  }

  /** A new frame: what the last frame did not use is let go. */
  rotate(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }
}

export class CrossFrameCaches<Chars> implements FrameCaches<Chars> {
  private readonly styled = new TwoFrameMap<Chars>();
  private readonly widths = new TwoFrameMap<number>();
  private readonly blocks = new TwoFrameMap<number>();
  private frame: FrameCaches<Chars> | undefined;

  /** A new frame begins; `own` is the frame's own caches, asked for what neither it nor the last frame measured. */
  forFrame(own: FrameCaches<Chars>): this {
    this.frame = own;
    this.styled.rotate();
    this.widths.rotate();
    this.blocks.rotate();
    return this;
  }

  getStyledChars(line: string): Chars {
    return this.styled.get(line, (l) => this.own().getStyledChars(l));
  }

  getStringWidth(text: string): number {
    return this.widths.get(text, (t) => this.own().getStringWidth(t));
  }

  getWidestLine(text: string): number {
    return this.blocks.get(text, (t) => this.own().getWidestLine(t));
  }

  /** Entries held now (this frame's and the last one's). */
  get size(): number {
    return this.styled.size + this.widths.size + this.blocks.size;
  }

  private own(): FrameCaches<Chars> {
    if (this.frame === undefined) throw new Error('CrossFrameCaches used before forFrame()');
    return this.frame;
  }
}
