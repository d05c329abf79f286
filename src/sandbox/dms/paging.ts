import { dmsInvalidParameter } from '../http/aws-error.js';

/** One page of a DMS `Describe*` listing: `MaxRecords` (20-100, default 100) and an opaque `Marker`. */
export interface DmsPage<T> {
  readonly items: readonly T[];
  readonly marker?: string;
}

export function dmsPage<T>(items: readonly T[], maxRecords: number | undefined, marker: string | undefined): DmsPage<T> {
  const offset = marker === undefined ? 0 : decodeMarker(marker);
  const size = maxRecords ?? 100;
  const end = offset + size;
  return end < items.length
    ? { items: items.slice(offset, end), marker: encodeMarker(end) }
    : { items: items.slice(offset) };
}

function encodeMarker(offset: number): string {
  return Buffer.from(`sandbox-marker:${offset}`).toString('base64');
}

function decodeMarker(marker: string): number {
  const match = /^sandbox-marker:(\d{1,9})$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
  if (match?.[1] === undefined) throw dmsInvalidParameter(`Invalid marker: ${marker}`);
  return Number(match[1]);
}
