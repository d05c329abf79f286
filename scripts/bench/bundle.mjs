// Bundles a bench entry (an .mjs that imports the project's TypeScript) into
// .bench/ with the options scripts/build.mjs uses for the bin, so what is
// measured runs as built JavaScript, not through a TypeScript loader.
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { onCleanup } from './children.mjs';

export const BENCH_DIR = '.bench';

const banner = ["import { createRequire as __benchCreateRequire } from 'node:module';", 'const require = __benchCreateRequire(import.meta.url);'].join('\n');

/**
 * Bundles `entry` to .bench/<name>.<pid>.bundle.mjs (one per bench process,
 * so two benches never read each other's half-written file); returns its
 * absolute path. Removed when the bench ends.
 */
export async function bundle(entry, name) {
  mkdirSync(BENCH_DIR, { recursive: true });
  const outfile = resolve(join(BENCH_DIR, `${name}.${process.pid}.bundle.mjs`));
  onCleanup(() => rmSync(outfile, { force: true }), { untilExit: true });
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: banner },
    define: { 'process.env.NODE_ENV': '"production"' },
    external: ['react-devtools-core'],
    logLevel: 'warning',
  });
  return outfile;
}
