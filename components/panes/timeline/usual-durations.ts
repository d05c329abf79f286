/**
 * How long each DMS Serverless replication state usually lasts, in
 * milliseconds: rough upper ends of what a healthy start takes (the
 * sandbox's scenarios use the same order of magnitude). Provisioning
 * capacity is the slow step (AWS documents that a serverless replication
 * can take several minutes to provision); the others take seconds to a few
 * minutes. States a replication may rest in (running, stopped, failed,
 * created) have no usual length and never warn.
 */
export const USUAL_STATE_MS: Readonly<Record<string, number>> = {
  initializing: 2 * 60_000,
  preparing_metadata_resources: 5 * 60_000,
  testing_connection: 3 * 60_000,
  fetching_metadata: 5 * 60_000,
  calculating_capacity: 5 * 60_000,
  provisioning_capacity: 20 * 60_000,
  replication_starting: 10 * 60_000,
  starting: 10 * 60_000,
  stopping: 10 * 60_000,
  deleting: 10 * 60_000,
};

/** "Far longer than usual": this many times the usual length. */
export const FAR_LONGER = 3;

/** Whether a state has lasted far longer than usual. */
export function lastsTooLong(state: string, durationMs: number | undefined): boolean {
  const usual = USUAL_STATE_MS[state];
  return usual !== undefined && durationMs !== undefined && durationMs > usual * FAR_LONGER;
}
