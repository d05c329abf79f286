/**
 * The orchestrator's `message` for each state when a script gives none. The
 * first three and the failure text are verbatim from a real replication
 * (its CloudWatch log, kept in test/fixtures/replay/seed-walkthrough.txt and
 * dms-test-connection-failure.json); the others follow their style.
 */
export const STATE_MESSAGES: Readonly<Record<string, string>> = {
  initializing: 'Initializing the replication workflow.',
  preparing_metadata_resources: 'Preparing the resources for metadata collection. This can take some time.',
  testing_connection:
    'Completed preparing resources for metadata collection. Testing connection to source and target endpoints to ensure proper configuration.',
  fetching_metadata: 'Test connection succeeded for the source and target endpoints. Fetching metadata from the source endpoint.',
  calculating_capacity: 'Completed fetching metadata. Calculating the capacity required for the replication.',
  provisioning_capacity: 'Provisioning the calculated capacity of ${capacity} DCU. This can take some time.',
  replication_starting: 'Completed provisioning capacity. Starting the replication.',
  running: 'Replication is running.',
  stopping: 'Stopping the replication.',
  stopped: 'Replication is stopped.',
  failed: 'Replication failed.',
  deleting: 'Replication is being deleted.',
};

export function defaultStateMessage(state: string): string {
  return STATE_MESSAGES[state] ?? `Replication state changed to ${state}.`;
}

/** What DescribeReplications shows as `StopReason` (DMS task stop-reason strings). */
export const STOP_REASONS = {
  /** A user's StopReplication. */
  user: 'Stop Reason NORMAL',
  /** A failure, including a failed test connection. */
  failure: 'Stop Reason FATAL_ERROR',
  /** A `full-load` replication that finished its load. */
  fullLoadDone: 'Stop Reason FULL_LOAD_ONLY_FINISHED',
} as const;
