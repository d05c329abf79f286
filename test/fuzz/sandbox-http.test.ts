import { DescribeReplicationsCommand, DatabaseMigrationServiceClient } from '@aws-sdk/client-database-migration-service';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import fc from 'fast-check';
import { request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { IO_WAIT } from '../support/waits.js';
import { nastyText } from './arbitraries.js';
import { fuzzParams, fuzzTimeout } from './settings.js';

/**
 * An HTTP fuzzer against the in-process sandbox: random targets, methods,
 * paths, headers, bodies and sizes, with the clock moved in between. Every
 * request is answered within a deadline, with an AWS-style status and body,
 * never an internal error; afterwards the sandbox still serves and every
 * Live Tail session the fuzzer dropped is closed.
 */

const DEADLINE_MS = 5_000;
const RDS_GROUP = '/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql';
const ARN = 'arn:aws:dms:eu-central-1:123456789012:replication-config:EAM3JEHXGBGZBPN5PLON7NPDEE';
const GROUP_ARN = `arn:aws:logs:eu-central-1:123456789012:log-group:${RDS_GROUP}`;

const DMS_OPS = ['DescribeReplications', 'DescribeReplicationConfigs', 'DescribeEndpoints', 'StartReplication', 'StopReplication'].map((o) => `AmazonDMSv20160101.${o}`);
const LOGS_OPS = ['FilterLogEvents', 'GetLogEvents', 'DescribeLogGroups', 'StartLiveTail'].map((o) => `Logs_20140328.${o}`);

/** Members the operations read, and a few they do not. */
const MEMBERS = [
  'Filters', 'MaxRecords', 'Marker', 'ReplicationConfigArn', 'StartReplicationType', 'logGroupName', 'logGroupIdentifier', 'logGroupIdentifiers',
  'logStreamName', 'logStreamNames', 'logStreamNamePrefix', 'logStreamNamePrefixes', 'startTime', 'endTime', 'filterPattern', 'logEventFilterPattern',
  'nextToken', 'limit', 'startFromHead', 'logGroupNamePrefix', 'logGroupNamePattern', 'unknownMember',
];

/** Values that mean something to some member, values of the wrong type, and hostile text. */
const memberValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    ARN, GROUP_ARN, RDS_GROUP, `${GROUP_ARN}:*`, 'testdrive-dms-postgresql-dev-db.0', 'start-replication', 'resume-processing', 'reload-target',
    [GROUP_ARN], [RDS_GROUP], ['testdrive-dms-postgresql-dev-db.0'], [{ Name: 'replication-config-arn', Values: [ARN] }], [{ Name: 'endpoint-type', Values: ['source'] }],
    'f/00000000000000000000000000000000000000000000000000000000/s', 'b/1', 20, 100, 10_000, 1, 0, -1, 1.5, 1e308, true, false, null, [], {},
    '%(.|.)*#%', '%(a+)+$%', '%^(beta|zeta)%', '%(?=x)%', '%\\1%', '{ $.level = "error" }', '"a phrase', '?error ?FATAL -LOG', 'connection', '[w1, w2]',
  ),
  fc.integer(),
  fc.double(),
  nastyText(30),
  fc.array(nastyText(10), { maxLength: 12 }),
  fc.jsonValue({ maxDepth: 2 }),
);

const DMS_GROUP_ARN = 'arn:aws:logs:eu-central-1:123456789012:log-group:dms-serverless-replication-EAM3JEHXGBGZBPN5PLON7NPDEE';

/** A member: a value the operation accepts most of the time, else anything, or left out. */
const member = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: memberValue }, { weight: 1, arbitrary: fc.constant(undefined) });

const filterPattern = fc.constantFrom('connection', '"connection authorized"', '?FATAL ?ERROR', 'LOG -checkpoint', '%^20[0-9]{2}%', '%(.|.)*#%', '%(a+)+$%', '', 'x y z');

