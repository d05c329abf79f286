import type { LogsApi } from '../aws/apis.js';
import type { AwsErrorContext } from '../aws/errors.js';
import { describeAwsError } from '../aws/errors.js';
import { findLogGroups } from '../discovery/log-groups.js';
import type { SessionInfo } from '../events/types.js';
import type { AttemptEnd } from './live-tail-ends.js';
import { CONTROL, FAILED, formatWait } from './live-tail-ends.js';

export interface OpenFailureContext {
  readonly logs: LogsApi;
  readonly signal: AbortSignal;
  readonly slowRetryMs: number;
  readonly aws?: Omit<AwsErrorContext, 'action'>;
  readonly notify: (info: SessionInfo, text: string) => void;
}

export interface OpenFailure {
  readonly end: AttemptEnd;
  /** Groups that do not exist: the session goes on without them. */
  readonly drop: readonly string[];
}

/**
 * What to do when StartLiveTail refuses to open, so nothing is retried
 * blindly (CloudWatch Logs API reference, StartLiveTail errors):
 * - access denied, a bad parameter: the session cannot work without the
 *   user; say what to do and stop trying;
 * - `LimitExceededException` (the account's concurrent sessions are used
 *   up) and missing or expired credentials: say so, and try again slowly,
 *   since another session closing or `aws sso login` in another terminal
 *   fixes it without a restart;
 * - `ResourceNotFoundException`: find which groups are missing, warn about
 *   each, and go on with the others;
 * - throttling, 5xx, network: back off and retry.
 */
export async function openFailure(err: unknown, groups: readonly { name: string }[], ctx: OpenFailureContext): Promise<OpenFailure> {
  const info = describeAwsError(err, { action: 'logs:StartLiveTail', ...ctx.aws });
  const retry = (text: string, delayMs?: number): OpenFailure => ({
    end: { kind: 'reconnect', reason: info.name, text, ...(delayMs === undefined ? {} : { delayMs }) },
    drop: [],
  });
  const slowly = `dms-live tries again every ${formatWait(ctx.slowRetryMs)}`;
  switch (info.kind) {
    case 'access-denied':
    case 'invalid-parameter':
    case 'config':
      ctx.notify({ event: 'error', reason: info.name, ...(info.action === undefined ? {} : { action: info.action }) }, `Live Tail cannot open: ${info.message}`);
      return { end: FAILED, drop: [] };
    case 'limit-exceeded':
    case 'no-credentials':
    case 'expired-credentials':
    case 'invalid-credentials':
      ctx.notify({ event: 'error', reason: info.name }, `Live Tail cannot open: ${info.message}; ${slowly}`);
      return retry(`could not open (${info.name})`, ctx.slowRetryMs);
    case 'not-found':
      return missingGroups(groups, info.message, ctx, retry(`could not open (${info.message})`));
    default:
      return retry(`could not open (${info.message})`);
  }
}

async function missingGroups(groups: readonly { name: string }[], message: string, ctx: OpenFailureContext, otherwise: OpenFailure): Promise<OpenFailure> {
  let found: Map<string, unknown>;
  try {
    found = await findLogGroups(ctx.logs, groups.map((g) => g.name), ctx.signal);
  } catch {
    return ctx.signal.aborted ? { end: CONTROL, drop: [] } : otherwise;
  }
  const missing = groups.filter((g) => !found.has(g.name)).map((g) => g.name);
  // All there after all (created in between): an ordinary retry.
  if (missing.length === 0) return otherwise;
  const left = groups.length - missing.length;
  for (const name of missing) {
    ctx.notify(
      { event: 'warning', reason: 'ResourceNotFoundException', groups: [name] },
      `log group ${name} does not exist (${message}); Live Tail goes on ${left > 0 ? `with the other ${String(left)} group${left === 1 ? '' : 's'}` : 'once a group appears'}`,
    );
  }
  return { end: CONTROL, drop: missing };
}
