/**
 * Opening the full-screen dashboard from a command: the live sources it
 * reads (src/watch/live-model.ts, src/watch/fleet-model.ts), built from
 * the command's clients and flags, handed to the launcher the bin gave the
 * CLI (src/cli/hooks.ts), and closed again whatever way the user leaves.
 */
import type { AwsApis } from '../aws/apis.js';
import type { LogGroupFlags } from '../discovery/log-group-plan.js';
import { parseReplicationRef } from '../discovery/replication-ref.js';
import { resolveReplication, type ResolvedReplication } from '../discovery/resolve-replication.js';
import type { Clock } from '../sources/clock.js';
import type { DashboardLauncher, DashboardSource } from '../watch/dashboard-source.js';
import { FleetModel } from '../watch/fleet-model.js';
import { LiveModel } from '../watch/live-model.js';
import { cliFailure } from './aws-options.js';
import { keepHeapNearLive } from './long-run-heap.js';

/** What the dashboard's sources are built from: the watch flags, parsed. */
export interface LiveFlags {
  readonly groups: LogGroupFlags;
  readonly pollMs?: number;
  readonly since?: number;
  readonly tailIdleMs: number;
  readonly readOnly: boolean;
}

export interface DashboardRun {
  readonly launcher: DashboardLauncher;
  readonly apis: AwsApis;
  /** The data clock: the system's, or the sandbox's virtual one in the demo. */
  readonly clock: Clock;
  readonly flags: LiveFlags;
  /** Opened at once; without it the picker lists the region's replications. */
  readonly target?: ResolvedReplication;
  /** One line shown under the header at first. */
  readonly hint?: string;
}

/** A live source for one replication, started. */
export function liveSource(apis: AwsApis, clock: Clock, target: ResolvedReplication, flags: LiveFlags): DashboardSource {
  const model = new LiveModel({
    apis,
    clock,
    target,
    region: apis.region,
    groups: flags.groups,
    tailIdleMs: flags.tailIdleMs,
    ...(flags.pollMs === undefined ? {} : { pollMs: flags.pollMs }),
    ...(flags.since === undefined ? {} : { since: flags.since }),
  });
  void model.open();
  return model;
}

/**
 * Runs the dashboard until the user quits; returns the exit code. Every
 * source opened here is closed before it returns; the caller destroys the
 * clients.
 */
export async function runDashboard(run: DashboardRun): Promise<number> {
  keepHeapNearLive();
  const { apis, clock, flags } = run;
  const opened: DashboardSource[] = [];
  const open = async (configArn: string): Promise<DashboardSource> => {
    let target: ResolvedReplication;
    try {
      target = await resolveReplication(apis, parseReplicationRef(configArn));
    } catch (err) {
      const failure = cliFailure(err);
      throw failure instanceof Error ? failure : new Error(String(failure));
    }
    const source = liveSource(apis, clock, target, flags);
    opened.push(source);
    return source;
  };
  const initial = run.target === undefined ? undefined : liveSource(apis, clock, run.target, flags);
  if (initial !== undefined) opened.push(initial);
  const fleet = run.target === undefined ? new FleetModel({ apis, clock, region: apis.region }) : undefined;
  fleet?.open();
  try {
    return await run.launcher({
      region: apis.region,
      readOnly: flags.readOnly,
      open,
      ...(fleet === undefined ? {} : { fleet }),
      ...(initial === undefined ? {} : { initial }),
      ...(run.hint === undefined ? {} : { hint: run.hint }),
    });
  } finally {
    await Promise.all([...opened.map((s) => s.close()), fleet?.close()]);
  }
}
