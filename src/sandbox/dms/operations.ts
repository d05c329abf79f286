import { dmsInvalidParameter, dmsNotFound } from '../http/aws-error.js';
import type { JsonInput, NameValuesFilter } from '../http/json-input.js';
import type { JsonOperation } from '../http/operation.js';
import type { EndpointRecord, ReplicationRecord } from '../world/dms-records.js';
import type { World } from '../world/world.js';
import { dmsPage } from './paging.js';
import { wireEndpoint, wireReplication, wireReplicationConfig } from './wire.js';

/** What StartReplication and StopReplication drive: the scenario player's state machine. */
export interface ReplicationController {
  /** Applies DMS's start rules (throws an `AwsError`) and starts playing. */
  start(replication: ReplicationRecord, startType: string): void;
  stop(replication: ReplicationRecord): void;
}

export interface DmsContext {
  readonly world: World;
  readonly now: () => number;
  readonly controller: ReplicationController;
}

/** The DMS Serverless operations dms-live uses (target prefix `AmazonDMSv20160101`). */
export function dmsOperations(ctx: DmsContext): JsonOperation[] {
  const op = (name: string, handle: JsonOperation['handle']): JsonOperation => ({ kind: 'json', service: 'dms', name, handle });
  return [
    op('DescribeReplications', (input) => {
      const matched = filterReplications(ctx.world.replications(), input.filters('Filters'), 'Replications');
      const page = dmsPage(matched, maxRecords(input), input.string('Marker'));
      return {
        ...(page.marker === undefined ? {} : { Marker: page.marker }),
        Replications: page.items.map((r) => wireReplication(r, ctx.now())),
      };
    }),
    op('DescribeReplicationConfigs', (input) => {
      const matched = filterReplications(ctx.world.replications(), input.filters('Filters'), 'Replication Configs');
      const page = dmsPage(matched, maxRecords(input), input.string('Marker'));
      return {
        ...(page.marker === undefined ? {} : { Marker: page.marker }),
        ReplicationConfigs: page.items.map(wireReplicationConfig),
      };
    }),
    op('DescribeEndpoints', (input) => {
      const matched = filterEndpoints(ctx.world.endpoints(), input.filters('Filters'));
      const page = dmsPage(matched, maxRecords(input), input.string('Marker'));
      return {
        ...(page.marker === undefined ? {} : { Marker: page.marker }),
        Endpoints: page.items.map(wireEndpoint),
      };
    }),
    op('StartReplication', (input) => {
      const replication = findReplication(ctx.world, input.requiredString('ReplicationConfigArn'));
      ctx.controller.start(replication, input.requiredString('StartReplicationType'));
      return { Replication: wireReplication(replication, ctx.now()) };
    }),
    op('StopReplication', (input) => {
      const replication = findReplication(ctx.world, input.requiredString('ReplicationConfigArn'));
      ctx.controller.stop(replication);
      return { Replication: wireReplication(replication, ctx.now()) };
    }),
  ];
}

function maxRecords(input: JsonInput): number | undefined {
  return input.integer('MaxRecords', 20, 100);
}

function findReplication(world: World, arn: string): ReplicationRecord {
  const replication = world.replicationByArn(arn);
  if (replication === undefined) throw dmsNotFound(`Replication config ${arn} not found`);
  return replication;
}

const REPLICATION_FILTERS: Readonly<Record<string, (r: ReplicationRecord) => string>> = {
  'replication-config-arn': (r) => r.config.arn,
  'replication-config-id': (r) => r.config.id,
};

const ENDPOINT_FILTERS: Readonly<Record<string, (e: EndpointRecord) => string>> = {
  'endpoint-arn': (e) => e.arn,
  'endpoint-type': (e) => e.type,
  'endpoint-id': (e) => e.id,
  'engine-name': (e) => e.engine,
};

/**
 * Filters AND together, a filter's values OR. Filters that match nothing are
 * a `ResourceNotFoundFault`, as DMS's Describe calls answer them.
 */
function filterReplications(all: readonly ReplicationRecord[], filters: readonly NameValuesFilter[], what: string): ReplicationRecord[] {
  return applyFilters(all, filters, REPLICATION_FILTERS, what, false);
}

function filterEndpoints(all: readonly EndpointRecord[], filters: readonly NameValuesFilter[]): EndpointRecord[] {
  return applyFilters(all, filters, ENDPOINT_FILTERS, 'Endpoints', true);
}

function applyFilters<T>(
  all: readonly T[],
  filters: readonly NameValuesFilter[],
  fields: Readonly<Record<string, (item: T) => string>>,
  what: string,
  caseInsensitive: boolean,
): T[] {
  let matched = [...all];
  for (const filter of filters) {
    const field = fields[filter.name];
    if (field === undefined) {
      throw dmsInvalidParameter(`Invalid filter name: ${filter.name}. Valid filter names: ${Object.keys(fields).join(', ')}`);
    }
    const norm = (s: string): string => (caseInsensitive ? s.toLowerCase() : s);
    const values = new Set(filter.values.map(norm));
    matched = matched.filter((item) => values.has(norm(field(item))));
  }
  if (filters.length > 0 && matched.length === 0) throw dmsNotFound(`No ${what} found matching provided filters`);
  return matched;
}
