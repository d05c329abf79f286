/**
 * Input that replay cannot work with: empty, or holding no log events. It
 * says what is wrong in one line; the command that ran replay decides how
 * to show it (the CLI prints it and exits 2). Replay knows nothing of the
 * CLI: data flows from it, never back into `cli/`.
 */
export class ReplayInputError extends Error {
  override readonly name = 'ReplayInputError';
}
