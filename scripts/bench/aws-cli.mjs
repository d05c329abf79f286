// The AWS CLI the suite compares with: `aws` on the PATH. A pyenv shim is
// resolved to the program it runs (`pyenv which aws`), so the shim's own
// bash start-up is not counted against the CLI.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let resolved = null;

/** { path, version } of the AWS CLI, or undefined when it is not installed. */
export function resolveAws() {
  if (resolved !== null) return resolved;
  resolved = undefined;
  const which = spawnSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' });
  let path = which.status === 0 ? which.stdout.trim() : '';
  if (path === '') return resolved;
  try {
    if (readFileSync(path, 'utf8').slice(0, 2000).includes('pyenv')) {
      const real = spawnSync('pyenv', ['which', 'aws'], { encoding: 'utf8' });
      if (real.status === 0 && real.stdout.trim() !== '') path = real.stdout.trim();
    }
  } catch {
    // A binary, not a script: use it as is.
  }
  const version = spawnSync(path, ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) return resolved;
  resolved = { path, version: `${version.stdout}${version.stderr}`.trim().split(' ')[0] };
  return resolved;
}
