import type { LogsApi } from '../aws/apis.js';

/** A log group as Live Tail wants it: by ARN (`logGroupArn`, without the trailing `:*` that `arn` has). */
export interface FoundLogGroup {
  readonly name: string;
  readonly arn: string;
}

/** DescribeLogGroups pages answered for one name before giving up: the exact name sorts first among its extensions. */
const MAX_PAGES_PER_NAME = 5;

/**
 * Which of `names` exist, with their ARNs. One DescribeLogGroups call per
 * name, by prefix (the exact name sorts before longer names sharing it), so
 * it works with the narrowest `logs:DescribeLogGroups` permission and on
 * every CloudWatch Logs endpoint. Names that do not exist are left out;
 * errors (access denied, network) reject.
 */
export async function findLogGroups(logs: LogsApi, names: readonly string[], signal?: AbortSignal): Promise<Map<string, FoundLogGroup>> {
  const found = new Map<string, FoundLogGroup>();
  for (const name of new Set(names)) {
    const group = await findLogGroup(logs, name, signal);
    if (group !== undefined) found.set(name, group);
  }
  return found;
}

async function findLogGroup(logs: LogsApi, name: string, signal?: AbortSignal): Promise<FoundLogGroup | undefined> {
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES_PER_NAME; page++) {
    const answer = await logs.describeLogGroups({ logGroupNamePrefix: name, ...(nextToken === undefined ? {} : { nextToken }) }, signal);
    for (const group of answer.logGroups ?? []) {
      if (group.logGroupName !== name) continue;
      const arn = group.logGroupArn ?? stripWildcard(group.arn);
      if (arn !== undefined) return { name, arn };
    }
    nextToken = answer.nextToken;
    if (nextToken === undefined) return undefined;
  }
  return undefined;
}

/** `arn` ends with `:*`, which StartLiveTail refuses; `logGroupArn` is the same without it. */
function stripWildcard(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  return arn.endsWith(':*') ? arn.slice(0, -2) : arn;
}
