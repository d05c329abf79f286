import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAwsApis, USER_AGENT } from '../../src/aws/clients.js';
import { contextFor, describeAwsError } from '../../src/aws/errors.js';
import { resolveAwsSettings } from '../../src/aws/settings.js';
import { sandboxFor } from '../sandbox/support.js';
import { DUMMY_CREDENTIALS, sandboxApis } from './support.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('createAwsApis: the real SDK clients', () => {
  it('sends dms-live/<version> as user agent, signed with the region and credentials given', async () => {
    let headers: IncomingHttpHeaders = {};
    const port = await listen((req, res) => {
      headers = req.headers;
      res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' });
      res.end('{"Replications":[]}');
    });
    const apis = createAwsApis({ region: 'eu-west-3', regionSource: '--region', endpoints: { dms: `http://127.0.0.1:${port}` }, credentials: DUMMY_CREDENTIALS });
    try {
      await apis.dms.describeReplications({});
    } finally {
      apis.destroy();
    }
    expect(USER_AGENT).toMatch(/^dms-live\/\d+\.\d+\.\d+$/);
    expect(`${String(headers['user-agent'])} ${String(headers['x-amz-user-agent'])}`).toContain(USER_AGENT);
    expect(headers.authorization).toMatch(/Credential=sandbox\/\d{8}\/eu-west-3\/dms\/aws4_request/);
  });

  it('retries reads (standard mode) but sends an action once', async () => {
    let describes = 0;
    let starts = 0;
    const sandbox = await sandboxFor({
      scenario: 'happy-path',
      autoStart: false,
      faults: { serverErrors: { afterSeconds: 0, forSeconds: 60 } },
      onResponse: (r) => {
        if (r.operation === 'DescribeReplications') describes++;
        if (r.operation === 'StartReplication') starts++;
      },
    });
    const apis = sandboxApis(sandbox, { maxAttempts: 3 });
    await expect(apis.dms.describeReplications({})).rejects.toMatchObject({ name: 'InternalFailure' });
    expect(describes).toBe(3);
    const arn = sandbox.replications()[0]?.arn ?? '';
    await expect(apis.dms.startReplication({ ReplicationConfigArn: arn, StartReplicationType: 'start-replication' })).rejects.toMatchObject({ name: 'InternalFailure' });
    expect(starts).toBe(1);
  });

  it('opens Live Tail on a custom endpoint (no stream- host prefix), and aborting closes the session', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    sandbox.putLogEvent({ group: 'extra', stream: 's', message: 'hello', createGroup: true });
    const apis = sandboxApis(sandbox);
    const controller = new AbortController();
    const stream = await apis.logs.startLiveTail({ logGroupIdentifiers: [`arn:aws:logs:${sandbox.region}:${sandbox.accountId}:log-group:extra`] }, controller.signal);
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toHaveProperty('sessionStart');
    expect(sandbox.liveTailSessions()).toBe(1);
    controller.abort();
    await expect(iterator.next()).rejects.toThrow();
    await vi.waitFor(() => {
      expect(sandbox.liveTailSessions()).toBe(0);
    });
  });

  it('rejects StartLiveTail at once on LimitExceededException, with one request and a message that explains it', async () => {
    let requests = 0;
    const sandbox = await sandboxFor({
      scenario: 'happy-path',
      autoStart: false,
      faults: { maxLiveTailSessions: 0 },
      onResponse: (r) => {
        if (r.operation === 'StartLiveTail') requests++;
      },
    });
    sandbox.putLogEvent({ group: 'extra', stream: 's', message: 'hello', createGroup: true });
    const apis = sandboxApis(sandbox, { maxAttempts: 3 });
    const err: unknown = await apis.logs
      .startLiveTail({ logGroupIdentifiers: [`arn:aws:logs:${sandbox.region}:${sandbox.accountId}:log-group:extra`] }, new AbortController().signal)
      .then(() => undefined, (e: unknown) => e);
    expect(requests).toBe(1);
    const info = describeAwsError(err, contextFor(apis, 'logs:StartLiveTail'));
    expect(info.kind).toBe('limit-exceeded');
    expect(info.message).toMatch(/^too many Live Tail sessions are open/);
  });

  it('says in one line when the endpoint cannot be reached', async () => {
    const port = await closedPort();
    const settings = { ...resolveAwsSettings({ endpointUrl: `http://127.0.0.1:${port}`, region: 'eu-central-1' }, {}), region: 'eu-central-1', credentials: DUMMY_CREDENTIALS, maxAttempts: 1 };
    const apis = createAwsApis(settings);
    try {
      const err: unknown = await apis.dms.describeReplications({}).then(() => undefined, (e: unknown) => e);
      expect(describeAwsError(err, contextFor(apis, 'dms:DescribeReplications')).message).toBe(
        `cannot reach http://127.0.0.1:${port} (ECONNREFUSED): check the network/VPN or --endpoint-url`,
      );
    } finally {
      apis.destroy();
    }
  });
});

describe('createAwsApis without credentials', () => {
  let dir: string | undefined;
  afterEach(() => {
    vi.unstubAllEnvs();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('says in one line how to get credentials for a profile that does not exist', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dms-live-nocreds-'));
    writeFileSync(join(dir, 'config'), '');
    writeFileSync(join(dir, 'credentials'), '');
    vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'config'));
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'credentials'));
    // Nothing in the chain may look further: no keys, no container or web identity, no instance metadata.
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN']) {
      vi.stubEnv(name, undefined);
    }
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    const port = await closedPort();
    const apis = createAwsApis({ profile: 'nope', region: 'eu-central-1', regionSource: '--region', endpoints: { dms: `http://127.0.0.1:${port}` }, maxAttempts: 1 });
    try {
      const err: unknown = await apis.dms.describeReplications({}).then(() => undefined, (e: unknown) => e);
      const info = describeAwsError(err, contextFor(apis, 'dms:DescribeReplications'));
      expect(info.kind).toBe('no-credentials');
      expect(info.message).toMatch(/^no AWS credentials found: run aws configure, aws sso login --profile nope, or set AWS_PROFILE/);
      expect(info.message).not.toContain('\n');
    } finally {
      apis.destroy();
    }
  });
});
