import type { DescribeReplicationsCommandOutput } from '@aws-sdk/client-database-migration-service';
import { describe, expect, it } from 'vitest';
import type { AwsApis, DmsApi } from '../../src/aws/apis.js';
import { AwsFailure } from '../../src/aws/errors.js';
import { parseReplicationRef } from '../../src/discovery/replication-ref.js';
import { resolveReplication } from '../../src/discovery/resolve-replication.js';
import { sandboxApis } from '../aws/support.js';
import { sandboxFor } from '../sandbox/support.js';

async function failureOf(promise: Promise<unknown>): Promise<AwsFailure> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AwsFailure) return err;
    throw err;
  }
  throw new Error('expected an AwsFailure');
}

describe('resolveReplication against the sandbox (real SDK clients)', () => {
  it('finds the same replication by ARN, resource id and name', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const apis = sandboxApis(sandbox);
    const [r] = sandbox.replications();
    if (r === undefined) throw new Error('no replication');
    for (const text of [r.arn, r.resourceId, r.id]) {
      const found = await resolveReplication(apis, parseReplicationRef(text));
      expect(found).toMatchObject({ configArn: r.arn, resourceId: 'EAM3JEHXGBGZBPN5PLON7NPDEE', identifier: r.id, region: 'eu-central-1' });
      expect(found.snapshot.status).toBe('created');
      expect(found.sourceEndpointArn).toMatch(/^arn:aws:dms:eu-central-1:123456789012:endpoint:/);
      expect(found.targetEndpointArn).toMatch(/:endpoint:/);
    }
  });

  it('finds one of 25 by name and resource id, across pages', async () => {
    const sandbox = await sandboxFor({ scenario: 'fleet', autoStart: false });
    const apis = sandboxApis(sandbox);
    const last = sandbox.replications().at(-1);
    if (last === undefined) throw new Error('no replication');
    expect((await resolveReplication(apis, parseReplicationRef(last.resourceId))).identifier).toBe('refunds-to-lake');
    expect((await resolveReplication(apis, parseReplicationRef('refunds-to-lake'))).configArn).toBe(last.arn);
  });

  it('lists close names for an unknown name', async () => {
    const sandbox = await sandboxFor({ scenario: 'fleet', autoStart: false });
    const failure = await failureOf(resolveReplication(sandboxApis(sandbox), parseReplicationRef('orders-to-laek')));
    expect(failure.info.kind).toBe('not-found');
    expect(failure.message).toBe('no replication "orders-to-laek" in eu-central-1; did you mean orders-to-lake?');
  });

  it('says how to find replications when nothing is close', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const apis = sandboxApis(sandbox);
    const byName = await failureOf(resolveReplication(apis, parseReplicationRef('zzz')));
    expect(byName.message).toBe('no replication "zzz" in eu-central-1; dms-live list shows the replications of a region (--region picks another)');
    const arn = 'arn:aws:dms:eu-central-1:123456789012:replication-config:ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    expect((await failureOf(resolveReplication(apis, parseReplicationRef(arn)))).info.kind).toBe('not-found');
    expect((await failureOf(resolveReplication(apis, parseReplicationRef('ABCDEFGHIJKLMNOPQRSTUVWXYZ')))).message).toContain('no replication "ABCDEFGHIJKLMNOPQRSTUVWXYZ"');
  });

  it('names the IAM action when DescribeReplications is denied', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, faults: { denyActions: ['DescribeReplications'] } });
    const failure = await failureOf(resolveReplication(sandboxApis(sandbox), parseReplicationRef('testdrive-dms-postgresql-dev-dms-serverless')));
    expect(failure.info.kind).toBe('access-denied');
    expect(failure.message).toContain('dms:DescribeReplications');
  });

  it('names dms:DescribeReplicationConfigs when a resource id needs it and it is denied', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, faults: { denyActions: ['DescribeReplicationConfigs'] } });
    const failure = await failureOf(resolveReplication(sandboxApis(sandbox), parseReplicationRef('EAM3JEHXGBGZBPN5PLON7NPDEE')));
    expect(failure.message).toContain('dms:DescribeReplicationConfigs');
  });

  it('reads a config DescribeReplications does not show (never ran) as created', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const real = sandboxApis(sandbox);
    // As AWS may answer for a config that was never provisioned: no Replication record.
    const dms: DmsApi = {
      ...real.dms,
      describeReplications: (): Promise<DescribeReplicationsCommandOutput> =>
        Promise.reject(Object.assign(new Error('No Replications found matching provided filters'), { name: 'ResourceNotFoundFault' })),
    };
    const apis: AwsApis = { ...real, dms };
    const [r] = sandbox.replications();
    if (r === undefined) throw new Error('no replication');
    for (const text of [r.arn, r.resourceId, r.id]) {
      const found = await resolveReplication(apis, parseReplicationRef(text));
      expect(found).toMatchObject({ configArn: r.arn, identifier: r.id, snapshot: { status: 'created', replicationType: 'full-load-and-cdc' } });
      expect(found.sourceEndpointArn).toBeDefined();
    }
  });
});
