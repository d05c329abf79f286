import { logsInvalidParameter, logsNotFound } from '../http/aws-error.js';
import type { JsonInput } from '../http/json-input.js';
import type { JsonOperation } from '../http/operation.js';
import type { LogGroupRecord, LogStore, StoredLogEvent } from '../world/log-store.js';
import { firstAfterId, firstAtOrAfter, firstAtOrAfterId } from './event-query.js';
import { compileFilterPattern } from './filter-pattern.js';

/** The CloudWatch Logs read operations dms-live and `aws logs` use (target prefix `Logs_20140328`). */
export function logsOperations(logs: LogStore): JsonOperation[] {
  const op = (name: string, handle: JsonOperation['handle']): JsonOperation => ({ kind: 'json', service: 'logs', name, handle });
  return [
    op('FilterLogEvents', (input) => filterLogEvents(logs, input)),
    op('GetLogEvents', (input) => getLogEvents(logs, input)),
    op('DescribeLogGroups', (input) => describeLogGroups(logs, input)),
  ];
}

/** `logGroupName` or `logGroupIdentifier` (name or ARN), exactly one of them. */
export function requireGroup(logs: LogStore, input: JsonInput): LogGroupRecord {
  const name = input.string('logGroupName');
  const identifier = input.string('logGroupIdentifier');
  if (name !== undefined && identifier !== undefined) {
    throw logsInvalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  const given = name ?? identifier;
  if (given === undefined) throw logsInvalidParameter('Should provide either logGroupName or logGroupIdentifier.');
  const group = logs.resolve(given);
  if (group === undefined) throw logsNotFound('The specified log group does not exist.');
  return group;
}

interface FilterCursor {
  readonly after: string;
  readonly descending: boolean;
}

function filterLogEvents(logs: LogStore, input: JsonInput): Record<string, unknown> {
  const group = requireGroup(logs, input);
  const streamNames = input.stringList('logStreamNames');
  const streamPrefix = input.string('logStreamNamePrefix');
  if (streamNames !== undefined && streamPrefix !== undefined) {
    throw logsInvalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  }
  const startTime = input.integer('startTime', 0, Number.MAX_SAFE_INTEGER);
  const endTime = input.integer('endTime', 0, Number.MAX_SAFE_INTEGER);
  const limit = input.integer('limit', 1, 10_000) ?? 10_000;
  // Accepted and ignored, as AWS has done since 2019 (the model marks it deprecated).
  input.boolean('interleaved');
  input.boolean('unmask');
  const token = input.string('nextToken');
  const cursor = token === undefined ? undefined : decodeFilterToken(token);
  const descending = cursor?.descending ?? input.boolean('startFromHead') === false;
  const matches = compileFilterPattern(input.string('filterPattern'));
  const streamOk = (stream: string): boolean =>
    streamNames !== undefined ? streamNames.includes(stream) : streamPrefix === undefined || stream.startsWith(streamPrefix);
  const found: StoredLogEvent[] = [];
  let more = false;
  for (const e of walkRange(group.events, cursor?.after, descending, startTime, endTime)) {
    if (!streamOk(e.stream) || !matches(e.message)) continue;
    if (found.length === limit) {
      more = true;
      break;
    }
    found.push(e);
  }
  const last = found[found.length - 1];
  return {
    events: found.map((e) => ({
      logStreamName: e.stream,
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
      eventId: e.eventId,
    })),
    searchedLogStreams: [],
    ...(more && last !== undefined ? { nextToken: encodeFilterToken({ after: last.eventId, descending }) } : {}),
  };
}

/** Events within [startTime, endTime] (both inclusive, as FilterLogEvents has them), after the cursor, in the asked order. */
function* walkRange(
  events: readonly StoredLogEvent[],
  after: string | undefined,
  descending: boolean,
  startTime: number | undefined,
  endTime: number | undefined,
): Generator<StoredLogEvent> {
  if (descending) {
    for (let i = (after === undefined ? events.length : firstAtOrAfterId(events, after)) - 1; i >= 0; i--) {
      const e = events[i];
      if (e === undefined || (startTime !== undefined && e.timestamp < startTime)) return;
      if (endTime === undefined || e.timestamp <= endTime) yield e;
    }
    return;
  }
  const from = after === undefined ? (startTime === undefined ? 0 : firstAtOrAfter(events, startTime)) : firstAfterId(events, after);
  for (let i = from; i < events.length; i++) {
    const e = events[i];
    if (e === undefined || (endTime !== undefined && e.timestamp > endTime)) return;
    if (startTime === undefined || e.timestamp >= startTime) yield e;
  }
}

function encodeFilterToken(cursor: FilterCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeFilterToken(token: string): FilterCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && 'after' in value && 'descending' in value) {
      const { after, descending } = value;
      if (typeof after === 'string' && /^\d{56}$/.test(after) && typeof descending === 'boolean') return { after, descending };
    }
  } catch {
    // Falls through to the AWS-style error below.
  }
  throw logsInvalidParameter('The specified nextToken is invalid.');
}

