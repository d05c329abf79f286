/**
 * From what the user typed to the replication itself: its ARN, resource id,
 * name, first snapshot and endpoints.
 *
 * - An ARN: DescribeReplications with the `replication-config-arn` filter.
 * - A resource id: DMS has no filter for it, and the ARN needs the account,
 *   so the region's configs are listed (DescribeReplicationConfigs, paged)
 *   and the one whose ARN ends with it is taken.
 * - A name: DescribeReplications with the `replication-config-id` filter.
 *
 * DescribeReplications describes "provisioned" replications (DMS API
 * Reference). The sandbox, like AWS in the walkthrough this project started
 * from, lists a config that never ran with Status `created`; should AWS
 * leave it out instead, the config is found with DescribeReplicationConfigs
 * and read as `created`. An unknown name or id lists the close ones.
 */
import type { ReplicationConfig } from '@aws-sdk/client-database-migration-service';
import type { AwsApis } from '../aws/apis.js';
import { listReplicationConfigs } from '../aws/dms-listing.js';
import { AwsFailure, contextFor, describeAwsError, type IamAction } from '../aws/errors.js';
import type { ReplicationSnapshot } from '../events/types.js';
import { toReplicationSnapshot } from '../parse/replication.js';
import { toSafeLine } from '../parse/safe-text.js';
import { closeNames } from './close-names.js';
import { resourceIdOfArn, type ReplicationRef } from './replication-ref.js';

export interface ResolvedReplication {
  readonly configArn: string;
  /** The ARN's last fragment: names the log group `dms-serverless-replication-<resourceId>`. */
  readonly resourceId: string;
  /** The ReplicationConfigIdentifier (name). */
  readonly identifier: string;
  readonly region: string;
  readonly snapshot: ReplicationSnapshot;
  readonly sourceEndpointArn?: string;
  readonly targetEndpointArn?: string;
}

type DmsView = Pick<AwsApis, 'dms' | 'region' | 'profile' | 'endpoints'>;

function failure(apis: DmsView, action: IamAction, err: unknown): AwsFailure {
  return new AwsFailure(describeAwsError(err, contextFor(apis, action)));
}

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'ResourceNotFoundFault';
}

function notFound(apis: DmsView, what: string, suggestions: readonly string[]): AwsFailure {
  const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : '; dms-live list shows the replications of a region (--region picks another)';
  return new AwsFailure({ kind: 'not-found', name: 'ResourceNotFoundFault', retryable: false, message: toSafeLine(`no replication ${what} in ${apis.region}${hint}`) });
}

/**
 * Resolves `ref` in `apis.region` (for an ARN, the caller built `apis` for
 * the ARN's region). Rejects with a one-line `AwsFailure`: not found (with
 * close names), access denied naming the IAM action, network, ...
 */
export async function resolveReplication(apis: DmsView, ref: ReplicationRef, signal?: AbortSignal): Promise<ResolvedReplication> {
  switch (ref.kind) {
    case 'arn':
      return (await byFilter(apis, 'replication-config-arn', ref.arn, signal)) ?? fromConfigs(apis, ref, signal);
    case 'name':
      return (await byFilter(apis, 'replication-config-id', ref.name, signal)) ?? fromConfigs(apis, ref, signal);
    case 'resource-id':
      return fromConfigs(apis, ref, signal);
  }
}

