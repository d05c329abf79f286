import type { CliHooks } from './hooks.js';

/** The streams a command talks through (tests pass their own), and the dashboard it may open instead. */
export interface CliIo extends CliHooks {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
}
