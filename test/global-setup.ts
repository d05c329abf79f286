import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Builds the bundled bin once, so CLI tests run exactly what users run.
 * Collects the conformance tests a developer's machine skipped (no AWS CLI,
 * no boto3; see test/conformance/client-gate.ts) and says so after the run,
 * where it cannot scroll away unseen.
 */
export default function setup(project: TestProject): () => void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const skips = mkdtempSync(join(tmpdir(), 'dms-live-conformance-skips-'));
  project.provide('conformanceSkips', skips);
  return () => {
    const lines = readdirSync(skips).map((file) => readFileSync(join(skips, file), 'utf8').trim());
    rmSync(skips, { recursive: true, force: true });
    if (lines.length === 0) return;
    const unique = [...new Set(lines)].sort();
    process.stderr.write(`\nConformance tests skipped because their client is missing here:\n${unique.map((l) => `  - ${l}`).join('\n')}\n`);
  };
}