const EMPTY_CURSOR = '0'.repeat(56);

function getLogEvents(logs: LogStore, input: JsonInput): Record<string, unknown> {
  const group = requireGroup(logs, input);
  const streamName = input.requiredString('logStreamName');
  if (!group.streams.has(streamName)) throw logsNotFound('The specified log stream does not exist.');
  const startTime = input.integer('startTime', 0, Number.MAX_SAFE_INTEGER);
  const endTime = input.integer('endTime', 0, Number.MAX_SAFE_INTEGER);
  const limit = input.integer('limit', 1, 10_000) ?? 10_000;
  input.boolean('unmask');
  const token = input.string('nextToken');
  const parsed = token === undefined ? undefined : /^([fb])\/(\d{56})\/s$/.exec(token);
  if (token !== undefined && (parsed?.[1] === undefined || parsed[2] === undefined)) {
    throw logsInvalidParameter('The specified nextToken is invalid.');
  }
  // GetLogEvents' endTime is exclusive (unlike FilterLogEvents').
  const inStream = group.events.filter(
    (e) => e.stream === streamName && (startTime === undefined || e.timestamp >= startTime) && (endTime === undefined || e.timestamp < endTime),
  );
  let page: StoredLogEvent[];
  let boundary: string;
  if (parsed?.[1] === 'f' && parsed[2] !== undefined) {
    boundary = parsed[2];
    page = inStream.slice(firstAfterId(inStream, boundary)).slice(0, limit);
  } else if (parsed?.[1] === 'b' && parsed[2] !== undefined) {
    boundary = parsed[2];
    const end = firstAtOrAfterId(inStream, boundary);
    page = inStream.slice(Math.max(0, end - limit), end);
  } else if (input.boolean('startFromHead') === true) {
    boundary = EMPTY_CURSOR;
    page = inStream.slice(0, limit);
  } else {
    boundary = inStream[inStream.length - 1]?.eventId ?? EMPTY_CURSOR;
    page = inStream.slice(Math.max(0, inStream.length - limit));
  }
  const first = page[0];
  const last = page[page.length - 1];
  // With nothing new, the forward token repeats the one given: the AWS CLI stops paging on that.
  return {
    events: page.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
    nextForwardToken: `f/${last?.eventId ?? boundary}/s`,
    nextBackwardToken: `b/${first?.eventId ?? boundary}/s`,
  };
}

function describeLogGroups(logs: LogStore, input: JsonInput): Record<string, unknown> {
  const prefix = input.string('logGroupNamePrefix');
  const pattern = input.string('logGroupNamePattern');
  const identifiers = input.stringList('logGroupIdentifiers');
  if (prefix !== undefined && pattern !== undefined) {
    throw logsInvalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  }
  if (identifiers !== undefined && (prefix !== undefined || pattern !== undefined)) {
    throw logsInvalidParameter('logGroupIdentifiers cannot be combined with a log group name prefix or pattern.');
  }
  const limit = input.integer('limit', 1, 50) ?? 50;
  input.boolean('includeLinkedAccounts');
  input.string('logGroupClass');
  const token = input.string('nextToken');
  const offset = token === undefined ? 0 : decodeOffsetToken(token);
  const wanted = identifiers?.map((id) => logs.resolve(id)?.name);
  const matched = logs
    .groups()
    .filter(
      (g) =>
        (prefix === undefined || g.name.startsWith(prefix)) &&
        (pattern === undefined || g.name.includes(pattern)) &&
        (wanted === undefined || wanted.includes(g.name)),
    );
  const page = matched.slice(offset, offset + limit);
  const next = offset + limit < matched.length ? { nextToken: encodeOffsetToken(offset + limit) } : {};
  return {
    logGroups: page.map((g) => ({
      logGroupName: g.name,
      creationTime: g.creationTime,
      metricFilterCount: 0,
      arn: g.arn,
      storedBytes: g.storedBytes,
      logGroupClass: 'STANDARD',
      logGroupArn: g.logGroupArn,
      deletionProtectionEnabled: false,
    })),
    ...next,
  };
}

function encodeOffsetToken(offset: number): string {
  return Buffer.from(`groups:${offset}`).toString('base64url');
}

function decodeOffsetToken(token: string): number {
  const match = /^groups:(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (match?.[1] === undefined) throw logsInvalidParameter('The specified nextToken is invalid.');
  return Number(match[1]);
}
