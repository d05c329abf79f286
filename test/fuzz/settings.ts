import type { Parameters } from 'fast-check';

/**
 * How much the property tests try. The normal test run is short and always
 * the same (a fixed seed: a green run stays green, a red one is
 * reproducible). `npm run fuzz` (scripts/fuzz.mjs) sets these variables for
 * a long run with a fresh seed, which it prints; a failure names its seed
 * and path, and `npm run fuzz -- --seed S --path P` replays it.
 */
const RUNS = process.env.DMS_LIVE_FUZZ_RUNS;
const SEED = process.env.DMS_LIVE_FUZZ_SEED;
const PATH = process.env.DMS_LIVE_FUZZ_PATH;

/** True for `npm run fuzz`; false in the normal test run. */
export const LONG_RUN = RUNS !== undefined && RUNS !== '';

/** The seed of the normal run: any fixed number would do. */
const SHORT_SEED = 20_240_501;

export const FUZZ_SEED = SEED !== undefined && SEED !== '' ? Number(SEED) : SHORT_SEED;

/** fast-check parameters for one property: `shortRuns` cases in the normal run, `--runs` in a long one. */
export function fuzzParams<T>(shortRuns: number): Parameters<T> {
  return {
    seed: FUZZ_SEED,
    numRuns: LONG_RUN ? Number(RUNS) : shortRuns,
    ...(PATH !== undefined && PATH !== '' ? { path: PATH, endOnFailure: true } : {}),
  };
}

/** A vitest timeout for a property test: a long run has none worth speaking of. */
export function fuzzTimeout(shortMs: number): number {
  return LONG_RUN ? 24 * 60 * 60 * 1000 : shortMs;
}
