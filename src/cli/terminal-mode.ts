/**
 * Whether a command opens the full-screen dashboard or writes lines. The
 * dashboard needs a person at a terminal: stdout and stdin both TTYs, no
 * `--json` or `--until` (both are for scripts), and not a CI job. CI is
 * told the way Ink tells it (its `is-in-ci` dependency, which also makes
 * Ink skip every frame but the last): `CI` or `CONTINUOUS_INTEGRATION`
 * set to anything but `0` or `false`.
 */
import type { CliIo } from './io.js';

export interface OutputChoice {
  readonly json?: boolean;
  readonly until?: string;
}

export function isInCi(env: NodeJS.ProcessEnv): boolean {
  const set = (key: string): boolean => env[key] !== undefined && env[key] !== '0' && env[key] !== 'false';
  return set('CI') || set('CONTINUOUS_INTEGRATION');
}

function isTty(stream: NodeJS.WritableStream | NodeJS.ReadableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/** True when the dashboard should open rather than headless output. */
export function wantsDashboard(io: CliIo, env: NodeJS.ProcessEnv, choice: OutputChoice = {}): boolean {
  if (choice.json === true || choice.until !== undefined) return false;
  return isTty(io.stdout) && isTty(io.stdin) && !isInCi(env);
}
