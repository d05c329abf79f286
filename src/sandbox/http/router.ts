import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VirtualClock } from '../clock.js';
import type { FaultSpec } from '../faults.js';
import {
  AwsError,
  accessDenied,
  dmsInvalidParameter,
  internalFailure,
  logsInvalidParameter,
  missingAuthentication,
  serializationError,
  throttled,
  unknownOperation,
} from './aws-error.js';
import { JsonInput } from './json-input.js';
import type { Operation, ResponseObserver } from './operation.js';
import { TARGET_PREFIXES } from './operation.js';

/** Bodies beyond this are refused; dms-live's requests are a few hundred bytes. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface RouterDeps {
  readonly operations: readonly Operation[];
  readonly clock: VirtualClock;
  /** Virtual time the sandbox started (for `serverErrors`). */
  readonly startedAt: number;
  readonly faults: () => FaultSpec;
  readonly accountId: string;
  readonly observe: ResponseObserver;
  readonly onError: (err: unknown) => void;
}

/**
 * Answers AWS JSON 1.1 requests: `POST /` (or an absolute-URI request line)
 * with `X-Amz-Target: <prefix>.<Operation>`, any `Host` (including the
 * `stream-` prefix the SDK injects). Credentials are not checked, but a
 * request without an `Authorization` header is refused, as AWS would.
 */
export interface Router {
  readonly handle: (req: IncomingMessage, res: ServerResponse) => void;
  /** Requests received whose answer a `delayMs` fault still holds back. */
  delayed(): number;
}

export function createRouter(deps: RouterDeps): Router {
  const byTarget = new Map<string, Operation>();
  for (const op of deps.operations) byTarget.set(`${TARGET_PREFIXES[op.service]}.${op.name}`, op);
  let dmsCalls = 0;
  let delayed = 0;

  const route = (req: IncomingMessage, res: ServerResponse, raw: string, requestId: string): void => {
    const target = headerValue(req, 'x-amz-target');
    const op = byTarget.get(target);
    try {
      if (req.method !== 'POST' || pathOf(req.url) !== '/') throw unknownOperation(target);
      if (headerValue(req, 'authorization') === '') throw missingAuthentication();
      if (op === undefined) throw unknownOperation(target);
      const faults = deps.faults();
      if (inServerErrorWindow(faults, deps.clock.now() - deps.startedAt)) throw internalFailure();
      if (op.service === 'dms') {
        dmsCalls++;
        if (faults.throttleEvery !== undefined && dmsCalls % faults.throttleEvery === 0) throw throttled();
      }
      if (faults.denyActions?.includes(op.name) === true) throw accessDenied(deps.accountId, `${op.service}:${op.name}`, '*');
      const input = JsonInput.parse(raw, op.service === 'dms' ? dmsInvalidParameter : logsInvalidParameter);
      if (op.kind === 'stream') {
        op.open(input, res, requestId);
        return;
      }
      const body = op.handle(input);
      deps.observe({ kind: 'output', service: op.service, operation: op.name, status: 200, body });
      sendJson(res, 200, body, requestId);
    } catch (err) {
      const error = err instanceof AwsError ? err : internalFailure();
      if (!(err instanceof AwsError)) deps.onError(err);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      deps.observe({ kind: 'error', service: op?.service, operation: op?.name ?? target, status: error.status, body: error.body() });
      sendJson(res, error.status, error.body(), requestId);
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const requestId = randomUUID();
    readBody(req)
      .then((raw) => {
        const delay = deps.faults().delayMs ?? 0;
        if (delay <= 0) {
          route(req, res, raw, requestId);
          return;
        }
        delayed++;
        deps.clock.after(delay, () => {
          delayed--;
          route(req, res, raw, requestId);
        });
      })
      .catch((err: unknown) => {
        const error = err instanceof AwsError ? err : serializationError('The request body could not be read.');
        if (res.headersSent || res.destroyed) return;
        const op = byTarget.get(headerValue(req, 'x-amz-target'));
        deps.observe({ kind: 'error', service: op?.service, operation: op?.name ?? headerValue(req, 'x-amz-target'), status: error.status, body: error.body() });
        sendJson(res, error.status, error.body(), requestId);
      });
  };
  return { handle, delayed: () => delayed };
}

function inServerErrorWindow(faults: FaultSpec, elapsedMs: number): boolean {
  const window = faults.serverErrors;
  if (window === undefined) return false;
  const from = window.afterSeconds * 1000;
  return elapsedMs >= from && elapsedMs < from + window.forSeconds * 1000;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
  });
  res.end(text);
}

function headerValue(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

/** The path of an origin-form (`/`) or absolute-form (`http://host/`) request target. */
function pathOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '/', 'http://sandbox.invalid').pathname;
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > MAX_BODY_BYTES) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(serializationError(`The request body is larger than ${MAX_BODY_BYTES} bytes.`));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}
