/**
 * Every replication (or replication config) of a region, page by page:
 * DMS `Describe*` calls return at most `MaxRecords` (20-100) records and a
 * `Marker` for the rest (DMS API Reference, DescribeReplications).
 */
import type { Replication, ReplicationConfig } from '@aws-sdk/client-database-migration-service';
import type { DmsApi } from './apis.js';

/** The most DMS allows per page: fewest calls. */
export const DMS_PAGE_SIZE = 100;

/** A bound on pages, so a service that repeats its marker cannot keep us looping (100,000 records). */
const MAX_PAGES = 1000;

/** DMS answers `ResourceNotFoundFault` when a Describe call matches nothing; for a listing that is an empty page. */
function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'ResourceNotFoundFault';
}

async function collect<T>(fetchPage: (marker: string | undefined) => Promise<{ items: readonly T[] | undefined; marker: string | undefined }>): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let answer: { items: readonly T[] | undefined; marker: string | undefined };
    try {
      answer = await fetchPage(marker);
    } catch (err) {
      if (isNotFound(err)) return all;
      throw err;
    }
    all.push(...(answer.items ?? []));
    marker = answer.marker === undefined || answer.marker === '' ? undefined : answer.marker;
    if (marker === undefined || seen.has(marker)) return all;
    seen.add(marker);
  }
  return all;
}

/** All replications of the region (DescribeReplications, every page of `pageSize`, 20-100). */
export function listReplications(dms: DmsApi, signal?: AbortSignal, pageSize = DMS_PAGE_SIZE): Promise<Replication[]> {
  return collect(async (marker) => {
    const out = await dms.describeReplications({ MaxRecords: pageSize, ...(marker === undefined ? {} : { Marker: marker }) }, signal);
    return { items: out.Replications, marker: out.Marker };
  });
}

/** All replication configs of the region (DescribeReplicationConfigs, every page), including ones that never ran. */
export function listReplicationConfigs(dms: DmsApi, signal?: AbortSignal): Promise<ReplicationConfig[]> {
  return collect(async (marker) => {
    const out = await dms.describeReplicationConfigs({ MaxRecords: DMS_PAGE_SIZE, ...(marker === undefined ? {} : { Marker: marker }) }, signal);
    return { items: out.ReplicationConfigs, marker: out.Marker };
  });
}
