/**
 * The one place that builds AWS SDK clients. Everything dms-live sends to
 * AWS goes through the `AwsApis` made here, so credentials, region,
 * endpoint, retries, timeouts and the user agent are decided once.
 */
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  StartLiveTailCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { CloudWatchLogsClientConfig } from '@aws-sdk/client-cloudwatch-logs';
import {
  DatabaseMigrationServiceClient,
  DescribeEndpointsCommand,
  DescribeReplicationConfigsCommand,
  DescribeReplicationsCommand,
  StartReplicationCommand,
  StopReplicationCommand,
} from '@aws-sdk/client-database-migration-service';
import type { DatabaseMigrationServiceClientConfig } from '@aws-sdk/client-database-migration-service';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import packageJson from '../../package.json' with { type: 'json' };
import type { AwsApis } from './apis.js';
import { configFailure } from './errors.js';
import type { AwsSettings, ResolvedAwsSettings } from './settings.js';

export const USER_AGENT = `dms-live/${packageJson.version}`;

/**
 * Attempts per call (the SDK's `standard` retry mode: exponential backoff
 * with jitter, throttling and 5xx and transient network errors retried).
 * Three is the SDK's default: it rides out one dropped connection or one
 * throttled call inside a single poll, while the pollers' own backoff
 * (`src/sources/backoff.ts`) handles anything longer, visibly.
 */
export const DEFAULT_MAX_ATTEMPTS = 3;

/** Connecting to AWS takes well under a second; five means the network is not there. */
const CONNECTION_TIMEOUT_MS = 5_000;

/**
 * Until the response headers: DMS and CloudWatch Logs answer within a few
 * seconds. `throwOnRequestTimeout` turns the handler's console warning into
 * a `TimeoutError` (a warning would land in the middle of the dashboard).
 */
const REQUEST_TIMEOUT_MS = 30_000;

/** The SDK's HTTP handler warns through a logger; nothing may write to the terminal from here. */
const silentLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

type CommonConfig = DatabaseMigrationServiceClientConfig & CloudWatchLogsClientConfig;

/**
 * The settings' region, or the profile's `region` from the shared config
 * file as the SDK reads it (`AWS_CONFIG_FILE`, `[profile name]`). Throws a
 * one-line `AwsFailure` when there is none.
 */
export async function resolveRegion(settings: AwsSettings): Promise<ResolvedAwsSettings> {
  if (settings.region !== undefined) return { ...settings, region: settings.region };
  // A client that never sends: only its config loader runs, with the SDK's own profile rules.
  const probe = new DatabaseMigrationServiceClient({ ...(settings.profile === undefined ? {} : { profile: settings.profile }), logger: silentLogger });
  try {
    const region = await probe.config.region();
    return { ...settings, region };
  } catch {
    throw configFailure(`no region: pass --region, set AWS_REGION, or set region in profile ${settings.profile ?? 'default'}`);
  } finally {
    probe.destroy();
  }
}

function commonConfig(
  settings: ResolvedAwsSettings,
  credentials: CommonConfig['credentials'],
  endpoint: string | undefined,
  maxAttempts: number,
  stream: boolean,
): CommonConfig {
  return {
    region: settings.region,
    ...(settings.profile === undefined ? {} : { profile: settings.profile }),
    credentials,
    ...(endpoint === undefined
      ? {}
      : {
          endpoint,
          // The SDK prefixes StartLiveTail's host with `stream-` even on a custom endpoint
          // (`stream-127.0.0.1` does not resolve); an override means "this host, as given".
          disableHostPrefix: true,
        }),
    retryMode: 'standard',
    maxAttempts,
    customUserAgent: USER_AGENT,
    logger: silentLogger,
    requestHandler: stream
      ? {
          connectionTimeout: CONNECTION_TIMEOUT_MS,
          // The request timeout runs only until the response headers (the handler clears it
          // then), so it still catches a server that never accepts. `socketTimeout: 0`
          // keeps any idle-socket timeout off the stream, which stays open for up to 3 hours;
          // the session's heartbeat watchdog notices a dead stream instead.
          requestTimeout: REQUEST_TIMEOUT_MS,
          throwOnRequestTimeout: true,
          socketTimeout: 0,
          logger: silentLogger,
        }
      : {
          connectionTimeout: CONNECTION_TIMEOUT_MS,
          requestTimeout: REQUEST_TIMEOUT_MS,
          throwOnRequestTimeout: true,
          logger: silentLogger,
        },
  };
}

