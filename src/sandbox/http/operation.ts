import type { ServerResponse } from 'node:http';
import type { JsonInput } from './json-input.js';
import type { AwsError } from './aws-error.js';

export type AwsService = 'dms' | 'logs';

/** The `X-Amz-Target` prefixes (targetPrefix in the service models). */
export const TARGET_PREFIXES: Readonly<Record<AwsService, string>> = {
  dms: 'AmazonDMSv20160101',
  logs: 'Logs_20140328',
};

/** An operation answered with one JSON body. */
export interface JsonOperation {
  readonly kind: 'json';
  readonly service: AwsService;
  readonly name: string;
  /** Returns the output structure, or throws an `AwsError`. */
  handle(input: JsonInput): Record<string, unknown>;
}

/** An operation answered with an event stream (`StartLiveTail`). */
export interface StreamOperation {
  readonly kind: 'stream';
  readonly service: AwsService;
  readonly name: string;
  /** Validates and throws an `AwsError` before anything is written, or takes over `res`. */
  open(input: JsonInput, res: ServerResponse, requestId: string): void;
}

export type Operation = JsonOperation | StreamOperation;

/** What the sandbox sent, reported once per response body or stream frame (for shape tests). */
export type SandboxResponseRecord =
  | { readonly kind: 'output'; readonly service: AwsService; readonly operation: string; readonly status: number; readonly body: Record<string, unknown> }
  | { readonly kind: 'error'; readonly service: AwsService | undefined; readonly operation: string; readonly status: number; readonly body: ReturnType<AwsError['body']> }
  | {
      readonly kind: 'event' | 'exception';
      readonly service: AwsService;
      readonly operation: string;
      /** The event-stream member: `initial-response`, `sessionStart`, `sessionUpdate`, or the exception name. */
      readonly member: string;
      readonly body: Record<string, unknown>;
    };

export type ResponseObserver = (record: SandboxResponseRecord) => void;
