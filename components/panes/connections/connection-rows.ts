import type { ConnectionAttempt } from '../../../src/select/connections.js';
import type { TimelineSegment } from '../../../src/select/timeline.js';

/** How an attempt ended, in the words the pane shows. */
export type AttemptLabel = 'ok' | 'pending' | 'auth failed' | 'refused' | 'failed';

/** A row of the connection pane: a group heading or one attempt. */
export type ConnectionRow =
  | { readonly kind: 'heading'; readonly test: boolean; readonly time: number }
  | { readonly kind: 'attempt'; readonly attempt: ConnectionAttempt; readonly test: boolean };

/** The two logs (DMS's and PostgreSQL's) are not in step to the millisecond. */
const SLACK_MS = 5_000;

/** pg_hba.conf turning a host away: the server refused it before any password. */
const REFUSED = /no pg_hba\.conf entry|pg_hba\.conf rejects/i;

export function attemptLabel(a: ConnectionAttempt): AttemptLabel {
  switch (a.outcome) {
    case 'pending':
      return 'pending';
    case 'authenticated':
    case 'connected':
    case 'closed':
      return 'ok';
    case 'auth_failed':
      return a.reason !== undefined && REFUSED.test(a.reason) ? 'refused' : 'auth failed';
    case 'failed':
      return a.reason !== undefined && REFUSED.test(a.reason) ? 'refused' : 'failed';
  }
}

/**
 * The attempts in time order, those made while the replication was in
 * `testing_connection` (DMS testing its source endpoint) set apart under a
 * heading of their own, and a heading again where other connections resume.
 */
export function connectionRows(attempts: readonly ConnectionAttempt[], segments: readonly TimelineSegment[], replication?: string): ConnectionRow[] {
  const windows = segments
    .filter((s) => s.state === 'testing_connection' && (replication === undefined || s.replication === undefined || s.replication === replication))
    .map((s) => ({ from: s.start - SLACK_MS, to: s.end === undefined ? Infinity : s.end + SLACK_MS }));
  const rows: ConnectionRow[] = [];
  let inTest: boolean | undefined;
  for (const attempt of attempts) {
    const test = windows.some((w) => attempt.start >= w.from && attempt.start <= w.to);
    // The first group needs a heading only when a test group exists to tell it from.
    if (test !== inTest && (test || inTest !== undefined)) rows.push({ kind: 'heading', test, time: attempt.start });
    inTest = test;
    rows.push({ kind: 'attempt', attempt, test });
  }
  return rows;
}
