import { describe, expect, it } from 'vitest';
import { AwsFailure, configFailure, contextFor, describeAwsError, type AwsErrorKind } from '../../src/aws/errors.js';

/** An error shaped as the SDK throws it: a name, a message, `$metadata`. */
function sdkError(name: string, message = '', status?: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, ...(status === undefined ? {} : { $metadata: { httpStatusCode: status } }), ...extra });
}

const ctx = { action: 'dms:DescribeReplications', profile: 'dev', region: 'eu-central-1' } as const;

describe('describeAwsError', () => {
  it.each<[string, Error, AwsErrorKind, boolean]>([
    ['throttling', sdkError('ThrottlingException', 'Rate exceeded', 400), 'throttled', true],
    ['TooManyRequests', sdkError('TooManyRequestsException', '', 429), 'throttled', true],
    ['a 500', sdkError('InternalFailure', 'unknown error', 500), 'server-error', true],
    ['a 503 of another name', sdkError('Whatever', '', 503), 'server-error', true],
    ['ServiceUnavailable', sdkError('ServiceUnavailable'), 'server-error', true],
    ['not found', sdkError('ResourceNotFoundFault', 'No Replications found'), 'not-found', false],
    ['logs not found', sdkError('ResourceNotFoundException', 'The specified log group does not exist.'), 'not-found', false],
    ['wrong state', sdkError('InvalidResourceStateFault', 'is in running state'), 'invalid-state', false],
    ['bad parameter', sdkError('InvalidParameterValueException', 'resume-processing is not applicable'), 'invalid-parameter', false],
    ['bad combination', sdkError('InvalidParameterCombinationException', 'x'), 'invalid-parameter', false],
    ['refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }), 'network', true],
    ['unknown host', Object.assign(new Error('getaddrinfo ENOTFOUND x.invalid'), { code: 'ENOTFOUND' }), 'network', true],
    ['DNS again', Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' }), 'network', true],
    ['timeout', sdkError('TimeoutError', 'socket timed out'), 'network', true],
    ['a killed socket', new Error('aborted'), 'network', true],
    ['no credentials', sdkError('CredentialsProviderError', 'Could not load credentials from any providers'), 'no-credentials', false],
    ['expired token', sdkError('ExpiredTokenException', 'The security token included in the request is expired'), 'expired-credentials', false],
    ['expired SSO', sdkError('CredentialsProviderError', 'The SSO session associated with this profile has expired or is otherwise invalid.'), 'expired-credentials', false],
    ['SSO token', sdkError('TokenProviderError', 'Token is expired. To refresh this SSO session run aws sso login'), 'expired-credentials', false],
    ['unknown keys', sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.'), 'invalid-credentials', false],
    ['live tail quota', sdkError('LimitExceededException', 'too many sessions'), 'limit-exceeded', false],
    ['a cancel', sdkError('AbortError', 'Request aborted'), 'aborted', false],
  ])('%s', (_label, err, kind, retryable) => {
    const info = describeAwsError(err, ctx);
    expect(info.kind).toBe(kind);
    expect(info.retryable).toBe(retryable);
    expect(info.message).not.toContain('\n');
  });

  it('names the IAM action a denial refers to', () => {
    const err = sdkError('AccessDeniedException', 'User: arn:aws:iam::1:user/x is not authorized to perform: dms:StartReplication', 400);
    const info = describeAwsError(err, { action: 'dms:StartReplication', profile: 'dev' });
    expect(info.kind).toBe('access-denied');
    expect(info.action).toBe('dms:StartReplication');
    expect(info.message).toBe('access denied: your IAM identity may not call dms:StartReplication; ask for that permission (profile dev)');
  });

  it('treats any 403 as a denial, and takes a bare IAM action as context', () => {
    const info = describeAwsError(sdkError('Forbidden', '', 403), 'logs:StartLiveTail');
    expect(info.kind).toBe('access-denied');
    expect(info.message).toContain('logs:StartLiveTail');
    expect(info.message).toContain('profile default');
  });

  it('says what to run for missing and expired credentials', () => {
    expect(describeAwsError(sdkError('CredentialsProviderError', 'Could not load credentials from any providers'), ctx).message).toMatch(
      /^no AWS credentials found: run aws configure, aws sso login --profile dev, or set AWS_PROFILE/,
    );
    expect(describeAwsError(sdkError('ExpiredToken', ''), ctx).message).toContain('aws sso login --profile dev');
  });

  it('names the endpoint it could not reach', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    expect(describeAwsError(err, { action: 'dms:DescribeReplications', endpoint: 'http://127.0.0.1:9' }).message).toBe(
      'cannot reach http://127.0.0.1:9 (ECONNREFUSED): check the network/VPN or --endpoint-url',
    );
  });

  it('makes AWS error text terminal-safe', () => {
    const info = describeAwsError(sdkError('InvalidResourceStateFault', 'bad\u001b]0;owned\u0007 state\nsecond line'), ctx);
    expect(Array.from({ length: info.message.length }, (_, i) => info.message.charCodeAt(i)).some((code) => code < 0x20)).toBe(false);
    expect(info.message).toContain('\\x1b');
  });

  it('never uses instanceof on AWS errors: plain objects with a name work too', () => {
    expect(describeAwsError({ name: 'ThrottlingException', message: 'x' }, ctx).kind).toBe('throttled');
    expect(describeAwsError('a string', ctx).kind).toBe('unknown');
  });

  it('passes an AwsFailure through unchanged', () => {
    const f = configFailure('no region: pass --region');
    expect(describeAwsError(f, ctx)).toBe(f.info);
    expect(f).toBeInstanceOf(AwsFailure);
  });

  it('builds the context from the apis: the endpoint of the service called', () => {
    const apis = { region: 'eu-central-1', profile: 'p', endpoints: { dms: 'http://d', logs: 'http://l' } };
    expect(contextFor(apis, 'dms:StopReplication')).toEqual({ action: 'dms:StopReplication', region: 'eu-central-1', profile: 'p', endpoint: 'http://d' });
    expect(contextFor(apis, 'logs:FilterLogEvents').endpoint).toBe('http://l');
  });
});
