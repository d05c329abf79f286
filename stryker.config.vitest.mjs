// @ts-check
import process from 'node:process';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The tests Stryker runs for each mutant of a folder (stryker.config.mjs,
 * DMS_LIVE_MUTATE): those written for it and the fast end-to-end ones that
 * exercise it. Not the whole suite: instrumented, on one core, the live and
 * watch tests (real sockets, seconds each) would run for hours, and the
 * conformance tests (the AWS CLI, boto3) cannot notice what the sandbox
 * tests miss. A score is therefore what these tests alone catch: a floor.
 */
const TESTS = {
  'src/parse': ['test/parse/**', 'test/replay/**', 'test/fuzz/parse.test.ts', 'test/fuzz/readers.test.ts', 'test/promises/postgres-severity.test.ts', 'test/output/ndjson.test.ts'],
  'src/select': ['test/select/**', 'test/promises/failure-hints.test.ts', 'test/output/report.test.ts', 'test/replay/run-replay.test.ts'],
  'src/store': ['test/store/**', 'test/replay/**'],
  'src/sandbox/player': [
    'test/sandbox/dms.test.ts',
    'test/sandbox/scenarios.test.ts',
    'test/sandbox/log-text.test.ts',
    'test/promises/sandbox-player.test.ts',
    'test/promises/sandbox-options.test.ts',
    'test/promises/sandbox-state-rules.test.ts',
    'test/promises/sandbox-sessions.test.ts',
    'test/promises/sandbox-runs.test.ts',
    'test/promises/sandbox-sources.test.ts',
  ],
};

const folder = process.env.DMS_LIVE_MUTATE ?? 'src/parse';
// DMS_LIVE_MUTATE_TESTS (comma-separated globs) measures other tests, e.g. what a folder scored before some were added.
const globs = process.env.DMS_LIVE_MUTATE_TESTS?.split(',').filter((g) => g !== '') ?? TESTS[folder] ?? ['test/**'];
const include = globs.map((glob) => (glob.endsWith('/**') ? `${glob}/*.test.ts` : glob));

// Not mergeConfig: it would add these globs to the base's instead of replacing them.
export default defineConfig({ ...base, test: { ...base.test, include, exclude: ['test/conformance/**', 'node_modules/**'] } });
