import type { Command } from 'commander';
import { ReplicationActions, type ActionResult } from '../../actions/replication-actions.js';
import type { AwsApis } from '../../aws/apis.js';
import type { ResolvedReplication } from '../../discovery/resolve-replication.js';
import { toSafeLine } from '../../parse/safe-text.js';
import { systemClock } from '../../sources/clock.js';
import { resolveTargetFor } from '../aws-options.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';

/** What `start`/`stop` hand to a follow-up such as `--watch`, with the clients still open. */
export interface ActionDone {
  readonly apis: AwsApis;
  readonly target: ResolvedReplication;
  readonly result: ActionResult & { readonly outcome: 'succeeded' };
}

/**
 * Resolves the replication, asks `decide` whether the action fits its
 * status (a refusal: one line, exit 1 or 2), sends it once, prints the
 * outcome, and returns 0 (or what `then` returns). A refusal from DMS is a
 * one-line error with exit 1.
 */
export async function runAction(
  command: Command,
  io: CliIo,
  ref: string,
  decide: (target: ResolvedReplication) => (actions: ReplicationActions) => Promise<ActionResult>,
  then?: (done: ActionDone) => Promise<number>,
): Promise<number> {
  const { apis, target } = await resolveTargetFor(command, io, ref);
  try {
    const send = decide(target);
    const actions = new ReplicationActions({
      dms: apis.dms,
      configArn: target.configArn,
      label: target.identifier,
      clock: systemClock,
      sink: () => undefined,
      context: { region: apis.region, ...(apis.profile === undefined ? {} : { profile: apis.profile }), ...(apis.endpoints?.dms === undefined ? {} : { endpoint: apis.endpoints.dms }) },
    });
    const result = await send(actions);
    if (result.outcome === 'failed') throw new UsageError(`${target.identifier}: ${result.error.message}`, 1);
    const what = result.name === 'start' ? `start (${result.startType ?? ''}) accepted` : 'stop accepted';
    const status = result.snapshot?.status;
    // With a follow-up (start --watch), stdout belongs to the watch (NDJSON with --json): the line goes to stderr.
    const out = then === undefined ? io.stdout : io.stderr;
    out.write(`${toSafeLine(target.identifier)}: ${what}${status === undefined ? '' : `, status ${toSafeLine(status)}`}\n`);
    return then === undefined ? 0 : await then({ apis, target, result });
  } finally {
    apis.destroy();
  }
}