/**
 * The real `AwsApis` over four SDK clients:
 * - DMS reads (retried, `DEFAULT_MAX_ATTEMPTS`);
 * - DMS actions, one attempt: a confirmed StartReplication or StopReplication
 *   is exactly one call, so a lost answer is reported rather than resent
 *   (a resend could start a replication twice or fail as "already running");
 * - CloudWatch Logs reads (retried);
 * - Live Tail, one attempt and no socket timeout: `LimitExceededException`
 *   counts as throttling to the SDK, and retrying it blindly only holds a
 *   session slot longer; the session reconnects with its own backoff.
 */
export function createAwsApis(settings: ResolvedAwsSettings): AwsApis {
  const attempts = settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const { dms: dmsEndpoint, logs: logsEndpoint } = settings.endpoints;
  // One provider for all four clients: the chain caches what it resolved until it expires, so an
  // SSO login or a credential_process runs once, and a Live Tail reconnect after expiry gets fresh ones.
  const credentials = settings.credentials ?? fromNodeProviderChain(settings.profile === undefined ? {} : { profile: settings.profile });
  const dmsReads = new DatabaseMigrationServiceClient(commonConfig(settings, credentials, dmsEndpoint, attempts, false));
  const dmsActions = new DatabaseMigrationServiceClient(commonConfig(settings, credentials, dmsEndpoint, 1, false));
  const logsReads = new CloudWatchLogsClient(commonConfig(settings, credentials, logsEndpoint, attempts, false));
  const liveTail = new CloudWatchLogsClient(commonConfig(settings, credentials, logsEndpoint, 1, true));
  const opts = (signal: AbortSignal | undefined): { abortSignal?: AbortSignal } => (signal === undefined ? {} : { abortSignal: signal });

  return {
    region: settings.region,
    ...(settings.profile === undefined ? {} : { profile: settings.profile }),
    endpoints: settings.endpoints,
    dms: {
      describeReplications: (input, signal) => dmsReads.send(new DescribeReplicationsCommand(input), opts(signal)),
      describeReplicationConfigs: (input, signal) => dmsReads.send(new DescribeReplicationConfigsCommand(input), opts(signal)),
      describeEndpoints: (input, signal) => dmsReads.send(new DescribeEndpointsCommand(input), opts(signal)),
      startReplication: (input, signal) => dmsActions.send(new StartReplicationCommand(input), opts(signal)),
      stopReplication: (input, signal) => dmsActions.send(new StopReplicationCommand(input), opts(signal)),
    },
    logs: {
      describeLogGroups: (input, signal) => logsReads.send(new DescribeLogGroupsCommand(input), opts(signal)),
      filterLogEvents: (input, signal) => logsReads.send(new FilterLogEventsCommand(input), opts(signal)),
      startLiveTail: async (input, signal) => {
        // `send` resolves once the server accepted the session (HTTP 200 and headers):
        // LimitExceededException and AccessDeniedException reject here. Aborting `signal`
        // destroys the request, which closes the socket and ends the stream's iteration.
        const output = await liveTail.send(new StartLiveTailCommand(input), { abortSignal: signal });
        if (output.responseStream === undefined) throw Object.assign(new Error('StartLiveTail answered without an event stream'), { name: 'SessionStreamingException' });
        return output.responseStream;
      },
    },
    destroy: () => {
      dmsReads.destroy();
      dmsActions.destroy();
      logsReads.destroy();
      liveTail.destroy();
    },
  };
}