/** The members of each operation, so that many requests are ones it accepts and act (start, stop, open a Live Tail). */
const MEMBERS_OF: Readonly<Record<string, Readonly<Record<string, fc.Arbitrary<unknown>>>>> = {
  DescribeReplications: {
    Filters: member(fc.constantFrom([{ Name: 'replication-config-arn', Values: [ARN] }], [{ Name: 'replication-config-id', Values: ['testdrive-dms-postgresql-dev-dms-serverless'] }])),
    MaxRecords: member(fc.integer({ min: 20, max: 100 })),
  },
  DescribeReplicationConfigs: { Filters: member(fc.constant([{ Name: 'replication-config-arn', Values: [ARN] }])), MaxRecords: member(fc.integer({ min: 20, max: 100 })) },
  DescribeEndpoints: { Filters: member(fc.constant([{ Name: 'endpoint-type', Values: ['source'] }])), MaxRecords: member(fc.integer({ min: 20, max: 100 })) },
  StartReplication: { ReplicationConfigArn: member(fc.constant(ARN)), StartReplicationType: member(fc.constantFrom('start-replication', 'resume-processing', 'reload-target')) },
  StopReplication: { ReplicationConfigArn: member(fc.constant(ARN)) },
  FilterLogEvents: {
    logGroupName: member(fc.constantFrom(RDS_GROUP, 'dms-serverless-replication-EAM3JEHXGBGZBPN5PLON7NPDEE')),
    startTime: member(fc.integer({ min: Date.UTC(2024, 3, 1), max: Date.UTC(2024, 5, 1) })),
    filterPattern: member(filterPattern),
    limit: member(fc.integer({ min: 1, max: 10_000 })),
    startFromHead: member(fc.boolean()),
  },
  GetLogEvents: {
    logGroupName: member(fc.constant(RDS_GROUP)),
    logStreamName: member(fc.constant('testdrive-dms-postgresql-dev-db.0')),
    startFromHead: member(fc.boolean()),
    limit: member(fc.integer({ min: 1, max: 10_000 })),
  },
  DescribeLogGroups: { logGroupNamePrefix: member(fc.constantFrom('/aws', 'dms-')), limit: member(fc.integer({ min: 1, max: 50 })) },
  StartLiveTail: {
    logGroupIdentifiers: member(fc.constantFrom([GROUP_ARN], [GROUP_ARN, DMS_GROUP_ARN])),
    logEventFilterPattern: fc.oneof(fc.constant(undefined), filterPattern),
  },
};

function bodyFor(target: string | undefined): fc.Arbitrary<Buffer> {
  const members = MEMBERS_OF[target?.split('.')[1] ?? ''] ?? {};
  const valid = fc
    .tuple(fc.record(members), fc.dictionary(fc.constantFrom(...MEMBERS), memberValue, { maxKeys: 1 }))
    .map(([own, stray]) => Buffer.from(JSON.stringify(Object.fromEntries(Object.entries({ ...stray, ...own }).filter(([, v]) => v !== undefined)))));
  return fc.oneof(
    { weight: 8, arbitrary: valid },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v))) },
    { weight: 1, arbitrary: nastyText(100).map((t) => Buffer.from(t)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1023, 64 * 1024, 1024 * 1024, 1024 * 1024 + 1, 3 * 1024 * 1024).map((n) => Buffer.alloc(n, 0x7b)) },
  );
}

const headerName = fc.string({ unit: fc.constantFrom(...'abcdefxyz-'.split('')), minLength: 1, maxLength: 12 }).filter((n) => /^[a-z]/.test(n));
const headerValue = fc.string({ unit: fc.constantFrom(...' abc123=;,/:."{}\t'.split('')), maxLength: 40 }).map((v) => v.trim());

interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly target: string | undefined;
  readonly auth: boolean;
  readonly contentType: string | undefined;
  readonly extra: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** Virtual ms to move the clock before sending. */
  readonly advance: number;
}

const target = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...DMS_OPS, ...LOGS_OPS) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, '', 'AmazonDMSv20160101.', 'Logs_20140328.Nope', 'x.y.z') },
  { weight: 1, arbitrary: headerValue },
);

