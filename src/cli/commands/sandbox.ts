import type { Command } from 'commander';
import type { CliIo } from '../io.js';

// Placeholder until the sandbox lands (issue 3): registers nothing yet.
export function registerSandbox(_program: Command, _io: CliIo, _setExitCode: (code: number) => void): void {
  return;
}
