import { describe, expect, it } from 'vitest';
import { checkResponse, modelOf } from './response-conformance.js';
import { validateShape } from './shape-validator.js';

const dms = modelOf('dms');
const logs = modelOf('logs');

/** A replication as DMS sends it; each case below breaks one thing. */
const REPLICATION = {
  ReplicationConfigIdentifier: 'orders-to-lake',
  ReplicationConfigArn: 'arn:aws:dms:eu-central-1:123456789012:replication-config:EAM3JEHXGBGZBPN5PLON7NPDEE',
  ReplicationType: 'full-load-and-cdc',
  Status: 'running',
  ProvisionData: { ProvisionState: 'provisioned', ProvisionedCapacityUnits: 4, DateProvisioned: 1714547760.5 },
  ReplicationStats: { FullLoadProgressPercent: 100, ElapsedTimeMillis: 95_000, TablesLoaded: 6 },
  FailureMessages: ['none'],
  ReplicationCreateTime: 1714547700,
  IsReadOnly: false,
};

const EVENT = { logStreamName: 's', timestamp: 1714547760000, message: 'LOG:  x', ingestionTime: 1714547760100, eventId: '1'.repeat(56) };

const problemsOf = (shape: string, value: unknown, model = dms): string[] =>
  validateShape(model, shape, value).map((p) => `${p.kind} ${p.path}`);

describe('the shape validator reports what does not fit the model', () => {
  it('accepts well-formed bodies', () => {
    expect(problemsOf('DescribeReplicationsResponse', { Replications: [REPLICATION], Marker: 'm' })).toEqual([]);
    expect(problemsOf('FilterLogEventsResponse', { events: [EVENT], searchedLogStreams: [] }, logs)).toEqual([]);
  });

  it('reports wrong types: a string count, a fractional integer, a boolean as text, null', () => {
    const broken = {
      ...REPLICATION,
      Status: 5,
      ProvisionData: { ProvisionedCapacityUnits: 4.5, IsNewProvisioningAvailable: 'false' },
      StopReason: null,
    };
    expect(problemsOf('Replication', broken)).toEqual([
      'type $.Status',
      'type $.ProvisionData.ProvisionedCapacityUnits',
      'type $.ProvisionData.IsNewProvisioningAvailable',
      'type $.StopReason',
    ]);
  });

  it('reports timestamps in the wrong unit or form: DMS milliseconds or ISO text, Logs seconds', () => {
    expect(problemsOf('Replication', { ...REPLICATION, ReplicationCreateTime: 1714547700000 })).toEqual(['range $.ReplicationCreateTime']);
    expect(problemsOf('Replication', { ...REPLICATION, ReplicationCreateTime: '2024-05-01T07:15:00Z' })).toEqual(['type $.ReplicationCreateTime']);
    expect(problemsOf('FilteredLogEvent', { ...EVENT, timestamp: 1714547760 }, logs)).toEqual(['range $.timestamp']);
  });

  it('reports a missing required member', () => {
    expect(problemsOf('Filter', { Name: 'replication-config-arn' })).toEqual(['required $.Values']);
    expect(problemsOf('CommonAwsError', { __type: 'ThrottlingException' })).toEqual(['required $.message']);
  });

  it('reports unknown members, however deep', () => {
    expect(problemsOf('FilteredLogEvent', { ...EVENT, eventID: 'x' }, logs)).toEqual(['unknown-member $.eventID']);
    expect(problemsOf('DescribeReplicationsResponse', { Replications: [{ ...REPLICATION, ReplicationStats: { TablesLoded: 1 } }] })).toEqual([
      'unknown-member $.Replications[0].ReplicationStats.TablesLoded',
    ]);
  });

  it('reports values outside an enum (the case DMS really sends for EndpointType)', () => {
    const problems = validateShape(dms, 'Endpoint', { EndpointIdentifier: 'e', EndpointType: 'SOURCE' });
    expect(problems).toEqual([
      { path: '$.EndpointType', shape: 'ReplicationEndpointTypeValue', kind: 'enum', message: '"SOURCE" is not one of "source", "target"' },
    ]);
  });

  it('reports list and length limits: more than ten Live Tail groups', () => {
    const start = { logGroupIdentifiers: Array.from({ length: 11 }, (_, i) => `arn:aws:logs:eu-central-1:1:log-group:g${i}`) };
    expect(problemsOf('LiveTailSessionStart', start, logs)).toEqual(['range $.logGroupIdentifiers']);
  });
});

describe('response records: event-stream frames and error bodies', () => {
  const frame = (kind: 'event' | 'exception', member: string, body: Record<string, unknown>): string[] =>
    checkResponse({ kind, service: 'logs', operation: 'StartLiveTail', member, body }).map((p) => `${p.kind} ${p.path}: ${p.message}`);
  const error = (operation: string, body: { __type: string; message: string }, status = 400, service: 'dms' | 'logs' = 'dms'): string[] =>
    checkResponse({ kind: 'error', service, operation, status, body }).map((p) => `${p.kind} ${p.path}: ${p.message}`);

  it('checks each frame payload against its event or exception member', () => {
    expect(frame('event', 'initial-response', {})).toEqual([]);
    expect(frame('event', 'sessionUpdate', { sessionMetadata: { sampled: false }, sessionResults: [{ message: 'm', timestamp: 1714547760000 }] })).toEqual([]);
    expect(frame('event', 'sessionUpdate', { sessionMetadata: { sampled: 'no' } })).toEqual(['type $.sessionMetadata.sampled: the string "no" where a boolean belongs']);
    expect(frame('event', 'sessionEnd', {})).toEqual(['event-stream $: sessionEnd is not a member of the event stream StartLiveTailResponseStream']);
    expect(frame('event', 'SessionTimeoutException', { message: 'm' })).toEqual([
      'event-stream $: SessionTimeoutException is not an event of StartLiveTailResponseStream',
    ]);
    expect(frame('exception', 'sessionStart', {})).toEqual(['event-stream $: sessionStart is not an exception of StartLiveTailResponseStream']);
    expect(frame('event', 'initial-response', { responseStream: {} })).toEqual([
      'event-stream $.responseStream: responseStream is an event stream; it travels as frames, never inside a JSON body',
    ]);
  });

  it('accepts errors the model lists for the operation, and the common AWS errors, and nothing else', () => {
    expect(error('StopReplication', { __type: 'ResourceNotFoundFault', message: 'm' })).toEqual([]);
    expect(error('StopReplication', { __type: 'com.amazonaws.dms#InvalidResourceStateFault', message: 'm' })).toEqual([]);
    expect(error('DescribeReplications', { __type: 'ThrottlingException', message: 'Rate exceeded' })).toEqual([]);
    expect(error('DescribeReplications', { __type: 'InvalidResourceStateFault', message: 'm' })).toEqual([
      'type $: InvalidResourceStateFault is neither an error the dms model lists for DescribeReplications nor a common AWS error',
    ]);
    expect(error('DescribeReplications', { __type: 'InternalFailure', message: 'm' })).toEqual([
      'type $: InternalFailure sent with HTTP 400, expected 500',
    ]);
    expect(error('FilterLogEvents', { __type: 'LimitExceededException', message: 'm' }, 400, 'logs')).toEqual([
      'type $: LimitExceededException is neither an error the logs model lists for FilterLogEvents nor a common AWS error',
    ]);
  });
});
