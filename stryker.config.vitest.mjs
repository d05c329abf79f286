// @ts-check
import process from 'node:process';
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The tests Stryker runs for each mutant of a folder (stryker.config.mjs,
 * DMS_LIVE_MUTATE): those written for it, and the end-to-end ones that
 * exercise it. Not the whole suite: instrumented, on one core, that takes
 * longer than the mutants it would kill are worth, and the conformance tests
 * (the AWS CLI, boto3) cannot notice what the sandbox tests miss.
 */
const TESTS = {
  'src/parse': ['test/parse/**', 'test/replay/**', 'test/fuzz/parse.test.ts', 'test/fuzz/readers.test.ts', 'test/promises/postgres-severity.test.ts', 'test/output/ndjson.test.ts', 'test/watch/**', 'test/sources/**'],
  'src/select': ['test/select/**', 'test/promises/failure-hints.test.ts', 'test/output/report.test.ts', 'test/replay/run-replay.test.ts', 'test/watch/**'],
  'src/store': ['test/store/**', 'test/replay/**', 'test/watch/**', 'test/sources/**'],
  'src/sandbox/player': ['test/sandbox/**', 'test/promises/sandbox-*.test.ts', 'test/fuzz/scenarios.test.ts', 'test/fuzz/sandbox-http.test.ts'],
};

const folder = process.env.DMS_LIVE_MUTATE ?? 'src/parse';
const include = (TESTS[folder] ?? ['test/**']).map((glob) => (glob.endsWith('/**') ? `${glob}/*.test.ts` : glob));

export default mergeConfig(base, defineConfig({ test: { include, exclude: ['test/conformance/**', 'node_modules/**'] } }));
