/**
 * Which profile, region and endpoint dms-live talks to, with the AWS CLI's
 * precedence (AWS CLI User Guide, "Configuration and credential file
 * settings" and "Service-specific endpoints"), so a command that works with
 * `aws dms ...` works with `dms-live` too.
 */
import type { DatabaseMigrationServiceClientConfig } from '@aws-sdk/client-database-migration-service';
import { configFailure } from './errors.js';

export interface AwsFlags {
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
}

/** Where the region came from, for messages. `profile` means: read from the profile's `region` when clients are built. */
export type RegionSource = 'arn' | '--region' | 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'profile';

export interface AwsEndpoints {
  /** DMS endpoint override. */
  readonly dms?: string;
  /** CloudWatch Logs endpoint override. */
  readonly logs?: string;
}

export interface AwsSettings {
  /** The profile to use; undefined is the SDK's default chain (`default` profile). */
  readonly profile?: string;
  /** Undefined when only the profile's config can tell (`regionSource: 'profile'`). */
  readonly region?: string;
  readonly regionSource: RegionSource;
  readonly endpoints: AwsEndpoints;
  /** Tests inject fixed credentials so no real ones are ever resolved. */
  readonly credentials?: DatabaseMigrationServiceClientConfig['credentials'];
  /** Tests lower the SDK's attempts (default: see clients.ts). */
  readonly maxAttempts?: number;
}

/** The same settings once the region is known. */
export interface ResolvedAwsSettings extends AwsSettings {
  readonly region: string;
}

/**
 * The SDK's own `AWS_ENDPOINT_URL_<SERVICE>` names: the service id upper
 * case, spaces as underscores (AWS SDKs and Tools Reference Guide,
 * "Service-specific endpoints", identifiers list).
 */
export const ENDPOINT_ENV = {
  dms: 'AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE',
  logs: 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS',
} as const;

/** A region is one host label: lower-case letters, digits and dashes (`eu-central-1`, `us-gov-west-1`). */
const REGION = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function nonEmpty(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v === undefined || v === '' ? undefined : v;
}

function checkRegion(region: string, from: string): string {
  if (!REGION.test(region)) throw configFailure(`${from} "${region}" is not a region name (expected e.g. eu-central-1)`);
  return region;
}

/**
 * An endpoint URL the SDK can use: absolute http(s), no query or fragment.
 * The SDK would otherwise fail later with a message that does not name the setting.
 */
export function checkEndpointUrl(value: string, from: string): string {
  let url: URL;
  try {
    // `localhost:4577` parses as a URL of scheme `localhost:`; a URL here names its scheme.
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new TypeError('no scheme');
    url = new URL(value);
  } catch {
    throw configFailure(`${from} "${value}" is not a URL (expected e.g. https://dms.eu-central-1.amazonaws.com or http://127.0.0.1:4577)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw configFailure(`${from} "${value}" must start with http:// or https://`);
  }
  if (url.hostname === '' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw configFailure(`${from} "${value}" must be a plain http(s)://host[:port][/path] URL`);
  }
  return value;
}

function endpointFor(service: keyof AwsEndpoints, flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (flag !== undefined) return checkEndpointUrl(flag, '--endpoint-url');
  // The CLI and SDKs skip every configured (env/config) endpoint when this is true.
  if (nonEmpty(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)?.toLowerCase() === 'true') return undefined;
  const specific = nonEmpty(env[ENDPOINT_ENV[service]]);
  if (specific !== undefined) return checkEndpointUrl(specific, ENDPOINT_ENV[service]);
  const general = nonEmpty(env.AWS_ENDPOINT_URL);
  if (general !== undefined) return checkEndpointUrl(general, 'AWS_ENDPOINT_URL');
  return undefined;
}

/**
 * Profile, region and endpoints from flags and environment:
 * - region: the ARN's region > `--region` > `AWS_REGION` > `AWS_DEFAULT_REGION`
 *   (the AWS CLI honours it; the JS SDK does not) > the profile's `region`
 *   (read when clients are built, see `resolveRegion`);
 * - profile: `--profile` > `AWS_PROFILE` > the default chain;
 * - endpoint, per service: `--endpoint-url` > `AWS_ENDPOINT_URL_<SERVICE>` > `AWS_ENDPOINT_URL`.
 * Throws an `AwsFailure` (kind `config`) with one line on a bad value.
 */
export function resolveAwsSettings(flags: AwsFlags, env: NodeJS.ProcessEnv, arnRegion?: string): AwsSettings {
  const profile = nonEmpty(flags.profile) ?? nonEmpty(env.AWS_PROFILE);
  const endpointFlag = flags.endpointUrl === undefined ? undefined : flags.endpointUrl.trim();
  if (endpointFlag === '') throw configFailure('--endpoint-url needs a URL');
  const endpoints: AwsEndpoints = {
    ...optional('dms', endpointFor('dms', endpointFlag, env)),
    ...optional('logs', endpointFor('logs', endpointFlag, env)),
  };
  const candidates: readonly [RegionSource, string | undefined][] = [
    ['arn', nonEmpty(arnRegion)],
    ['--region', nonEmpty(flags.region)],
    ['AWS_REGION', nonEmpty(env.AWS_REGION)],
    ['AWS_DEFAULT_REGION', nonEmpty(env.AWS_DEFAULT_REGION)],
  ];
  const base = { ...(profile === undefined ? {} : { profile }), endpoints };
  for (const [source, value] of candidates) {
    if (value !== undefined) return { ...base, region: checkRegion(value, source === 'arn' ? 'the ARN\'s region' : source), regionSource: source };
  }
  return { ...base, regionSource: 'profile' };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
