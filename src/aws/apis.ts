/**
 * The narrow views of the AWS services that dms-live's sources, discovery
 * and actions take: exactly the operations they call, nothing more. One
 * module (`clients.ts`) builds the real ones over the SDK clients; unit
 * tests pass fakes. SDK types stay on this side of the parse layer: sources
 * hand raw shapes to `src/parse/`, which turns them into our own events.
 */
import type {
  DescribeLogGroupsCommandInput,
  DescribeLogGroupsCommandOutput,
  FilterLogEventsCommandInput,
  FilterLogEventsCommandOutput,
  StartLiveTailCommandInput,
  StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import type {
  DescribeEndpointsCommandInput,
  DescribeEndpointsCommandOutput,
  DescribeReplicationConfigsCommandInput,
  DescribeReplicationConfigsCommandOutput,
  DescribeReplicationsCommandInput,
  DescribeReplicationsCommandOutput,
  StartReplicationCommandInput,
  StartReplicationCommandOutput,
  StopReplicationCommandInput,
  StopReplicationCommandOutput,
} from '@aws-sdk/client-database-migration-service';

export interface DmsApi {
  describeReplications(input: DescribeReplicationsCommandInput, signal?: AbortSignal): Promise<DescribeReplicationsCommandOutput>;
  describeReplicationConfigs(input: DescribeReplicationConfigsCommandInput, signal?: AbortSignal): Promise<DescribeReplicationConfigsCommandOutput>;
  describeEndpoints(input: DescribeEndpointsCommandInput, signal?: AbortSignal): Promise<DescribeEndpointsCommandOutput>;
  startReplication(input: StartReplicationCommandInput, signal?: AbortSignal): Promise<StartReplicationCommandOutput>;
  stopReplication(input: StopReplicationCommandInput, signal?: AbortSignal): Promise<StopReplicationCommandOutput>;
}

export interface LogsApi {
  describeLogGroups(input: DescribeLogGroupsCommandInput, signal?: AbortSignal): Promise<DescribeLogGroupsCommandOutput>;
  filterLogEvents(input: FilterLogEventsCommandInput, signal?: AbortSignal): Promise<FilterLogEventsCommandOutput>;
  /**
   * Opens a Live Tail session; resolves once the server accepted it (errors
   * such as `LimitExceededException` and `AccessDeniedException` reject here)
   * with the event stream. Aborting `signal` closes the connection.
   */
  startLiveTail(input: StartLiveTailCommandInput, signal: AbortSignal): Promise<AsyncIterable<StartLiveTailResponseStream>>;
}

/** Everything one region's worth of dms-live talks to. */
export interface AwsApis {
  readonly dms: DmsApi;
  readonly logs: LogsApi;
  /** The region the clients call (an ARN's region wins over the configured one). */
  readonly region: string;
  /** The profile in use, for messages (`aws sso login --profile ...`); undefined: the default chain. */
  readonly profile?: string;
  /** Endpoint overrides, for messages (`cannot reach ...`). */
  readonly endpoints?: { readonly dms?: string; readonly logs?: string };
  /** Closes the clients' sockets. */
  destroy(): void;
}