const fuzzRequest: fc.Arbitrary<FuzzRequest> = target.chain((t) =>
  fc.record({
    method: fc.oneof({ weight: 12, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') }),
    path: fc.oneof({ weight: 12, arbitrary: fc.constant('/') }, { weight: 1, arbitrary: fc.constantFrom('/x', '//', '/?a=b', '/%zz', '/../', '/?') }),
    target: fc.constant(t),
    auth: fc.oneof({ weight: 12, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    contentType: fc.constantFrom('application/x-amz-json-1.1', 'application/x-amz-json-1.1', undefined, 'text/plain', 'application/json; charset=utf-8'),
    extra: fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
    body: bodyFor(t),
    advance: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(400_000) }),
  }),
);

interface Answer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: string;
}

/** Sends one request; a Live Tail stream is dropped as soon as it opens (an abrupt client). */
function send(sandbox: Sandbox, r: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...r.extra };
    if (r.target !== undefined) headers['X-Amz-Target'] = r.target;
    if (r.auth) headers.Authorization = 'AWS4-HMAC-SHA256 Credential=x/20240501/eu-central-1/dms/aws4_request, SignedHeaders=host, Signature=0';
    if (r.contentType !== undefined) headers['Content-Type'] = r.contentType;
    const req = request(`${sandbox.url}${r.path}`, { method: r.method, headers });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${DEADLINE_MS} ms to ${r.method} ${r.path} ${r.target ?? '(no target)'} with ${r.body.length} bytes`));
    }, DEADLINE_MS);
    req.on('response', (res) => {
      const contentType = res.headers['content-type'];
      if (contentType === 'application/vnd.amazon.eventstream') {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, contentType, body: '' });
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, contentType, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    // The sandbox may answer a body that is too large before reading it all, and close: that is an answer too.
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (r.body.length > 1024 * 1024 && (err.code === 'EPIPE' || err.code === 'ECONNRESET')) resolve({ status: 400, contentType: undefined, body: '' });
      else reject(err);
    });
    req.end(r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body);
  });
}

async function stillServes(sandbox: Sandbox): Promise<void> {
  const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
  const dms = new DatabaseMigrationServiceClient({ endpoint: sandbox.url, region: sandbox.region, credentials, maxAttempts: 1 });
  const logs = new CloudWatchLogsClient({ endpoint: sandbox.url, region: sandbox.region, credentials, maxAttempts: 1, disableHostPrefix: true });
  try {
    const described = await dms.send(new DescribeReplicationsCommand({}));
    expect(described.Replications?.[0]?.ReplicationConfigArn).toBe(ARN);
    const events = await logs.send(new FilterLogEventsCommand({ logGroupName: RDS_GROUP, limit: 5 }));
    expect(Array.isArray(events.events)).toBe(true);
  } finally {
    dms.destroy();
    logs.destroy();
  }
}

async function withSandbox(run: (sandbox: Sandbox, errors: unknown[]) => Promise<void>): Promise<void> {
  const errors: unknown[] = [];
  const sandbox = await startSandbox({ port: 0, manualClock: true, startTime: Date.UTC(2024, 4, 1), autoStart: false, onError: (err) => errors.push(err) });
  try {
    await run(sandbox, errors);
  } finally {
    await sandbox.stop();
  }
}

describe('the sandbox over HTTP, for any requests', () => {
  it('answers each within the deadline with an AWS-style status and body, then still serves with no session left open', { timeout: fuzzTimeout(30_000) }, async () => {
    await withSandbox(async (sandbox, errors) => {
      await fc.assert(
        fc.asyncProperty(fuzzRequest, async (r) => {
          if (r.advance > 0) await sandbox.advance(r.advance);
          const answer = await send(sandbox, r);
          expect(errors).toEqual([]);
          expect([200, 400, 403, 404]).toContain(answer.status);
          if (answer.contentType === 'application/x-amz-json-1.1' && answer.status !== 200 && answer.body !== '') {
            expect(JSON.parse(answer.body)).toMatchObject({ __type: expect.any(String) as unknown });
          }
        }),
        fuzzParams(150),
      );
      await vi.waitFor(() => {
        expect(sandbox.liveTailSessions()).toBe(0);
      }, IO_WAIT);
      await stillServes(sandbox);
      expect(errors).toEqual([]);
    });
  });

  it('survives raw bytes on a socket: each connection ends within the deadline, and the sandbox still serves', { timeout: fuzzTimeout(30_000) }, async () => {
    const raw = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      fc.tuple(fc.constantFrom('POST / HTTP/1.1\r\n', 'GET / HTTP/1.0\r\n', 'POST / HTTP/9.9\r\n', 'POST http://x/ HTTP/1.1\r\n', ''), fc.array(fc.tuple(headerName, nastyText(20)), { maxLength: 4 }), fc.constantFrom('\r\n', '\n', ''), nastyText(50))
        .map(([line, headers, end, rest]) => Buffer.from(`${line}${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}Content-Length: ${String(rest.length)}\r\n${end}${rest}`)),
    );
    await withSandbox(async (sandbox, errors) => {
      await fc.assert(
        fc.asyncProperty(raw, async (bytes) => {
          await new Promise<void>((resolve, reject) => {
            const socket = connect(sandbox.port, '127.0.0.1');
            const timer = setTimeout(() => {
              socket.destroy();
              reject(new Error(`the connection stayed open ${DEADLINE_MS} ms after ${JSON.stringify(bytes.toString('latin1'))}`));
            }, DEADLINE_MS);
            socket.on('error', () => undefined);
            socket.on('data', () => undefined);
            socket.on('close', () => {
              clearTimeout(timer);
              resolve();
            });
            socket.end(bytes);
          });
          expect(errors).toEqual([]);
        }),
        fuzzParams(60),
      );
      await stillServes(sandbox);
    });
  });
});
