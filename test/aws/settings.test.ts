import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveRegion } from '../../src/aws/clients.js';
import { AwsFailure } from '../../src/aws/errors.js';
import { resolveAwsSettings } from '../../src/aws/settings.js';

function failureOf(fn: () => unknown): AwsFailure {
  try {
    fn();
  } catch (err) {
    if (err instanceof AwsFailure) return err;
    throw err;
  }
  throw new Error('expected an AwsFailure');
}

describe('resolveAwsSettings: region precedence as the AWS CLI has it', () => {
  const env = { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-east-2' };

  it('takes the ARN region over --region and the environment', () => {
    const s = resolveAwsSettings({ region: 'us-west-2' }, env, 'ap-south-1');
    expect([s.region, s.regionSource]).toEqual(['ap-south-1', 'arn']);
  });

  it('takes --region over AWS_REGION', () => {
    expect(resolveAwsSettings({ region: 'us-west-2' }, env).region).toBe('us-west-2');
  });

  it('takes AWS_REGION over AWS_DEFAULT_REGION, and AWS_DEFAULT_REGION alone (the JS SDK would ignore it)', () => {
    expect(resolveAwsSettings({}, env).region).toBe('eu-west-1');
    const s = resolveAwsSettings({}, { AWS_DEFAULT_REGION: 'us-east-2' });
    expect([s.region, s.regionSource]).toEqual(['us-east-2', 'AWS_DEFAULT_REGION']);
  });

  it('leaves the region to the profile when nothing else names one', () => {
    const s = resolveAwsSettings({}, {});
    expect(s.region).toBeUndefined();
    expect(s.regionSource).toBe('profile');
  });

  it('refuses a region that is not a region name, in one line', () => {
    expect(failureOf(() => resolveAwsSettings({ region: 'eu central 1' }, {})).message).toBe('--region "eu central 1" is not a region name (expected e.g. eu-central-1)');
  });
});

describe('resolveAwsSettings: profile and endpoints', () => {
  it('takes --profile over AWS_PROFILE, AWS_PROFILE over the default chain', () => {
    expect(resolveAwsSettings({ profile: 'dev' }, { AWS_PROFILE: 'prod' }).profile).toBe('dev');
    expect(resolveAwsSettings({}, { AWS_PROFILE: 'prod' }).profile).toBe('prod');
    expect(resolveAwsSettings({}, {}).profile).toBeUndefined();
  });

  it('takes --endpoint-url over the service variable over AWS_ENDPOINT_URL', () => {
    const env = {
      AWS_ENDPOINT_URL: 'http://127.0.0.1:1000',
      AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE: 'http://127.0.0.1:2000',
    };
    expect(resolveAwsSettings({}, env).endpoints).toEqual({ dms: 'http://127.0.0.1:2000', logs: 'http://127.0.0.1:1000' });
    expect(resolveAwsSettings({}, { ...env, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://127.0.0.1:3000' }).endpoints.logs).toBe('http://127.0.0.1:3000');
    expect(resolveAwsSettings({ endpointUrl: 'http://127.0.0.1:4577' }, env).endpoints).toEqual({ dms: 'http://127.0.0.1:4577', logs: 'http://127.0.0.1:4577' });
  });

  it('ignores configured endpoints when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true, but not --endpoint-url', () => {
    const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:1000', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' };
    expect(resolveAwsSettings({}, env).endpoints).toEqual({});
    expect(resolveAwsSettings({ endpointUrl: 'http://127.0.0.1:9' }, env).endpoints.dms).toBe('http://127.0.0.1:9');
  });

  it.each([
    ['127.0.0.1:4577', 'is not a URL'],
    ['ftp://127.0.0.1', 'must start with http:// or https://'],
    ['http://127.0.0.1:4577/?x=1', 'must be a plain http(s)://host[:port][/path] URL'],
  ])('refuses the endpoint %s in one line naming the setting', (value, why) => {
    const flag = failureOf(() => resolveAwsSettings({ endpointUrl: value }, {}));
    expect(flag.message).toContain(`--endpoint-url "${value}" ${why}`);
    expect(flag.info.kind).toBe('config');
    const env = failureOf(() => resolveAwsSettings({}, { AWS_ENDPOINT_URL: value }));
    expect(env.message).toContain(`AWS_ENDPOINT_URL "${value}"`);
  });
});

describe('resolveRegion: the profile\'s region from the shared config file', () => {
  let dir: string | undefined;
  afterEach(() => {
    vi.unstubAllEnvs();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function configFile(text: string): void {
    dir = mkdtempSync(join(tmpdir(), 'dms-live-config-'));
    const file = join(dir, 'config');
    writeFileSync(file, text);
    vi.stubEnv('AWS_CONFIG_FILE', file);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'credentials'));
    vi.stubEnv('AWS_REGION', undefined);
    vi.stubEnv('AWS_PROFILE', undefined);
  }

  it('reads region from the chosen profile, and from [default] without one', async () => {
    configFile('[default]\nregion = us-west-2\n[profile dev]\nregion = ap-south-1\n');
    expect((await resolveRegion(resolveAwsSettings({ profile: 'dev' }, {}))).region).toBe('ap-south-1');
    expect((await resolveRegion(resolveAwsSettings({}, {}))).region).toBe('us-west-2');
  });

  it('says how to set a region when the profile has none', async () => {
    configFile('[profile bare]\noutput = json\n');
    await expect(resolveRegion(resolveAwsSettings({ profile: 'bare' }, {}))).rejects.toThrow(
      'no region: pass --region, set AWS_REGION, or set region in profile bare',
    );
  });

  it('keeps a region already chosen without reading any file', async () => {
    expect((await resolveRegion(resolveAwsSettings({ region: 'eu-central-1' }, {}))).region).toBe('eu-central-1');
  });
});
