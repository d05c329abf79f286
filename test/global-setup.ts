import { execFileSync } from 'node:child_process';

/** Builds the bundled bin once, so CLI tests run exactly what users run. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
