import type { DmsApi } from '../aws/apis.js';
import { logGroupName } from '../parse/source.js';
import { exportCommandFor, sourceDatabaseOf, type RdsLogGroup, type SourceDatabase } from './source-database.js';

/** What the user asked for besides the replication itself (`watch` flags). */
export interface LogGroupFlags {
  /** `--log-group`, repeatable: names or ARNs of more groups to tail. */
  readonly extraGroups?: readonly string[];
  /** `--rds-log-group`: the source's PostgreSQL group, overriding discovery. */
  readonly rdsGroup?: string;
  /** `--no-rds`: no PostgreSQL group at all. */
  readonly noRds?: boolean;
}

export type GroupRole = 'dms' | 'rds' | 'extra';

export interface WantedGroup {
  readonly name: string;
  readonly role: GroupRole;
  /** For a discovered RDS group: the instance or cluster, to say how to export its log. */
  readonly rds?: RdsLogGroup;
}

export interface LogGroupPlan {
  readonly groups: readonly WantedGroup[];
  /** The source database as the endpoint describes it, when DMS told us. */
  readonly source?: SourceDatabase;
  /** Why there is no PostgreSQL group, when there is none and the user did not say `--no-rds`. */
  readonly noRdsReason?: string;
}

/** `dms-serverless-replication-<resource id>`: where DMS Serverless writes a replication's logs. */
export function dmsLogGroupOf(resourceId: string): string {
  return `dms-serverless-replication-${resourceId}`;
}

/**
 * The log groups a replication needs: its DMS group, its source's
 * PostgreSQL group (from DescribeEndpoints, unless overridden or turned
 * off) and any the user added. Existence is checked apart (findLogGroups):
 * the DMS group appears only when the replication first runs.
 */
export async function planLogGroups(
  dms: DmsApi,
  target: { readonly resourceId: string; readonly sourceEndpointArn?: string },
  flags: LogGroupFlags,
  signal?: AbortSignal,
): Promise<LogGroupPlan> {
  const groups: WantedGroup[] = [{ name: dmsLogGroupOf(target.resourceId), role: 'dms' }];
  let source: SourceDatabase | undefined;
  let noRdsReason: string | undefined;
  if (flags.rdsGroup !== undefined) {
    groups.push({ name: logGroupName(flags.rdsGroup), role: 'rds' });
  } else if (flags.noRds !== true) {
    if (target.sourceEndpointArn === undefined) {
      noRdsReason = 'DMS names no source endpoint for this replication';
    } else {
      const answer = await dms.describeEndpoints({ Filters: [{ Name: 'endpoint-arn', Values: [target.sourceEndpointArn] }] }, signal);
      const endpoint = answer.Endpoints?.[0];
      if (endpoint === undefined) {
        noRdsReason = `the source endpoint ${target.sourceEndpointArn} was not found`;
      } else {
        source = sourceDatabaseOf(endpoint);
        if (source.logGroup !== undefined) groups.push({ name: source.logGroup.name, role: 'rds', rds: source.logGroup });
        else noRdsReason = source.noLogGroupReason;
      }
    }
  }
  for (const extra of flags.extraGroups ?? []) {
    const name = logGroupName(extra);
    if (!groups.some((g) => g.name === name)) groups.push({ name, role: 'extra' });
  }
  return { groups, ...(source === undefined ? {} : { source }), ...(noRdsReason === undefined ? {} : { noRdsReason }) };
}

/** What to tell the user about a group that does not exist (yet). */
export function missingGroupNotice(group: WantedGroup, everRan: boolean): string {
  switch (group.role) {
    case 'dms':
      return everRan
        ? `log group ${group.name} does not exist although the replication ran: check the region and logs:DescribeLogGroups; waiting for it`
        : `log group ${group.name} does not exist yet: DMS creates it when the replication first runs; waiting for it and joining it when it appears`;
    case 'rds':
      return group.rds === undefined
        ? `log group ${group.name} does not exist: check --rds-log-group; waiting for it`
        : `log group ${group.name} does not exist: the ${group.rds.kind === 'cluster' ? 'cluster' : 'instance'} ${group.rds.id} does not export its postgresql log to CloudWatch; enable it with: ${exportCommandFor(group.rds)}`;
    case 'extra':
      return `log group ${group.name} does not exist (--log-group); waiting for it`;
  }
}
