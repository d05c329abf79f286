import type { DashboardLauncher } from '../watch/dashboard-source.js';

/**
 * What the bin hands the CLI from the UI side: src/ never imports Ink or
 * components/ (the layers' rule in eslint.config.js), so the dashboard is
 * passed in, loaded only when a command opens it (`--help` and the
 * headless commands never load React or Ink).
 */
export interface CliHooks {
  readonly loadDashboard?: () => Promise<DashboardLauncher>;
}
