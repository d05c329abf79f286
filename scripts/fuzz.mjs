#!/usr/bin/env node
/**
 * npm run fuzz: the property tests of test/fuzz, long. The normal test run
 * plays them briefly with a fixed seed; this plays each property --runs
 * times (default 2000) from a fresh seed, printed first so that a failure
 * can be replayed exactly:
 *
 *   npm run fuzz                          # 2000 runs per property, a new seed
 *   npm run fuzz -- --runs 20000          # longer
 *   npm run fuzz -- --seed 123 --runs 2000 [--path "35:0:1"]   # replay a failure
 *   npm run fuzz -- test/fuzz/parse.test.ts                    # one file
 *
 * Other arguments go to vitest.
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

const args = process.argv.slice(2);
const take = (name) => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const [, value] = args.splice(at, 2);
  if (value === undefined || value.startsWith('--')) {
    console.error(`fuzz: ${name} needs a value`);
    process.exit(2);
  }
  return value;
};
const runs = take('--runs') ?? '2000';
const seed = take('--seed') ?? String(randomInt(2 ** 31));
const path = take('--path');
if (!/^[1-9]\d*$/.test(runs)) {
  console.error(`fuzz: --runs must be a whole number of at least 1, got "${runs}"`);
  process.exit(2);
}
if (!/^-?\d+$/.test(seed)) {
  console.error(`fuzz: --seed must be a whole number, got "${seed}"`);
  process.exit(2);
}
const files = args.filter((a) => !a.startsWith('-'));
const flags = args.filter((a) => a.startsWith('-'));
console.log(`fuzz: seed ${seed}, ${runs} runs per property${path === undefined ? '' : `, path ${path}`}`);
console.log(`fuzz: replay with: npm run fuzz -- --seed ${seed} --runs ${runs}${files.length > 0 ? ` ${files.join(' ')}` : ''}`);
const result = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', ...(files.length > 0 ? files : ['test/fuzz']), '--testTimeout=86400000', ...flags],
  {
    stdio: 'inherit',
    env: { ...process.env, DMS_LIVE_FUZZ_RUNS: runs, DMS_LIVE_FUZZ_SEED: seed, ...(path === undefined ? {} : { DMS_LIVE_FUZZ_PATH: path }) },
  },
);
console.log(`fuzz: seed ${seed} ${result.status === 0 ? 'passed' : 'FAILED'}`);
process.exit(result.status ?? 1);
