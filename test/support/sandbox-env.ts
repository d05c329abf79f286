import { afterEach, vi } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

/**
 * The environment a user gets by pasting the sandbox's exports: dummy keys,
 * its region, the sandbox as endpoint, and nothing of the developer's own
 * AWS setup. Undone after the test.
 */
export function pointCliAt(sandbox: Sandbox): void {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'sandbox');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'sandbox');
  vi.stubEnv('AWS_SESSION_TOKEN', undefined);
  vi.stubEnv('AWS_PROFILE', undefined);
  vi.stubEnv('AWS_REGION', sandbox.region);
  vi.stubEnv('AWS_ENDPOINT_URL', sandbox.url);
  vi.stubEnv('DMS_REPLICATION_ID', undefined);
}
