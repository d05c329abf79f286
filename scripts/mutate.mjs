#!/usr/bin/env node
/**
 * npm run mutate: Stryker's mutation testing (stryker.config.mjs), one
 * folder at a time, each with its own incremental file so that a rerun
 * only tests the mutants whose code or tests changed. Not part of CI.
 *
 *   npm run mutate                     # src/parse, src/select, src/store, src/sandbox/player, in turn
 *   npm run mutate -- src/store        # one folder
 *   DMS_LIVE_MUTATE_TAG=before DMS_LIVE_MUTATE_TESTS='test/store/**' npm run mutate -- src/store
 *                                      # other tests, reported apart (coverage/stryker/store-before/)
 *
 * Prints each folder's mutation score at the end; the HTML reports are in
 * coverage/stryker/<folder>/index.html.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const DEFAULT_FOLDERS = ['src/parse', 'src/select', 'src/store', 'src/sandbox/player'];
const folders = process.argv.slice(2).length > 0 ? process.argv.slice(2).map((f) => f.replace(/\/+$/, '')) : DEFAULT_FOLDERS;
for (const folder of folders) {
  if (!existsSync(folder)) {
    console.error(`mutate: no folder ${folder}`);
    process.exit(2);
  }
}

/** The mutation score of a Stryker JSON report: killed and timed-out mutants over all that were tested. */
function score(folder) {
  const tag = process.env.DMS_LIVE_MUTATE_TAG;
  const name = `${folder.replace(/^src\//, '').replaceAll('/', '-')}${tag === undefined ? '' : `-${tag}`}`;
  const file = `coverage/stryker/${name}/mutation.json`;
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const counts = {};
  for (const f of Object.values(report.files)) for (const m of f.mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const undetected = (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  return { detected, undetected, ignored: counts.Ignored ?? 0, percent: (100 * detected) / Math.max(1, detected + undetected) };
}

let failed = false;
for (const folder of folders) {
  console.log(`mutate: ${folder}`);
  const run = spawnSync(process.execPath, ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', 'stryker.config.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, DMS_LIVE_MUTATE: folder },
  });
  if (run.status !== 0) failed = true;
}
console.log('');
console.log('mutate: scores (killed or timed out / all tested; static mutants ignored)');
for (const folder of folders) {
  const s = score(folder);
  console.log(s === undefined ? `  ${folder}: no report` : `  ${folder.padEnd(20)} ${s.percent.toFixed(1).padStart(5)} %  (${s.detected} detected, ${s.undetected} undetected, ${s.ignored} ignored)`);
}
process.exit(failed ? 1 : 0);
