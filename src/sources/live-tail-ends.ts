/**
 * Why a Live Tail attempt ended, and what the session does next. Every end
 * of an open stream is a reason to reconnect (CloudWatch Logs API reference,
 * StartLiveTail: a session ends after 3 hours with `SessionTimeoutException`,
 * `SessionStreamingException` is a server fault; and any HTTP body can end
 * or be cut). Only an abort by dms-live itself is not an error.
 */

/** What the run loop does after an attempt. */
export type AttemptEnd =
  /** dms-live asked (stop, suspend, new groups): no reconnect message, the loop looks at the new state. */
  | { readonly kind: 'control' }
  /** The session cannot go on without the user (access denied, a bad parameter). */
  | { readonly kind: 'failed' }
  | {
      readonly kind: 'reconnect';
      /** Short, for `SessionInfo.reason`: an error name, `heartbeat lost`, `rollover`, ... */
      readonly reason: string;
      /** What happened, in words, for the session event's text. */
      readonly text: string;
      /** Wait this long instead of the next backoff step. */
      readonly delayMs?: number;
      /** Not a failure (rollover): the attempt count stays. */
      readonly planned?: boolean;
    };

export const CONTROL: AttemptEnd = { kind: 'control' };
export const FAILED: AttemptEnd = { kind: 'failed' };

/** Why dms-live aborted a stream itself (an `AbortController` reason). */
export class StreamAbort {
  constructor(
    readonly why: 'silence' | 'rollover',
    readonly silentMs = 0,
  ) {}
}

/** The end of a stream that dms-live aborted, by the abort's reason; undefined for any other reason. */
export function abortEnd(reason: unknown): AttemptEnd | undefined {
  if (!(reason instanceof StreamAbort)) return undefined;
  if (reason.why === 'rollover') {
    return { kind: 'reconnect', reason: 'rollover', text: 'rolls over to a new session before the 3-hour limit', delayMs: 0, planned: true };
  }
  const seconds = Math.round(reason.silentMs / 1000);
  return { kind: 'reconnect', reason: 'heartbeat lost', text: `stream is dead: no heartbeat for ${seconds}s` };
}

/**
 * An open stream's end, from what the SDK's `for await` threw (undefined:
 * the body simply ended). The ways it ends are listed with the SDK's
 * behaviour for each in the project's Live Tail notes: a clean end, the two
 * exceptions by `name`, `Truncated event message received.` for a cut
 * frame, `aborted`/`ECONNRESET` for a killed socket.
 */
export function streamEnd(err: unknown): AttemptEnd {
  if (err === undefined) return { kind: 'reconnect', reason: 'stream ended', text: 'stream ended' };
  const e = (typeof err === 'object' && err !== null ? err : {}) as { name?: unknown; message?: unknown; code?: unknown };
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : typeof err === 'string' ? err : 'unknown error';
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (name === 'SessionTimeoutException') {
    return { kind: 'reconnect', reason: name, text: 'session reached its 3-hour limit (SessionTimeoutException)' };
  }
  if (name === 'SessionStreamingException') {
    return { kind: 'reconnect', reason: name, text: 'stream failed on the CloudWatch side (SessionStreamingException)' };
  }
  if (message === 'Truncated event message received.') {
    return { kind: 'reconnect', reason: 'truncated frame', text: 'stream was cut in the middle of a frame' };
  }
  if (code === 'ECONNRESET' || message === 'aborted' || /ECONNRESET|socket hang up/i.test(message)) {
    return { kind: 'reconnect', reason: code ?? 'connection reset', text: `connection was reset (${code ?? message})` };
  }
  return { kind: 'reconnect', reason: name, text: `stream failed (${name}: ${message})` };
}

/**
 * Whether `signal` is aborted now. A call, not a property read, so that
 * TypeScript does not carry a narrowing of `signal.aborted` across an
 * `await` during which it may have changed.
 */
export function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}

/** `12 s`, `1 min 5 s`: a wait as people read it. */
export function formatWait(ms: number): string {
  // Backoff waits start under a second: tenths there, whole seconds beyond 10 s.
  if (ms < 9950) return `${String(Math.round(ms / 100) / 10)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${String(s)} s`;
  const rest = s % 60;
  return rest === 0 ? `${String(s / 60)} min` : `${String(Math.floor(s / 60))} min ${String(rest)} s`;
}
