import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Which real AWS clients this machine has. Conformance tests skip only when
 * a client is absent, and never silently (client-gate.ts: in CI a missing
 * required client fails the run); a client that is present but misbehaves
 * fails its tests.
 */
export interface ClientProbe {
  readonly available: boolean;
  /** The version line when available, else why not. */
  readonly detail: string;
}

/** The AWS CLI v1 on PATH (the pyenv one on these machines): DMS Serverless and `logs start-live-tail`. */
export const AWS_CLI = 'aws';

/**
 * Debian's `awscli` package (AWS CLI v2.9): the only CLI here with
 * `aws logs tail`, which v1 lacks. Called by full path because the pyenv
 * shim for v1 comes first on PATH. `.ci/run` installs it, best effort.
 */
export const DEBIAN_AWS_CLI = '/usr/bin/aws';

export const PYTHON = 'python3';

const PROBE_TIMEOUT_MS = 30_000;

function probe(command: string, args: readonly string[]): ClientProbe {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: PROBE_TIMEOUT_MS, env: { ...process.env, AWS_PAGER: '' } });
  if (r.error !== undefined) return { available: false, detail: `${command}: ${r.error.message}` };
  const output = `${r.stdout}${r.stderr}`.trim();
  if (r.status !== 0) return { available: false, detail: `${command} ${args.join(' ')} exited ${r.status ?? r.signal ?? '?'}: ${output.split('\n').pop() ?? ''}` };
  return { available: true, detail: output.split('\n')[0] ?? '' };
}

export function probeAwsCli(): ClientProbe {
  const found = onPath(AWS_CLI);
  if (found === undefined) return { available: false, detail: `no ${AWS_CLI} on PATH` };
  // Debian's 2.9 (installed by .ci/run for `logs tail` only) predates DMS
  // Serverless and ignores AWS_DISABLE_HOST_PREFIX_INJECTION: when it is the
  // only `aws`, the AWS CLI this suite means is absent.
  if (existsSync(DEBIAN_AWS_CLI) && realpathSync(found) === realpathSync(DEBIAN_AWS_CLI)) {
    return { available: false, detail: `the only ${AWS_CLI} on PATH is Debian's ${DEBIAN_AWS_CLI} (AWS CLI 2.9, too old for DMS Serverless and Live Tail)` };
  }
  return probe(AWS_CLI, ['--version']);
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; try the next directory.
    }
  }
  return undefined;
}

export function probeDebianAwsCli(): ClientProbe {
  if (!existsSync(DEBIAN_AWS_CLI)) {
    return { available: false, detail: `${DEBIAN_AWS_CLI} is not installed (apt-get install -y --no-install-recommends awscli)` };
  }
  return probe(DEBIAN_AWS_CLI, ['--version']);
}

export function probeBoto3(): ClientProbe {
  return probe(PYTHON, ['-c', 'import boto3, botocore; print("boto3", boto3.__version__, "botocore", botocore.__version__)']);
}
