import type { DmsEvent } from '../events/types.js';

/**
 * One event as an NDJSON record (the `--json` output of every command).
 * Fields that do not apply are left out. Field order is fixed so output
 * diffs and greps well.
 */
export function toNdjsonRecord(event: DmsEvent): Record<string, unknown> {
  const r: Record<string, unknown> = {
    time: new Date(event.time).toISOString(),
    id: event.id,
    source: event.source,
    kind: event.kind,
    severity: event.severity,
    text: event.text,
  };
  switch (event.kind) {
    case 'state':
      r.state = event.state;
      if (event.message !== undefined) r.message = event.message;
      if (event.failureMessage !== undefined) r.failureMessage = event.failureMessage;
      break;
    case 'status':
      r.state = event.state;
      if (event.message !== undefined) r.message = event.message;
      if (event.failureMessage !== undefined) r.failureMessage = event.failureMessage;
      if (event.snapshot.stopReason !== undefined) r.stopReason = event.snapshot.stopReason;
      r.replicationConfigArn = event.snapshot.configArn;
      r.changes = event.changes;
      break;
    case 'connection': {
      const c = event.connection;
      r.connection = {
        event: c.event,
        user: c.user ?? event.pg.user,
        database: c.database ?? event.pg.database,
        host: c.host ?? event.pg.host,
        port: c.port ?? event.pg.port,
        pid: c.pid ?? event.pg.pid,
        method: c.method,
        replication: c.replication,
        ssl: c.ssl,
        application: c.application,
        sessionMs: c.sessionMs,
        reason: c.reason,
      };
      break;
    }
    case 'task':
      r.component = event.component;
      break;
    case 'log':
      break;
  }
  r.raw = event.raw;
  if (event.logGroup !== undefined) r.logGroup = event.logGroup;
  if (event.logStream !== undefined) r.logStream = event.logStream;
  return r;
}

/**
 * Characters JSON.stringify leaves raw that a terminal would still act on:
 * DEL, C1 controls (0x9b is a one-byte CSI), bidi overrides and isolates,
 * and the line/paragraph separators. Escaping them keeps valid JSON.
 */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function toNdjsonLine(event: DmsEvent): string {
  const json = JSON.stringify(toNdjsonRecord(event));
  UNSAFE_IN_JSON.lastIndex = 0;
  if (!UNSAFE_IN_JSON.test(json)) return `${json}\n`;
  return `${json.replace(UNSAFE_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
