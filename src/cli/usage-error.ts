/**
 * A failure the user can fix: printed as one line `dms-live: <message>`,
 * never with a stack trace, and the process exits with `exitCode`.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
