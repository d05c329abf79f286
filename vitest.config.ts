import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // The CLI tests run the built bundle; it is built once before the run.
    globalSetup: ['test/global-setup.ts'],
    // The CLI's sandbox and demo run real PostgreSQL servers by default; tests that want one ask for it.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', DMS_LIVE_POSTGRES: 'simulated' },
  },
});
