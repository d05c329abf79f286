// Bundles the dms-live bin into one ESM file: start-up is about half that of
// tsc output (see ../shared/guide/facts.md, "Start to first frame").
import { build } from 'esbuild';

const banner = [
  '#!/usr/bin/env node',
  "import { createRequire as __dmsLiveCreateRequire } from 'node:module';",
  'const require = __dmsLiveCreateRequire(import.meta.url);',
].join('\n');

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/dms-live.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  banner: { js: banner },
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink loads the React devtools only when DEV=true; never bundle them.
  external: ['react-devtools-core'],
  logLevel: 'warning',
});
