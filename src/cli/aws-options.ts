/**
 * The AWS CLI's global options on dms-live (`--profile`, `--region`,
 * `--endpoint-url`), and the one way commands get their AWS clients from
 * them. Commander recognises program options before and after the
 * subcommand (its default, without `enablePositionalOptions`), so
 * `dms-live --region eu-west-1 list` and `dms-live list --region eu-west-1`
 * both work, as with `aws`.
 */
import type { Command } from 'commander';
import type { AwsApis } from '../aws/apis.js';
import { AwsFailure } from '../aws/errors.js';
import { resolveAwsSettings, type AwsFlags } from '../aws/settings.js';
import { parseReplicationRef } from '../discovery/replication-ref.js';
import { resolveReplication, type ResolvedReplication } from '../discovery/resolve-replication.js';
import type { CliIo } from './io.js';
import { UsageError } from './usage-error.js';

export const AWS_OPTIONS_HELP = `
AWS settings (as in the AWS CLI):
  credentials  the SDK's default chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,
               the shared files (~/.aws/credentials, ~/.aws/config), SSO, credential_process,
               container and instance roles
  profile      --profile > AWS_PROFILE > default
  region       the region in a replication ARN > --region > AWS_REGION > AWS_DEFAULT_REGION
               > the profile's region
  endpoint     --endpoint-url > AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE /
               AWS_ENDPOINT_URL_CLOUDWATCH_LOGS > AWS_ENDPOINT_URL`;

/** Adds the global AWS options to the program. */
export function addAwsOptions(program: Command): Command {
  return program
    // Each command's --help lists these too (commands created after this inherit it).
    .configureHelp({ showGlobalOptions: true })
    .option('--profile <name>', 'AWS profile from the shared config and credentials files (default: AWS_PROFILE, else default)')
    .option('--region <region>', 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile\'s region; an ARN\'s region wins)')
    .option('--endpoint-url <url>', 'send DMS and CloudWatch Logs calls here instead (e.g. the sandbox: http://127.0.0.1:4577)');
}

/** The global AWS flags as given anywhere on the command line. */
export function awsFlagsOf(command: Command): AwsFlags {
  const opts = command.optsWithGlobals<{ profile?: string; region?: string; endpointUrl?: string }>();
  return {
    ...(opts.profile === undefined ? {} : { profile: opts.profile }),
    ...(opts.region === undefined ? {} : { region: opts.region }),
    ...(opts.endpointUrl === undefined ? {} : { endpointUrl: opts.endpointUrl }),
  };
}

/**
 * A one-line failure for the CLI: bad settings and arguments exit 2, AWS
 * and network failures exit 1. Anything else passes through.
 */
export function cliFailure(err: unknown): unknown {
  if (err instanceof AwsFailure) return new UsageError(err.message, err.info.kind === 'config' ? 2 : 1);
  return err;
}

/**
 * The AWS clients for a command, from the global flags and the process
 * environment. `arnRegion` (a replication ARN's region) wins over both.
 * The caller destroys them (`apis.destroy()`). Rejects with a one-line
 * `UsageError`: no region, a bad endpoint URL.
 */
export async function awsApisFor(command: Command, _io: CliIo, arnRegion?: string): Promise<AwsApis> {
  try {
    // The SDK is loaded when a command first needs it: `--help`, replay and the sandbox never pay for it.
    const { createAwsApis, resolveRegion } = await import('../aws/clients.js');
    const settings = await resolveRegion(resolveAwsSettings(awsFlagsOf(command), process.env, arnRegion));
    return createAwsApis(settings);
  } catch (err) {
    throw cliFailure(err);
  }
}

/**
 * `<replication>` resolved: the clients for its region and the replication
 * itself. Rejects with a one-line `UsageError` (malformed ARN: exit 2; not
 * found, denied, unreachable: exit 1); the clients are destroyed then.
 */
export async function resolveTargetFor(command: Command, io: CliIo, text: string): Promise<{ apis: AwsApis; target: ResolvedReplication }> {
  let ref;
  try {
    ref = parseReplicationRef(text);
  } catch (err) {
    throw cliFailure(err);
  }
  const apis = await awsApisFor(command, io, ref.kind === 'arn' ? ref.region : undefined);
  try {
    return { apis, target: await resolveReplication(apis, ref) };
  } catch (err) {
    apis.destroy();
    throw cliFailure(err);
  }
}
