/**
 * The one place that turns what the AWS SDK and Node throw into a line a
 * user can act on. Errors are told apart by `name` (and the HTTP status),
 * never with `instanceof`: the SDK's error classes differ between clients
 * and bundles, and the AWS SDK for JavaScript v3 documents `name` as the
 * error code. AWS error text is untrusted, so every message is made
 * terminal-safe here.
 */
import { toSafeLine } from '../parse/safe-text.js';

/** The IAM actions dms-live needs; a denial names the one that was refused. */
export type IamAction =
  | 'dms:DescribeReplications'
  | 'dms:DescribeReplicationConfigs'
  | 'dms:DescribeEndpoints'
  | 'dms:StartReplication'
  | 'dms:StopReplication'
  | 'logs:StartLiveTail'
  | 'logs:FilterLogEvents'
  | 'logs:DescribeLogGroups';

export type AwsErrorKind =
  | 'no-credentials'
  | 'expired-credentials'
  | 'invalid-credentials'
  | 'access-denied'
  | 'not-found'
  | 'invalid-state'
  | 'invalid-parameter'
  | 'throttled'
  | 'server-error'
  | 'limit-exceeded'
  | 'network'
  | 'aborted'
  | 'config'
  | 'unknown';

export interface AwsErrorInfo {
  readonly kind: AwsErrorKind;
  /** One terminal-safe line: what went wrong and what to do. */
  readonly message: string;
  /** Worth trying again later by itself (throttling, 5xx, network). */
  readonly retryable: boolean;
  /** The error's name as the SDK or Node gave it (`ThrottlingException`, `ECONNREFUSED`). */
  readonly name: string;
  /** The IAM action that was refused, on `access-denied`. */
  readonly action?: IamAction;
}

/** What the caller was doing, so the line can name the action, profile and endpoint. */
export interface AwsErrorContext {
  readonly action: IamAction;
  /** The profile in use (`default` when none was chosen). */
  readonly profile?: string;
  /** The endpoint called, when overridden, else the service's host is implied by the region. */
  readonly endpoint?: string;
  readonly region?: string;
}

/** An AWS failure already explained: commands print `message` and exit 1 (2 for `config`). */
export class AwsFailure extends Error {
  override readonly name = 'AwsFailure';
  constructor(readonly info: AwsErrorInfo) {
    super(info.message);
  }
}

/** A setup problem found before any call (no region, a bad endpoint URL). */
export function configFailure(message: string): AwsFailure {
  return new AwsFailure({ kind: 'config', message: toSafeLine(message), retryable: false, name: 'AwsConfig' });
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);

const SERVER = new Set(['InternalFailure', 'InternalServerError', 'InternalServiceError', 'InternalError', 'ServiceUnavailable', 'ServiceUnavailableException', 'ServiceException']);

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'AccessDeniedFault', 'UnauthorizedOperation', 'UnauthorizedException', 'KMSAccessDeniedFault']);

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);

/** Keys the service does not know, or a signature it cannot check: the credentials are wrong, not missing. */
const INVALID_CREDENTIALS = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'IncompleteSignature', 'MissingAuthenticationTokenException']);

const NOT_FOUND = new Set(['ResourceNotFoundFault', 'ResourceNotFoundException']);

const INVALID_PARAMETER = new Set(['InvalidParameterValueException', 'InvalidParameterCombinationException', 'InvalidParameterException', 'ValidationException', 'SerializationException', 'InvalidRequestException']);

