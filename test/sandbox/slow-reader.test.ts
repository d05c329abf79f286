import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { decodeFrames } from '../../src/sandbox/logs/event-stream.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { sandboxFor } from './support.js';

/**
 * A Live Tail client that stops reading must not grow the sandbox without
 * limit (15 such clients on a flood took it past 1 GB). Like CloudWatch
 * (StartLiveTail API reference: "buffers up to 10 LiveTailSessionUpdate
 * events or 5000 log events, after which it starts dropping the oldest
 * events"), a session keeps a bounded queue and drops the oldest updates; and
 * everything is released when the client goes.
 */

const RDS_GROUP = '/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql';
const ARN = `arn:aws:logs:eu-central-1:123456789012:log-group:${RDS_GROUP}`;

/** A Live Tail session over plain HTTP whose response nobody reads until `read()`. */
function idleSession(sandbox: Sandbox): Promise<{ res: IncomingMessage; destroy(): void }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: sandbox.port,
        method: 'POST',
        path: '/',
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': 'Logs_20140328.StartLiveTail',
          Authorization: 'AWS4-HMAC-SHA256 Credential=sandbox/20240501/eu-central-1/logs/aws4_request',
        },
      },
      (res) => {
        // No 'data' listener: the response stays paused, and so, once its buffers fill, does the socket.
        resolve({
          res,
          destroy: () => {
            req.destroy();
          },
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ logGroupIdentifiers: [ARN] }));
  });
}

/** The frames complete so far (a read may end in the middle of one). */
function completeFrames(bytes: Buffer): ReturnType<typeof decodeFrames> {
  let end = 0;
  while (end + 4 <= bytes.length && end + bytes.readUInt32BE(end) <= bytes.length) end += bytes.readUInt32BE(end);
  return decodeFrames(new Uint8Array(bytes.subarray(0, end)));
}

/** 500 lines of 2 KB; with the flood's 1000 short ones, each update samples 500 of them: about 400 KB. */
function putSecond(sandbox: Sandbox, second: number): void {
  for (let i = 0; i < 500; i++) {
    sandbox.putLogEvent({ group: RDS_GROUP, stream: 'big', message: `second ${second} line ${i} ${'x'.repeat(2000)}` });
  }
}

describe('Live Tail sessions whose client does not read', () => {
  it('queue a bounded number of bytes, drop the oldest updates, and release everything when the client goes', { timeout: 60_000 }, async () => {
    const sandbox = await sandboxFor({ scenario: 'flood', rate: 1000 });
    const before = sandbox.resources();
    const session = await idleSession(sandbox);
    await vi.waitFor(() => {
      expect(sandbox.resources().liveTailSessions).toBe(1);
    }, { timeout: 10_000 });
    let most = 0;
    for (let second = 0; second < 40; second++) {
      putSecond(sandbox, second);
      await sandbox.advance(1000);
      most = Math.max(most, sandbox.resources().liveTailQueuedBytes);
    }
    // About 16 MB of updates were offered (the unbounded sandbox held all of them). The kernel's socket
    // buffers take a few; the sandbox holds at most 1 MB in the socket, its 2 MB queue and a frame or two.
    expect(most).toBeLessThan(4 * 1024 * 1024);
    expect(sandbox.resources().liveTailDroppedUpdates).toBeGreaterThan(0);

    // The client reads again: it gets the newest updates, not a backlog of stale ones.
    const received: Buffer[] = [];
    session.res.on('data', (chunk: Buffer) => received.push(chunk));
    putSecond(sandbox, 999);
    await sandbox.advance(1000);
    const updates = (): string[] =>
      completeFrames(Buffer.concat(received))
        .filter((f) => f.headers[':event-type'] === 'sessionUpdate')
        .map((f) => f.body);
    await vi.waitFor(() => {
      expect(updates().some((body) => body.includes('second 999 line'))).toBe(true);
    }, { timeout: 10_000 });
    const texts = updates();
    // What the kernel held, what the sandbox held (1 MB, then at most 10 updates or 2 MB), then the newest: not all 41.
    expect(texts.length).toBeLessThan(30);

    session.destroy();
    await vi.waitFor(() => {
      expect(sandbox.resources().liveTailSessions).toBe(0);
    }, { timeout: 10_000 });
    expect(sandbox.resources()).toMatchObject({ liveTailQueuedBytes: 0, logListeners: before.logListeners, timers: before.timers });
  });

  it('still tell a slow client why its stream ended: the exception frame comes after the updates, then the end', { timeout: 60_000 }, async () => {
    const sandbox = await sandboxFor({ scenario: 'flood', rate: 1000, faults: { maxSessionSeconds: 20 } });
    const session = await idleSession(sandbox);
    await vi.waitFor(() => {
      expect(sandbox.resources().liveTailSessions).toBe(1);
    }, { timeout: 10_000 });
    for (let second = 0; second < 25; second++) {
      putSecond(sandbox, second);
      await sandbox.advance(1000);
    }
    const received: Buffer[] = [];
    session.res.on('data', (chunk: Buffer) => received.push(chunk));
    let ended = false;
    session.res.on('end', () => (ended = true));
    await vi.waitFor(() => {
      expect(ended).toBe(true);
    }, { timeout: 10_000 });
    const frames = completeFrames(Buffer.concat(received));
    expect(frames[frames.length - 1]?.headers).toMatchObject({ ':message-type': 'exception', ':exception-type': 'SessionTimeoutException' });
    expect(frames.filter((f) => f.headers[':event-type'] === 'sessionUpdate').length).toBeGreaterThan(0);
    expect(sandbox.resources()).toMatchObject({ liveTailSessions: 0, liveTailQueuedBytes: 0 });
  });
});
