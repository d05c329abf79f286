import type { Command } from 'commander';
import type { CliIo } from '../io.js';

// Placeholder until replay lands (issue 2).
export function registerReplay(_program: Command, _io: CliIo, _setExitCode: (code: number) => void): void {
  return;
}
