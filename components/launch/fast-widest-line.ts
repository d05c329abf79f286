/** widest-line's module shape for Ink (scripts/build.mjs): its default export, with `fastWidth`. */
export { widestLine as default } from './fast-width.js';