/** Node and SDK network failures: nothing answered. */
const NETWORK_CODES = new Set(['ENOTFOUND', 'ECONNREFUSED', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ENETDOWN', 'EPROTO', 'UND_ERR_SOCKET']);

/**
 * The SSO provider's words for an expired session or token (`@aws-sdk/credential-provider-sso`,
 * `@aws-sdk/token-providers`): "The SSO session associated with this profile has expired or
 * is otherwise invalid", "Token is expired", "SSO Token refresh failed".
 */
const SSO_EXPIRED = /sso session associated with this profile has expired|token is expired|token refresh failed|sso token .*expired|refresh.*sso/i;

interface ErrorFacts {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly status?: number;
}

function factsOf(err: unknown): ErrorFacts {
  if (typeof err !== 'object' || err === null) return { name: 'Error', message: String(err) };
  const e = err as { name?: unknown; message?: unknown; code?: unknown; $metadata?: { httpStatusCode?: unknown }; cause?: unknown };
  const name = typeof e.name === 'string' && e.name !== '' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : '';
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  let code = typeof e.code === 'string' ? e.code : undefined;
  // undici and some agents put the socket error in `cause`.
  if (code === undefined && typeof e.cause === 'object' && e.cause !== null) {
    const causeCode = (e.cause as { code?: unknown }).code;
    if (typeof causeCode === 'string') code = causeCode;
  }
  return { name, message, ...(code === undefined ? {} : { code }), ...(status === undefined ? {} : { status }) };
}

/** The service's own words, cut to one safe line (it may hold ARNs worth showing). */
function detail(message: string): string {
  const line = toSafeLine(message.trim());
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

function withDetail(summary: string, message: string): string {
  const d = detail(message);
  return d === '' ? summary : `${summary}: ${d}`;
}

function loginHint(profile: string | undefined): string {
  return `aws sso login --profile ${profile ?? 'default'}`;
}

/** The context of a call made through `apis` (profile and endpoint for the message). */
export function contextFor(
  apis: { readonly region: string; readonly profile?: string; readonly endpoints?: { readonly dms?: string; readonly logs?: string } },
  action: IamAction,
): AwsErrorContext {
  const endpoint = action.startsWith('dms:') ? apis.endpoints?.dms : apis.endpoints?.logs;
  return { action, region: apis.region, ...(apis.profile === undefined ? {} : { profile: apis.profile }), ...(endpoint === undefined ? {} : { endpoint }) };
}

/**
 * What `err` means for the user, in one line. The context (or just the IAM
 * action) names the call that failed, and the action a denial refers to.
 */
export function describeAwsError(err: unknown, contextOrAction: AwsErrorContext | IamAction): AwsErrorInfo {
  if (err instanceof AwsFailure) return err.info;
  const context: AwsErrorContext = typeof contextOrAction === 'string' ? { action: contextOrAction } : contextOrAction;
  const f = factsOf(err);
  const profile = context.profile ?? 'default';
  const where = context.endpoint ?? (context.region === undefined ? 'AWS' : `AWS in ${context.region}`);
  const info = (kind: AwsErrorKind, message: string, retryable: boolean, extra: { action?: IamAction } = {}): AwsErrorInfo => ({
    kind,
    message: toSafeLine(message),
    retryable,
    name: f.name,
    ...extra,
  });

  if (f.name === 'AbortError') return info('aborted', `${context.action} was cancelled`, false);

  if (f.name === 'CredentialsProviderError' || f.name === 'TokenProviderError') {
    if (SSO_EXPIRED.test(f.message)) {
      return info('expired-credentials', `the SSO session of profile ${profile} has expired: run ${loginHint(context.profile)}`, false);
    }
    return info(
      'no-credentials',
      `no AWS credentials found: run aws configure, ${loginHint(context.profile)}, or set AWS_PROFILE (profile ${profile}: ${detail(f.message)})`,
      false,
    );
  }
  if (EXPIRED.has(f.name) || SSO_EXPIRED.test(f.message)) {
    return info('expired-credentials', `the AWS credentials of profile ${profile} have expired: run ${loginHint(context.profile)} or refresh them`, false);
  }
  if (INVALID_CREDENTIALS.has(f.name)) {
    return info('invalid-credentials', withDetail(`${where} refused the AWS credentials of profile ${profile} (${f.name}); check them with aws sts get-caller-identity`, f.message), false);
  }
  if (ACCESS_DENIED.has(f.name) || f.status === 403) {
    return info(
      'access-denied',
      `access denied: your IAM identity may not call ${context.action}; ask for that permission (profile ${profile})`,
      false,
      { action: context.action },
    );
  }
  if (f.name === 'LimitExceededException') {
    return info(
      'limit-exceeded',
      'too many Live Tail sessions are open in this account and region (CloudWatch Logs allows 15 at once): close another live tail (a console tab, aws logs start-live-tail, another dms-live) and try again',
      false,
    );
  }
  if (NOT_FOUND.has(f.name)) return info('not-found', withDetail('not found', f.message), false);
  if (f.name === 'InvalidResourceStateFault') return info('invalid-state', withDetail('refused in its current state', f.message), false);
  if (INVALID_PARAMETER.has(f.name)) return info('invalid-parameter', withDetail(`${context.action} refused a parameter`, f.message), false);
  if (THROTTLING.has(f.name) || f.status === 429) {
    return info('throttled', `${context.action} is throttled by AWS; retrying with backoff`, true);
  }
  if (SERVER.has(f.name) || (f.status !== undefined && f.status >= 500)) {
    return info('server-error', `${where} failed (${f.name}${f.status === undefined ? '' : `, HTTP ${f.status}`}) on ${context.action}; retrying`, true);
  }
  if (f.name === 'TimeoutError' || (f.code !== undefined && NETWORK_CODES.has(f.code)) || f.message === 'aborted' || /socket hang up/i.test(f.message)) {
    const code = f.code ?? f.name;
    return info('network', `cannot reach ${where} (${code}): check the network/VPN or --endpoint-url`, true);
  }
  if (f.name === 'Error' && /^Region is missing/.test(f.message)) {
    return info('config', `no region: pass --region, set AWS_REGION, or set region in profile ${profile}`, false);
  }
  return info('unknown', withDetail(`${context.action} failed (${f.name})`, f.message), false);
}
