/**
 * A hand-made AWS JSON 1.1 request, for what no SDK will send: bodies of the
 * wrong type, unknown targets, unsigned requests. The signature is never
 * checked by the sandbox, so a syntactically plausible header is enough.
 */
export interface RawJsonCall {
  /** `AmazonDMSv20160101.DescribeReplications`, or anything (unknown targets are a test case). */
  readonly target: string;
  /** A JSON value, or raw text sent as is. */
  readonly body: unknown;
  /** Default true; false sends no Authorization header. */
  readonly signed?: boolean;
}

export interface RawJsonAnswer {
  readonly status: number;
  readonly body: unknown;
}

const DUMMY_AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=sandbox/20240501/eu-central-1/dms/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000';

export async function rawJsonCall(url: string, call: RawJsonCall): Promise<RawJsonAnswer> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-amz-json-1.1',
    'X-Amz-Target': call.target,
    'X-Amz-Date': '20240501T071600Z',
  };
  if (call.signed !== false) headers.Authorization = DUMMY_AUTHORIZATION;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: typeof call.body === 'string' ? call.body : JSON.stringify(call.body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}
