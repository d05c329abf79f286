import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

const bin = 'dist/dms-live.js';

describe('the dms-live bin', () => {
  it('prints its version', () => {
    const r = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('is ASCII only, chunks included: one other character makes V8 hold a whole file as two-byte text (about 10 MB more)', () => {
    const files = [bin, ...readdirSync('dist/chunks').filter((f) => f.endsWith('.js')).map((f) => `dist/chunks/${f}`)];
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const source = readFileSync(file, 'latin1');
      // eslint-disable-next-line no-control-regex -- the test looks for anything outside ASCII
      expect({ file, at: /[^\x00-\x7f]/.exec(source)?.index }).toEqual({ file, at: undefined });
    }
  });

  it('reads neither the AWS SDK, the sandbox nor the dashboard for --help: they are chunks a command imports when it runs', () => {
    // What --help reads: the entry, the CLI chunk it imports, and every chunk those import statically.
    const read = new Set<string>();
    const visit = (file: string): void => {
      if (read.has(file)) return;
      read.add(file);
      for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import |\} from |import \{[^}]*\} from )"\.\/(?:chunks\/)?([\w-]+\.js)";$/gm)) visit(`dist/chunks/${m[1] ?? ''}`);
    };
    visit(bin);
    const cli = /import\("\.\/chunks\/(program-[\w-]+\.js)"\)/.exec(readFileSync(bin, 'utf8'))?.[1];
    expect(cli).toBeDefined();
    visit(`dist/chunks/${cli ?? ''}`);
    const names = [...read].map((f) => f.replace(/^dist\/(chunks\/)?/, '').replace(/-\w+\.js$/, ''));
    expect(names).toContain('program');
    expect(names.filter((n) => n === 'chunk').length).toBeGreaterThan(1);
    expect(names.filter((n) => ['clients', 'sandbox', 'launch-dashboard', 'event-streams'].includes(n))).toEqual([]);
    const text = [...read].map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(text).not.toContain('AmazonDMSv20160101'); // the DMS client's protocol
    expect(text).not.toContain('useInput'); // Ink
  });

  it('rejects an unknown command with exit code 2 and no stack trace', () => {
    const r = spawnSync(process.execPath, [bin, 'no-such-command'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the dms-live bin with a reader that goes away', () => {
  it('ends quietly when its output pipe closes early', () => {
    const r = spawnSync('bash', ['-c', `${process.execPath} ${bin} replay --json test/fixtures/postgres-rds-md5.log | head -c 10 >/dev/null; echo "exit \${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('exit 0');
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });

  it('keeps the sandbox running, and quiet, when its output pipe closes early', async () => {
    const child = spawn(process.execPath, [bin, 'sandbox', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const [first] = (await once(child.stdout, 'data')) as [Buffer];
    expect(first.toString()).toMatch(/^dms-live sandbox: scenario happy-path on http:\/\/127\.0\.0\.1:\d+/);
    child.stdout.destroy();
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
  });
});

describe('the dms-live bin when its output cannot be written', () => {
  it.skipIf(!existsSync('/dev/full'))('says so in one line and exits 1 when the disk is full, without a stack trace', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [bin, 'replay', '--json', 'test/fixtures/postgres-rds-md5.log'], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('dms-live: cannot write the output: no space left on device (ENOSPC)\n');
    } finally {
      closeSync(full);
    }
  });
});

/** Peak resident memory (kB) and bytes read so far of a running process, from /proc. */
function procStats(pid: number): { peakKb: number; readBytes: number } {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  const io = readFileSync(`/proc/${String(pid)}/io`, 'utf8');
  return { peakKb: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN), readBytes: Number(/rchar:\s+(\d+)/.exec(io)?.[1] ?? Number.NaN) };
}

describe('the dms-live bin on an endless input', () => {
  it.skipIf(!existsSync('/proc/self/io') || !existsSync('/dev/zero'))('reads /dev/zero in bounded memory and ends on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, 'replay', '--json', '/dev/zero'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = once(child, 'exit');
    try {
      const pid = child.pid ?? 0;
      // 400 MB read: the old line splitter held 8 MB pieces, and the window kept them all (2.3 GB in 15 s).
      await vi.waitFor(
        () => {
          expect(procStats(pid).readBytes).toBeGreaterThan(400 * 1024 * 1024);
        },
        { timeout: 15_000, interval: 50 },
      );
      expect(procStats(pid).peakKb).toBeLessThan(250 * 1024);
      child.kill('SIGTERM');
      const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
      expect(code === null ? signal : code).toBe('SIGTERM');
      expect(stdout).toBe('');
      expect(stderr).toBe('');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
