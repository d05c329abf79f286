import { describe, expect, it } from 'vitest';
import { parseReplicationRef } from '../../src/discovery/replication-ref.js';

const ARN = 'arn:aws:dms:eu-central-1:831394476016:replication-config:EAM3JEHXGBGZBPN5PLON7NPDEE';

describe('parseReplicationRef', () => {
  it('reads a replication config ARN: region, account and resource id', () => {
    expect(parseReplicationRef(ARN)).toEqual({
      kind: 'arn',
      text: ARN,
      arn: ARN,
      partition: 'aws',
      region: 'eu-central-1',
      account: '831394476016',
      resourceId: 'EAM3JEHXGBGZBPN5PLON7NPDEE',
    });
  });

  it.each(['aws-cn', 'aws-us-gov', 'aws-iso-b'])('reads ARNs of the %s partition', (partition) => {
    const ref = parseReplicationRef(`arn:${partition}:dms:cn-north-1:123456789012:replication-config:ABCDEFGHIJKLMNOPQRSTUVWXYZ`);
    expect(ref.kind === 'arn' && ref.partition).toBe(partition);
  });

  it('reads a resource id (what DMS_REPLICATION_ID holds) and a name', () => {
    expect(parseReplicationRef(' EAM3JEHXGBGZBPN5PLON7NPDEE ')).toEqual({ kind: 'resource-id', text: 'EAM3JEHXGBGZBPN5PLON7NPDEE', resourceId: 'EAM3JEHXGBGZBPN5PLON7NPDEE' });
    expect(parseReplicationRef('orders-to-lake')).toEqual({ kind: 'name', text: 'orders-to-lake', name: 'orders-to-lake' });
  });

  it.each([
    ['arn:aws:dms:eu-central-1:831394476016:endpoint:ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'it names a DMS endpoint'],
    ['arn:aws:dms:eu-central-1:831394476016:task:ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'it names a DMS replication task (not serverless)'],
    ['arn:aws:logs:eu-central-1:831394476016:log-group:x', 'it names a logs resource'],
    ['arn:aws:dms::831394476016:replication-config:ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'the region is missing'],
    ['arn:aws:dms:eu-central-1:8313:replication-config:ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'the account is not 12 digits'],
    ['arn:aws:dms:eu-central-1', 'too few parts'],
  ])('refuses the malformed ARN %s in one line, saying what a replication ARN looks like', (text, why) => {
    let message = '';
    try {
      parseReplicationRef(text);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(`"${text}" is not a replication config ARN (${why}): expected arn:aws:dms:<region>:<account>:replication-config:<resource id>, its resource id, or the replication's name`);
  });

  it('refuses text that can be no replication', () => {
    expect(() => parseReplicationRef('my replication')).toThrow(/is not a replication: pass its ARN/);
    expect(() => parseReplicationRef('  ')).toThrow(/no replication given/);
  });
});
