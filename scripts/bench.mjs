// `npm run bench`: measures `dms-live replay --json` on generated files of
// mixed events (1,000,000 by default; BENCH_EVENTS overrides): events per
// second and peak memory, pinned to one core where `taskset` exists.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';

const count = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const formats = (process.env.BENCH_FORMATS ?? 'aws-json,ndjson,text').split(',');
const dir = '.bench';
mkdirSync(dir, { recursive: true });
const pin = spawnSync('taskset', ['--version']).status === 0 ? ['taskset', '-c', '0'] : [];

console.log(`dms-live replay --json, ${count.toLocaleString('en-US')} mixed events${pin.length > 0 ? ', pinned to one core' : ''}`);
console.log('format     file MB   seconds   events/s    peak RSS MB');
for (const format of formats) {
  const file = join(dir, `events-${count}.${format}`);
  if (!existsSync(file)) {
    const g = spawnSync(process.execPath, ['scripts/gen-events.mjs', '--count', String(count), '--format', format, '--out', file], { stdio: 'inherit' });
    if (g.status !== 0) process.exit(1);
  }
  const rusageFile = join(dir, `rusage-${format}.json`);
  const devnull = openSync('/dev/null', 'w');
  const argv = [...pin, process.execPath, '--import', './scripts/bench-rusage.mjs', 'dist/dms-live.js', 'replay', '--json', file];
  const started = process.hrtime.bigint();
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', devnull, 'inherit'], env: { ...process.env, BENCH_RUSAGE_FILE: rusageFile } });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  closeSync(devnull);
  if (code !== 0) {
    console.log(`${format}: replay exited with ${code}`);
    process.exitCode = 1;
    continue;
  }
  const rss = JSON.parse(readFileSync(rusageFile, 'utf8')).maxRSS / 1024;
  const mb = statSync(file).size / 1e6;
  console.log(
    `${format.padEnd(10)} ${mb.toFixed(0).padStart(7)} ${seconds.toFixed(2).padStart(9)} ${Math.round(count / seconds).toLocaleString('en-US').padStart(10)} ${rss.toFixed(0).padStart(14)}`,
  );
}
