// The `dms-live` bin (scripts/build.mjs bundles it): the command line of
// src/cli, given the full-screen dashboard it opens in a terminal. The
// dashboard's code (React, Ink) loads only when a command opens it.
import { runBin } from '../src/cli/bin.js';

await runBin({
  loadDashboard: async () => (await import('./launch/launch-dashboard.js')).launchDashboard,
});
