import { randomUUID } from 'node:crypto';
import type { SessionEvent, SessionInfo, Severity } from '../events/types.js';
import { toSafeLine } from '../parse/safe-text.js';

const SEVERITY: Readonly<Record<SessionInfo['event'], Severity>> = {
  connected: 'info',
  reconnecting: 'warning',
  sampled: 'warning',
  backfilled: 'info',
  joined: 'info',
  idle: 'info',
  reopened: 'info',
  rate: 'info',
  poll: 'warning',
  warning: 'warning',
  error: 'error',
  closed: 'info',
  exported: 'info',
};

/**
 * A `session` event: dms-live telling what its live sources do. Each is
 * unique (a random id: no two notices are duplicates of each other). `text`
 * may carry AWS error text, so it is made terminal-safe here.
 */
export function sessionEvent(time: number, info: SessionInfo, text: string, severity: Severity = SEVERITY[info.event]): SessionEvent {
  const safe = toSafeLine(text);
  return { kind: 'session', id: `live-${randomUUID()}`, time, source: 'live', severity, text: safe, raw: text, session: info };
}
