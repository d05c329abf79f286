import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject, it } from 'vitest';
import type { ClientProbe } from './client-probes.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where each test file records the conformance tests it skipped (test/global-setup.ts reports them at the end). */
    conformanceSkips: string;
  }
}

/**
 * Whether a missing client may skip its conformance tests. CI installs what
 * it needs (.ci/run): there, a missing `required` client fails the run with
 * the reason instead of skipping in silence. `best-effort` clients (one that
 * only some systems can install) skip everywhere, and say so.
 */
export type ClientNeed = 'required' | 'best-effort';

/** `CI` set to anything but an empty string, `0` or `false`, as CI services do. */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

/**
 * Call at the top of a conformance test file, next to `describe.skipIf(!probe.available)`.
 * Missing in CI and required: one failing test that says what is missing and why.
 * Otherwise missing: a line now, and the skip in the summary at the end of the run.
 */
export function gateOnClient(what: string, probe: ClientProbe, need: ClientNeed): void {
  if (probe.available) return;
  if (need === 'required' && inCi()) {
    it(`${what}: the client they need is installed`, () => {
      throw new Error(`CI must run ${what}, but ${probe.detail}. .ci/run installs the AWS CLI v1 and boto3 (python3 -m pip install awscli boto3); see its output.`);
    });
    return;
  }
  process.stderr.write(`[conformance] skipping ${what}: ${probe.detail}\n`);
  writeFileSync(join(inject('conformanceSkips'), `${randomUUID()}.txt`), `${what}: ${probe.detail}\n`);
}
