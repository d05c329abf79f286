import type { Command } from 'commander';
import type { AwsApis } from '../../aws/apis.js';
import { listReplicationConfigs } from '../../aws/dms-listing.js';
import { AwsFailure, contextFor, describeAwsError } from '../../aws/errors.js';
import type { ReplicationSnapshot } from '../../events/types.js';
import { BufferedWriter } from '../../output/buffered-writer.js';
import { replicationNdjsonLine } from '../../output/replication-record.js';
import { orderForList, replicationTable } from '../../output/replication-table.js';
import { toReplicationSnapshot } from '../../parse/replication.js';
import { fetchFleet } from '../../sources/fleet-poller.js';
import { AWS_OPTIONS_HELP, awsApisFor, cliFailure } from '../aws-options.js';
import type { CliIo } from '../io.js';

interface ListFlags {
  readonly json?: boolean;
}

export const AWS_EXIT_HELP = `
Exit codes:
  0  done
  1  AWS refused or failed (not found, access denied, wrong state, throttled, network)
  2  bad usage (unknown flag, malformed ARN, bad endpoint URL, no region)`;

export function registerList(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('list')
    .description('Every DMS Serverless replication of the region: status, type, capacity, full-load progress; failed ones first')
    .option('--json', 'one NDJSON record per replication instead of the table')
    .addHelpText(
      'after',
      `${AWS_EXIT_HELP}
${AWS_OPTIONS_HELP}

Examples:
  dms-live list --region eu-central-1
  dms-live list --json | jq -r 'select(.status == "failed") | .identifier'
  dms-live --endpoint-url http://127.0.0.1:4577 list     # the sandbox`,
    )
    .action(async (flags: ListFlags, cmd: Command) => {
      const apis = await awsApisFor(cmd, io);
      try {
        const snapshots = await listAll(apis, io);
        // At the pace of the reader (a fleet's NDJSON into a slow pipe): see BufferedWriter.
        const out = new BufferedWriter(io.stdout);
        if (flags.json === true) {
          for (const s of orderForList(snapshots)) {
            out.write(replicationNdjsonLine(s, apis.region));
            if (out.backedUp) await out.flush();
          }
        } else {
          out.write(replicationTable(snapshots, Date.now()));
        }
        await out.flush();
        setExitCode(0);
      } finally {
        apis.destroy();
      }
    });
}

/**
 * DescribeReplications (every page), plus configs it does not show: DMS
 * documents it for provisioned replications, so a config that never ran
 * may be missing there; it is listed as `created`.
 */
async function listAll(apis: AwsApis, io: CliIo): Promise<ReplicationSnapshot[]> {
  let snapshots: ReplicationSnapshot[];
  try {
    snapshots = await fetchFleet(apis.dms);
  } catch (err) {
    throw cliFailure(new AwsFailure(describeAwsError(err, contextFor(apis, 'dms:DescribeReplications'))));
  }
  try {
    const known = new Set(snapshots.map((s) => s.configArn));
    for (const c of await listReplicationConfigs(apis.dms)) {
      if (c.ReplicationConfigArn === undefined || known.has(c.ReplicationConfigArn)) continue;
      snapshots.push(
        toReplicationSnapshot({
          ReplicationConfigArn: c.ReplicationConfigArn,
          ReplicationConfigIdentifier: c.ReplicationConfigIdentifier,
          ReplicationType: c.ReplicationType,
          Status: 'created',
          ReplicationCreateTime: c.ReplicationConfigCreateTime,
          ReplicationUpdateTime: c.ReplicationConfigUpdateTime,
        }),
      );
    }
  } catch (err) {
    const why = describeAwsError(err, contextFor(apis, 'dms:DescribeReplicationConfigs')).message;
    io.stderr.write(`dms-live: note: replications that never ran may be missing (${why})\n`);
  }
  return snapshots;
}