/** DescribeReplications with one filter; undefined when DMS knows no such replication. */
async function byFilter(apis: DmsView, filter: string, value: string, signal?: AbortSignal): Promise<ResolvedReplication | undefined> {
  let replications;
  try {
    const out = await apis.dms.describeReplications({ Filters: [{ Name: filter, Values: [value] }] }, signal);
    replications = out.Replications ?? [];
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw failure(apis, 'dms:DescribeReplications', err);
  }
  const field = filter === 'replication-config-arn' ? 'ReplicationConfigArn' : 'ReplicationConfigIdentifier';
  const match = replications.find((r) => r[field] === value) ?? replications[0];
  if (match?.ReplicationConfigArn === undefined) return undefined;
  const snapshot = toReplicationSnapshot(match);
  return {
    configArn: match.ReplicationConfigArn,
    resourceId: resourceIdOfArn(match.ReplicationConfigArn) ?? lastFragment(match.ReplicationConfigArn),
    identifier: match.ReplicationConfigIdentifier ?? snapshot.configId ?? lastFragment(match.ReplicationConfigArn),
    region: apis.region,
    snapshot,
    ...(match.SourceEndpointArn === undefined ? {} : { sourceEndpointArn: match.SourceEndpointArn }),
    ...(match.TargetEndpointArn === undefined ? {} : { targetEndpointArn: match.TargetEndpointArn }),
  };
}

/** The region's configs, searched for `ref`; then DescribeReplications by ARN, or the config read as `created`. */
async function fromConfigs(apis: DmsView, ref: ReplicationRef, signal?: AbortSignal): Promise<ResolvedReplication> {
  let configs: ReplicationConfig[];
  try {
    configs = await listReplicationConfigs(apis.dms, signal);
  } catch (err) {
    throw failure(apis, 'dms:DescribeReplicationConfigs', err);
  }
  const config = configs.find((c) => matches(c, ref));
  if (config?.ReplicationConfigArn === undefined) {
    const names = configs.flatMap((c) => (c.ReplicationConfigIdentifier === undefined ? [] : [c.ReplicationConfigIdentifier]));
    const ids = configs.flatMap((c) => {
      const id = c.ReplicationConfigArn === undefined ? undefined : resourceIdOfArn(c.ReplicationConfigArn);
      return id === undefined ? [] : [id];
    });
    const wanted = ref.kind === 'arn' ? ref.resourceId : ref.text;
    const close = ref.kind === 'name' ? closeNames(wanted, names) : closeNames(wanted, [...ids, ...names]);
    return Promise.reject(notFound(apis, `"${ref.text}"`, close));
  }
  if (ref.kind !== 'arn') {
    const found = await byFilter(apis, 'replication-config-arn', config.ReplicationConfigArn, signal);
    if (found !== undefined) return found;
  }
  return neverRanReplication(apis, config, config.ReplicationConfigArn);
}

function matches(config: ReplicationConfig, ref: ReplicationRef): boolean {
  const arn = config.ReplicationConfigArn;
  switch (ref.kind) {
    case 'arn':
      return arn === ref.arn;
    case 'name':
      return config.ReplicationConfigIdentifier === ref.name;
    case 'resource-id':
      // A name may be spelled like a resource id: accept either.
      return (arn !== undefined && resourceIdOfArn(arn) === ref.resourceId) || config.ReplicationConfigIdentifier === ref.text;
  }
}

/** A config DescribeReplications does not show: it never ran, so it reads `created`. */
function neverRanReplication(apis: DmsView, config: ReplicationConfig, arn: string): ResolvedReplication {
  const snapshot = toReplicationSnapshot({
    ReplicationConfigArn: arn,
    ReplicationConfigIdentifier: config.ReplicationConfigIdentifier,
    ReplicationType: config.ReplicationType,
    SourceEndpointArn: config.SourceEndpointArn,
    TargetEndpointArn: config.TargetEndpointArn,
    Status: 'created',
    ReplicationCreateTime: config.ReplicationConfigCreateTime,
    ReplicationUpdateTime: config.ReplicationConfigUpdateTime,
  });
  return {
    configArn: arn,
    resourceId: resourceIdOfArn(arn) ?? lastFragment(arn),
    identifier: config.ReplicationConfigIdentifier ?? lastFragment(arn),
    region: apis.region,
    snapshot,
    ...(config.SourceEndpointArn === undefined ? {} : { sourceEndpointArn: config.SourceEndpointArn }),
    ...(config.TargetEndpointArn === undefined ? {} : { targetEndpointArn: config.TargetEndpointArn }),
  };
}

function lastFragment(arn: string): string {
  return arn.slice(arn.lastIndexOf(':') + 1);
}
