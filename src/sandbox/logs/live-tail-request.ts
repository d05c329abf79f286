import { logsInvalidParameter, logsNotFound } from '../http/aws-error.js';
import type { JsonInput } from '../http/json-input.js';
import type { LogGroupRecord, LogStore } from '../world/log-store.js';
import type { MessageMatcher } from './filter-pattern.js';
import { compileFilterPattern } from './filter-pattern.js';

/** A validated StartLiveTail request. */
export interface LiveTailRequest {
  /** As the client gave them (ARNs without `:*`). */
  readonly identifiers: readonly string[];
  readonly groups: ReadonlyMap<string, string>;
  readonly logStreamNames?: readonly string[];
  readonly logStreamNamePrefixes?: readonly string[];
  readonly logEventFilterPattern?: string;
  readonly matches: MessageMatcher;
}

/**
 * StartLiveTail's rules (API reference, StartLiveTailRequest; src/FACTS.md): 1 to
 * 10 `logGroupIdentifiers`, each an ARN that does not end in `:*`; stream
 * filters (names or prefixes, not both) only with exactly one group; an
 * unknown group is `ResourceNotFoundException`.
 */
export function readLiveTailRequest(input: JsonInput, logs: LogStore): LiveTailRequest {
  const identifiers = input.stringList('logGroupIdentifiers');
  if (identifiers === undefined) {
    throw logsInvalidParameter(
      "1 validation error detected: Value null at 'logGroupIdentifiers' failed to satisfy constraint: Member must not be null",
    );
  }
  if (identifiers.length < 1 || identifiers.length > 10) {
    throw logsInvalidParameter(
      `1 validation error detected: Value at 'logGroupIdentifiers' failed to satisfy constraint: Member must have length less than or equal to 10 and greater than or equal to 1 (got ${identifiers.length})`,
    );
  }
  const groups = new Map<string, string>();
  for (const identifier of identifiers) {
    const group = resolveArn(identifier, logs);
    groups.set(group.name, identifier);
  }
  const logStreamNames = input.stringList('logStreamNames');
  const logStreamNamePrefixes = input.stringList('logStreamNamePrefixes');
  if (logStreamNames !== undefined && logStreamNamePrefixes !== undefined) {
    throw logsInvalidParameter('logStreamNames and logStreamNamePrefixes are mutually exclusive parameters.');
  }
  if ((logStreamNames !== undefined || logStreamNamePrefixes !== undefined) && identifiers.length !== 1) {
    throw logsInvalidParameter('logStreamNames and logStreamNamePrefixes can only be specified with a single log group identifier.');
  }
  for (const list of [logStreamNames, logStreamNamePrefixes]) {
    if (list !== undefined && (list.length < 1 || list.length > 100)) {
      throw logsInvalidParameter('Log stream filters must list between 1 and 100 names or prefixes.');
    }
  }
  const logEventFilterPattern = input.string('logEventFilterPattern');
  return {
    identifiers,
    groups,
    ...(logStreamNames === undefined ? {} : { logStreamNames }),
    ...(logStreamNamePrefixes === undefined ? {} : { logStreamNamePrefixes }),
    ...(logEventFilterPattern === undefined ? {} : { logEventFilterPattern }),
    matches: compileFilterPattern(logEventFilterPattern),
  };
}

function resolveArn(identifier: string, logs: LogStore): LogGroupRecord {
  if (!identifier.startsWith('arn:')) {
    throw logsInvalidParameter(`Log group identifier must be an ARN (arn:aws:logs:REGION:ACCOUNT:log-group:NAME): ${identifier}`);
  }
  if (identifier.endsWith(':*')) {
    throw logsInvalidParameter(`Log group ARN must not end with ':*': ${identifier}`);
  }
  const group = logs.resolve(identifier);
  if (group === undefined) throw logsNotFound(`The specified log group does not exist: ${identifier}`);
  return group;
}

/** Whether an event's stream passes the request's stream filters. */
export function streamMatches(request: LiveTailRequest, stream: string): boolean {
  if (request.logStreamNames !== undefined) return request.logStreamNames.includes(stream);
  if (request.logStreamNamePrefixes !== undefined) return request.logStreamNamePrefixes.some((p) => stream.startsWith(p));
  return true;
}
