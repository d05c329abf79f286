/** Why writing failed, in words, for the errors a full disk or a broken destination gives. */
const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file is too large',
  EIO: 'input/output error',
  EBADF: 'it is not open for writing',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOBUFS: 'the system ran out of buffer space',
  ECONNRESET: 'the connection was reset',
};

/**
 * The one line to print when the output cannot be written, or undefined
 * when there is nothing to tell: EPIPE means the reader went away
 * (`dms-live replay --json x | head`), which is how pipes end, not a failure.
 */
export function describeWriteFailure(err: Error & { code?: unknown }, what = 'the output'): string | undefined {
  const code = typeof err.code === 'string' ? err.code : undefined;
  if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED') return undefined;
  const reason = code === undefined ? err.message : (REASONS[code] ?? err.message.replace(`${code}: `, ''));
  return `cannot write ${what}: ${reason}${code === undefined ? '' : ` (${code})`}`;
}
