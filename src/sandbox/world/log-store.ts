/**
 * The sandbox's CloudWatch Logs: log groups, their streams and events, each
 * event with a timestamp, an ingestion time and an event id. Events are kept
 * ordered by (timestamp, sequence); a group keeps at most `maxEventsPerGroup`
 * events and drops the oldest beyond that (like a short retention), so the
 * `flood` scenario can run forever.
 */

export interface StoredLogEvent {
  readonly group: string;
  readonly stream: string;
  readonly message: string;
  /** Epoch milliseconds (virtual). */
  readonly timestamp: number;
  readonly ingestionTime: number;
  /** Insertion order across the whole store. */
  readonly seq: number;
  /** 56 digits like CloudWatch's; sorts as (timestamp, seq), so it doubles as a paging cursor. */
  readonly eventId: string;
}

export interface LogGroupRecord {
  readonly name: string;
  readonly creationTime: number;
  /** `arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*`, as DescribeLogGroups `arn`. */
  readonly arn: string;
  /** The same without `:*`, as DescribeLogGroups `logGroupArn` and Live Tail want it. */
  readonly logGroupArn: string;
  readonly streams: Map<string, { readonly creationTime: number }>;
  /** Ordered by (timestamp, seq). */
  readonly events: StoredLogEvent[];
  storedBytes: number;
}

export type LogListener = (event: StoredLogEvent) => void;

export class LogStore {
  private readonly groupsByName = new Map<string, LogGroupRecord>();
  private readonly listeners = new Set<LogListener>();
  private seq = 0;

  constructor(
    private readonly region: string,
    private readonly accountId: string,
    private readonly maxEventsPerGroup = 100_000,
  ) {}

  /** Creates the group if it does not exist yet; returns it either way. */
  createGroup(name: string, creationTime: number): LogGroupRecord {
    const existing = this.groupsByName.get(name);
    if (existing !== undefined) return existing;
    const logGroupArn = `arn:aws:logs:${this.region}:${this.accountId}:log-group:${name}`;
    const group: LogGroupRecord = {
      name,
      creationTime,
      arn: `${logGroupArn}:*`,
      logGroupArn,
      streams: new Map(),
      events: [],
      storedBytes: 0,
    };
    this.groupsByName.set(name, group);
    return group;
  }

  group(name: string): LogGroupRecord | undefined {
    return this.groupsByName.get(name);
  }

  /** Resolves a log group name or ARN (with or without `:*`) of this account and region. */
  resolve(identifier: string): LogGroupRecord | undefined {
    const prefix = `arn:aws:logs:${this.region}:${this.accountId}:log-group:`;
    if (!identifier.startsWith('arn:')) return this.group(identifier);
    if (!identifier.startsWith(prefix)) return undefined;
    const name = identifier.slice(prefix.length).replace(/:\*$/, '');
    return this.group(name);
  }

  /** All groups, ordered by name as DescribeLogGroups lists them. */
  groups(): LogGroupRecord[] {
    return [...this.groupsByName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * Writes one event. Returns undefined, writing nothing, when the group does
   * not exist (a source that exports no logs). The stream is created on demand.
   */
  put(groupName: string, stream: string, message: string, timestamp: number, ingestionTime = timestamp): StoredLogEvent | undefined {
    const group = this.groupsByName.get(groupName);
    if (group === undefined) return undefined;
    if (!group.streams.has(stream)) group.streams.set(stream, { creationTime: timestamp });
    const seq = this.seq++;
    const event: StoredLogEvent = {
      group: groupName,
      stream,
      message,
      timestamp,
      ingestionTime,
      seq,
      eventId: eventIdOf(timestamp, seq),
    };
    insertOrdered(group.events, event);
    group.storedBytes += Buffer.byteLength(message);
    if (group.events.length > this.maxEventsPerGroup) {
      const dropped = group.events.splice(0, Math.ceil(this.maxEventsPerGroup / 10));
      for (const old of dropped) group.storedBytes -= Buffer.byteLength(old.message);
    }
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** Listeners subscribed now. */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Hears every event as it is ingested; returns the unsubscribe function. */
  subscribe(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

export function eventIdOf(timestamp: number, seq: number): string {
  return `${String(Math.max(0, Math.trunc(timestamp))).padStart(20, '0')}${String(seq).padStart(36, '0')}`;
}

function insertOrdered(events: StoredLogEvent[], event: StoredLogEvent): void {
  const last = events[events.length - 1];
  if (last === undefined || last.eventId <= event.eventId) {
    events.push(event);
    return;
  }
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const other = events[mid];
    if (other !== undefined && other.eventId <= event.eventId) lo = mid + 1;
    else hi = mid;
  }
  events.splice(lo, 0, event);
}
