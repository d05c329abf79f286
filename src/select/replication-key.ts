import type { DmsEvent } from '../events/types.js';

const GROUP_PREFIX = 'dms-serverless-replication-';
const ORCHESTRATOR_STREAM_PREFIX = 'dms-serverless-replication-orchestrator-';

/**
 * The replication an event belongs to: the resource identifier (the last
 * fragment of the ReplicationConfigArn), which is also the suffix of the DMS
 * log group `dms-serverless-replication-<resource id>`. Undefined when the
 * event does not say (plain-text logs, PostgreSQL lines).
 */
export function replicationKeyOf(event: DmsEvent): string | undefined {
  if (event.kind === 'status') return resourceIdOf(event.snapshot.configArn);
  const group = event.logGroup;
  if (group?.startsWith(GROUP_PREFIX)) return group.slice(GROUP_PREFIX.length) || undefined;
  const stream = event.logStream;
  if (stream?.startsWith(ORCHESTRATOR_STREAM_PREFIX)) return stream.slice(ORCHESTRATOR_STREAM_PREFIX.length) || undefined;
  return undefined;
}

/** `arn:aws:dms:...:replication-config:ABC` → `ABC`; anything else is returned as given. */
export function resourceIdOf(arnOrId: string): string {
  const i = arnOrId.lastIndexOf(':');
  return i >= 0 ? arnOrId.slice(i + 1) : arnOrId;
}
