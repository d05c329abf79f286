import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { expect } from 'vitest';
import type { DmsEvent, RawLogRecord } from '../../../src/events/types.js';
import { recordFromJson } from '../../../src/parse/record-from-json.js';
import { RecordParser } from '../../../src/parse/record-parser.js';
import type { Sandbox, SandboxOptions } from '../../../src/sandbox/index.js';
import { findPostgresBinaries } from '../../../src/sandbox/postgres/embedded-postgres.js';
import type { ConnectionAttempt } from '../../../src/select/connections.js';
import { ConnectionsBuilder } from '../../../src/select/connections.js';
import { logsClient, sandboxFor } from '../support.js';

const lookup = await findPostgresBinaries();

/** Whether a real PostgreSQL runs here; the suites that need one skip with `why` in their name otherwise. */
export const realPostgres = { available: lookup.ok, why: lookup.ok ? '' : ` (skipped: ${lookup.reason})` };

/** A sandbox (manual clock, T0) whose source databases are real servers, set up and ready. */
export async function realSandbox(options: SandboxOptions = {}): Promise<{ sandbox: Sandbox; notices: string[] }> {
  const notices: string[] = [];
  const sandbox = await sandboxFor({ postgres: 'real', onNotice: (line) => notices.push(line), ...options });
  expect(sandbox.postgres.mode).toBe('real');
  await sandbox.postgres.ready();
  expect(notices).toEqual([]);
  return { sandbox, notices };
}

/** Every event of a log group, through the SDK, as FilterLogEvents returns them. */
export async function groupEvents(sandbox: Sandbox, group: string): Promise<FilteredLogEvent[]> {
  const client = logsClient(sandbox);
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new FilterLogEventsCommand({ logGroupName: group, ...(nextToken === undefined ? {} : { nextToken }) }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return events;
}

/** The group's events parsed as `watch` and `replay` parse them. */
export async function parsedEvents(sandbox: Sandbox, group: string): Promise<DmsEvent[]> {
  const records = (await groupEvents(sandbox, group))
    .map((e) => recordFromJson({ ...e, logGroupName: group }))
    .filter((r): r is RawLogRecord => r !== undefined);
  const parser = new RecordParser();
  return [...parser.push(records), ...parser.end()];
}

/** Connection attempts as the dashboard lists them, DMS's (over TCP) only: the sandbox's own setup comes over the Unix socket. */
export function tcpAttempts(events: readonly DmsEvent[]): ConnectionAttempt[] {
  const builder = new ConnectionsBuilder();
  for (const event of events) builder.add(event);
  return builder.list().filter((a) => a.host !== '[local]');
}

/** The one source log group of the sandbox's first replication. */
export function sourceGroup(sandbox: Sandbox): string {
  const group = sandbox.replications()[0]?.sourceLogGroup;
  if (group === undefined) throw new Error('the scenario has no RDS PostgreSQL source');
  return group;
}

/** True while a process with this pid exists. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
