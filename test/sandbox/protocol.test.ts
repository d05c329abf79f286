import { request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { decodeFrames } from '../../src/sandbox/logs/event-stream.js';
import { sandboxFor } from './support.js';

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

function post(sandbox: Sandbox, headers: Record<string, string>, body: string | Buffer, method = 'POST'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(sandbox.url, { method, headers: { 'Content-Type': 'application/x-amz-json-1.1', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const AUTH = { Authorization: 'AWS4-HMAC-SHA256 Credential=sandbox/20240501/eu-central-1/dms/aws4_request, SignedHeaders=host, Signature=0' };
const target = (op: string): Record<string, string> => ({ ...AUTH, 'X-Amz-Target': op });
const json = (r: RawResponse): unknown => JSON.parse(r.body.toString('utf8'));

describe('the AWS JSON 1.1 front door', () => {
  it.each<[string, number, string, Record<string, string>, string]>([
    ['no Authorization header', 400, 'MissingAuthenticationTokenException', { 'X-Amz-Target': 'AmazonDMSv20160101.DescribeReplications' }, '{}'],
    ['an unknown target', 400, 'UnknownOperationException', target('AmazonDMSv20160101.DeleteEverything'), '{}'],
    ['no target', 400, 'UnknownOperationException', AUTH, '{}'],
    ['a body that is not JSON', 400, 'SerializationException', target('AmazonDMSv20160101.DescribeReplications'), '{"Filters": ['],
    ['a JSON array body', 400, 'SerializationException', target('Logs_20140328.DescribeLogGroups'), '[1, 2]'],
    ['a member of the wrong type', 400, 'SerializationException', target('AmazonDMSv20160101.DescribeReplications'), '{"MaxRecords": "many"}'],
    ['a filter list of the wrong shape', 400, 'SerializationException', target('AmazonDMSv20160101.DescribeReplications'), '{"Filters": {"Name": 1}}'],
    ['a missing required member', 400, 'InvalidParameterValueException', target('AmazonDMSv20160101.StartReplication'), '{}'],
    ['a Logs member of the wrong type', 400, 'SerializationException', target('Logs_20140328.FilterLogEvents'), '{"logGroupName": 7}'],
  ])('answers %s with HTTP %i %s', async (_what, status, type, headers, body) => {
    const sandbox = await sandboxFor({ autoStart: false });
    const r = await post(sandbox, headers, body);
    expect(r.status).toBe(status);
    expect(json(r)).toMatchObject({ __type: type, message: expect.any(String) as unknown });
    expect(r.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(r.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers every operation fed bad bodies with an AWS-style answer, never an internal error', async () => {
    const sandbox = await sandboxFor({ autoStart: false });
    const ops = [
      'AmazonDMSv20160101.DescribeReplications',
      'AmazonDMSv20160101.DescribeReplicationConfigs',
      'AmazonDMSv20160101.DescribeEndpoints',
      'AmazonDMSv20160101.StartReplication',
      'AmazonDMSv20160101.StopReplication',
      'Logs_20140328.StartLiveTail',
      'Logs_20140328.FilterLogEvents',
      'Logs_20140328.GetLogEvents',
      'Logs_20140328.DescribeLogGroups',
    ];
    const bodies = [
      'null',
      '"text"',
      '{"Filters": [null]}',
      '{"Filters": [{"Name": "replication-config-id", "Values": [1]}]}',
      '{"ReplicationConfigArn": {"a": 1}, "StartReplicationType": []}',
      '{"logGroupIdentifiers": [null], "logGroupName": ["x"], "logStreamName": 5}',
      '{"logGroupName": "/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql", "logStreamName": "x", "limit": 1.5, "startTime": "yesterday"}',
      '{"nextToken": 123, "Marker": false, "MaxRecords": 1e308, "limit": -1}',
      '{"filterPattern": "{ $.level = \\"error\\" }", "logGroupName": "/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql"}',
    ];
    let refused = 0;
    for (const op of ops) {
      for (const body of bodies) {
        const r = await post(sandbox, target(op), body);
        // Members an operation does not have are ignored, as AWS does; the rest must be refused.
        if (r.status === 200) continue;
        expect([op, body, r.status]).toEqual([op, body, 400]);
        expect((json(r) as { __type?: unknown }).__type).toEqual(expect.any(String));
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(ops.length * 3);
  });

  it('refuses a body larger than 1 MiB without crashing', async () => {
    const sandbox = await sandboxFor({ autoStart: false });
    const r = await post(sandbox, target('AmazonDMSv20160101.DescribeReplications'), Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect([r.status, (json(r) as { __type: string }).__type]).toEqual([400, 'SerializationException']);
    const after = await post(sandbox, target('AmazonDMSv20160101.DescribeReplications'), '');
    expect(after.status).toBe(200);
  });

  it('treats an empty body as an empty request', async () => {
    const sandbox = await sandboxFor({ autoStart: false });
    const r = await post(sandbox, target('AmazonDMSv20160101.DescribeReplications'), '');
    expect(r.status).toBe(200);
    expect((json(r) as { Replications: unknown[] }).Replications).toHaveLength(1);
  });

  it('sends DMS timestamps as epoch seconds and Logs timestamps as epoch milliseconds', async () => {
    const sandbox = await sandboxFor({ autoStart: false });
    const dms = json(await post(sandbox, target('AmazonDMSv20160101.DescribeReplications'), '{}')) as { Replications: { ReplicationCreateTime: unknown }[] };
    expect(dms.Replications[0]?.ReplicationCreateTime).toBe((sandbox.now() - 3 * 86_400_000) / 1000);
    const logs = json(await post(sandbox, target('Logs_20140328.DescribeLogGroups'), '{}')) as { logGroups: { creationTime: unknown }[] };
    expect(logs.logGroups[0]?.creationTime).toBe(sandbox.now() - 90 * 86_400_000);
  });

  it('accepts any Host, including the stream- prefix the SDK injects', async () => {
    const sandbox = await sandboxFor({ autoStart: false });
    const r = await post(sandbox, { ...target('Logs_20140328.DescribeLogGroups'), Host: 'stream-logs.eu-central-1.amazonaws.com' }, '{}');
    expect(r.status).toBe(200);
  });

  it('accepts an absolute-URI request line', async () => {
    const sandbox = await sandboxFor({ autoStart: false });
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(sandbox.port, '127.0.0.1', () => {
        socket.end(
          [
            'POST http://stream-logs.eu-central-1.amazonaws.com/ HTTP/1.1',
            'Host: stream-logs.eu-central-1.amazonaws.com',
            'Authorization: x',
            'X-Amz-Target: Logs_20140328.DescribeLogGroups',
            'Content-Length: 2',
            'Connection: close',
            '',
            '{}',
          ].join('\r\n'),
        );
      });
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('end', () => {
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(raw).toContain('"logGroupName":"/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql"');
  });

  it('refuses other methods as unknown operations', async () => {
    const sandbox = await sandboxFor({ autoStart: false });
    const r = await post(sandbox, target('Logs_20140328.DescribeLogGroups'), '', 'GET');
    expect([r.status, (json(r) as { __type: string }).__type]).toEqual([400, 'UnknownOperationException']);
  });

  it('opens Live Tail with an initial-response frame with payload {} (Python clients need it), then sessionStart', async () => {
    const sandbox = await sandboxFor({ autoStart: false, faults: { endAfterSeconds: 1 } });
    const pending = post(
      sandbox,
      target('Logs_20140328.StartLiveTail'),
      JSON.stringify({ logGroupIdentifiers: ['arn:aws:logs:eu-central-1:123456789012:log-group:/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql'] }),
    );
    let response: RawResponse | undefined;
    void pending.then((r) => {
      response = r;
    });
    while (response === undefined) await sandbox.advance(1000);
    expect(response.headers['content-type']).toBe('application/vnd.amazon.eventstream');
    const frames = decodeFrames(response.body);
    expect(frames[0]).toEqual({
      headers: { ':message-type': 'event', ':event-type': 'initial-response', ':content-type': 'application/json' },
      body: '{}',
    });
    expect(frames[1]?.headers[':event-type']).toBe('sessionStart');
  });
});
