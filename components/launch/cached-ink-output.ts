/**
 * Ink's `Output` (one per frame) made cheaper: its caches last across
 * frames (cross-frame-caches.ts) and rows whose pieces sit side by side are
 * joined as text instead of cell by cell (compose-frame.ts).
 * scripts/build.mjs bundles this module in place of `ink/build/output.js`
 * where Ink's renderer imports it, and resolves `ink-internal:output` here
 * to the original. Ink's version is pinned in package.json, as this relies
 * on its internals: `Output` keeps `width`, `height`, `operations` and
 * `caches`, and the renderer calls `get()` once per frame.
 */
import type { StyledChar } from '@alcalzone/ansi-tokenize';
import InkOutput from 'ink-internal:output';
import { composeFrame } from './compose-frame.js';
import { CrossFrameCaches } from './cross-frame-caches.js';

const shared = new CrossFrameCaches<StyledChar[]>();

export default class CachedInkOutput extends InkOutput {
  constructor(options: { width: number; height: number }) {
    super(options);
    this.caches = shared.forFrame(this.caches);
  }

  override get(): { output: string; height: number } {
    return composeFrame(this.width, this.height, this.operations, this.caches);
  }
}
