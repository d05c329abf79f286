/** Ink's internal `Output` class (ink/build/output.js, Ink 6.8), as cached-ink-output.ts uses it; scripts/build.mjs resolves the name. */
declare module 'ink-internal:output' {
  import type { StyledChar } from '@alcalzone/ansi-tokenize';
  import type { FrameOperation } from './compose-frame.js';

  export interface InkOutputCaches {
    getStyledChars(line: string): StyledChar[];
    getStringWidth(text: string): number;
    getWidestLine(text: string): number;
  }
  export default class Output {
    constructor(options: { width: number; height: number });
    width: number;
    height: number;
    operations: FrameOperation[];
    caches: InkOutputCaches;
    get(): { output: string; height: number };
  }
}
