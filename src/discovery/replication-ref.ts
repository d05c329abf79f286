/**
 * What a user may type for `<replication>`: the ReplicationConfigArn, its
 * last fragment (the resource id, what users keep in `DMS_REPLICATION_ID`),
 * or the ReplicationConfigIdentifier (the name).
 */
import { configFailure } from '../aws/errors.js';

export type ReplicationRef =
  | {
      readonly kind: 'arn';
      readonly text: string;
      readonly arn: string;
      readonly partition: string;
      /** The region in the ARN: the region to call (it wins over --region and the profile). */
      readonly region: string;
      readonly account: string;
      readonly resourceId: string;
    }
  | {
      /** Looks like a resource id; resolution also accepts a name spelled this way. */
      readonly kind: 'resource-id';
      readonly text: string;
      readonly resourceId: string;
    }
  | { readonly kind: 'name'; readonly text: string; readonly name: string };

export const ARN_SHAPE = 'arn:aws:dms:<region>:<account>:replication-config:<resource id>';

/**
 * `arn:<partition>:dms:<region>:<account>:replication-config:<id>` (AWS DMS
 * User Guide, "Constructing an Amazon Resource Name"); partitions `aws`,
 * `aws-cn`, `aws-us-gov`, `aws-iso*`, ...
 */
const REPLICATION_ARN = /^arn:(aws(?:-[a-z]+)*):dms:([a-z0-9]+(?:-[a-z0-9]+)*):(\d{12}):replication-config:([A-Za-z0-9]+)$/;

/** DMS resource ids are upper-case letters and digits (26 of them today; a little slack for change). */
const RESOURCE_ID = /^[A-Z0-9]{16,64}$/;

/** A ReplicationConfigIdentifier: letters, digits and hyphens, starting with a letter (CreateReplicationConfig). */
const NAME = /^[A-Za-z][A-Za-z0-9-]{0,254}$/;

/** What other DMS ARNs name, to say what was given instead. */
const DMS_RESOURCE_WORDS: Readonly<Record<string, string>> = {
  endpoint: 'a DMS endpoint',
  task: 'a DMS replication task (not serverless)',
  rep: 'a DMS replication instance',
  'replication-instance': 'a DMS replication instance',
  subgrp: 'a DMS subnet group',
  cert: 'a DMS certificate',
  'data-provider': 'a DMS data provider',
  'migration-project': 'a DMS migration project',
};

function notAReplicationArn(text: string, why: string): Error {
  return configFailure(`"${text}" is not a replication config ARN (${why}): expected ${ARN_SHAPE}, its resource id, or the replication's name`);
}

function explainArn(text: string): Error {
  const parts = text.split(':');
  const [, partition, service, region, account, resourceType] = parts;
  if (parts.length < 7) return notAReplicationArn(text, 'too few parts');
  if (partition === undefined || !/^aws(-[a-z]+)*$/.test(partition)) return notAReplicationArn(text, `unknown partition "${partition ?? ''}"`);
  if (service !== 'dms') return notAReplicationArn(text, `it names a ${service === undefined || service === '' ? 'resource of no service' : `${service} resource`}`);
  if (region === undefined || region === '') return notAReplicationArn(text, 'the region is missing');
  if (account === undefined || !/^\d{12}$/.test(account)) return notAReplicationArn(text, 'the account is not 12 digits');
  if (resourceType !== 'replication-config') {
    const what = DMS_RESOURCE_WORDS[resourceType ?? ''];
    return notAReplicationArn(text, what === undefined ? `it names a DMS "${resourceType ?? ''}"` : `it names ${what}`);
  }
  return notAReplicationArn(text, 'the resource id is not letters and digits');
}

/**
 * Reads `<replication>`. Throws a one-line `AwsFailure` (kind `config`,
 * exit 2) for a malformed ARN or text that can be none of the three.
 */
export function parseReplicationRef(input: string): ReplicationRef {
  const text = input.trim();
  if (text === '') throw configFailure(`no replication given: pass its ARN (${ARN_SHAPE}), resource id or name`);
  if (text.toLowerCase().startsWith('arn:')) {
    const m = REPLICATION_ARN.exec(text);
    if (m === null) throw explainArn(text);
    const [, partition = '', region = '', account = '', resourceId = ''] = m;
    return { kind: 'arn', text, arn: text, partition, region, account, resourceId };
  }
  if (RESOURCE_ID.test(text)) return { kind: 'resource-id', text, resourceId: text };
  if (NAME.test(text)) return { kind: 'name', text, name: text };
  throw configFailure(`"${text}" is not a replication: pass its ARN (${ARN_SHAPE}), its resource id (the ARN's last part), or its name`);
}

/** The resource id (last fragment) of a replication config ARN, or undefined for anything else. */
export function resourceIdOfArn(arn: string): string | undefined {
  return REPLICATION_ARN.exec(arn)?.[4];
}
