// @ts-check
import process from 'node:process';

/**
 * Mutation testing (npm run mutate; not part of CI): Stryker changes the
 * code of one folder a little at a time (a `<` for a `<=`, a condition for
 * `true`, ...) and runs the tests that cover each change; a change no test
 * notices is a gap in the tests. scripts/mutate.mjs runs one folder at a
 * time (DMS_LIVE_MUTATE) with its own incremental file, so a rerun only
 * tests what changed since. Everything it writes stays under coverage/.
 */
const folder = process.env.DMS_LIVE_MUTATE ?? 'src/parse';
// DMS_LIVE_MUTATE_TAG keeps a run with other tests (stryker.config.vitest.mjs) apart from the usual one.
const name = `${folder.replace(/^src\//, '').replaceAll('/', '-')}${process.env.DMS_LIVE_MUTATE_TAG === undefined ? '' : `-${process.env.DMS_LIVE_MUTATE_TAG}`}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'stryker.config.vitest.mjs', related: true },
  mutate: [`${folder}/**/*.ts`],
  coverageAnalysis: 'perTest',
  // A mutant in a module-level constant needs every test run again in a
  // fresh process: hours on a 2-core machine for little news.
  ignoreStatic: true,
  // These machines have 2 cores, shared.
  concurrency: 1,
  incremental: true,
  incrementalFile: `coverage/stryker/${name}/incremental.json`,
  tempDirName: 'coverage/.stryker-tmp',
  // Build outputs: no test Stryker runs reads them (stryker.config.vitest.mjs),
  // and a build during a run replaces dist/ under its copy.
  ignorePatterns: ['dist', 'dist.next-*', 'dist.old', '.bench'],
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `coverage/stryker/${name}/index.html` },
  jsonReporter: { fileName: `coverage/stryker/${name}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  timeoutMS: 10_000,
  dryRunTimeoutMinutes: 20,
  thresholds: { high: 80, low: 60, break: null },
};
