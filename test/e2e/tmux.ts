/**
 * A real terminal for end-to-end tests: a detached tmux session of a given
 * size running the built bin, whose screen the test reads
 * (`capture-pane`) and types into (`send-keys`). The command runs without
 * `CI` in its environment, since Ink draws only the last frame where CI is
 * set. Each terminal has its own tmux server socket, so tests never touch
 * a user's tmux.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';

export function hasTmux(): boolean {
  return spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
}

export interface TerminalOptions {
  readonly columns: number;
  readonly rows: number;
  /** Arguments of `node dist/dms-live.js`. */
  readonly args: readonly string[];
  /** Extra environment; CI and its kin are always removed. */
  readonly env?: Readonly<Record<string, string>>;
}

const CI_VARIABLES = ['CI', 'CONTINUOUS_INTEGRATION', 'GITHUB_ACTIONS', 'BUILD_NUMBER', 'RUN_ID'];

export class Terminal {
  private readonly dir: string;
  private readonly socket: string;
  private readonly statusFile: string;
  private closed = false;
  private env: Record<string, string> = {};

  constructor(private readonly options: TerminalOptions) {
    this.dir = mkdtempSync(join(tmpdir(), 'dms-live-e2e-'));
    this.socket = join(this.dir, 'tmux.sock');
    this.statusFile = join(this.dir, 'status');
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !CI_VARIABLES.includes(k) && !k.startsWith('CI_')) env[k] = v;
    Object.assign(env, { TERM: 'xterm-256color', ...options.env });
    const command = [process.execPath, 'dist/dms-live.js', ...options.args].map(quote).join(' ');
    // The exit status lands in a file, and the pane stays so its last screen can be read.
    const unset = CI_VARIABLES.map((k) => `-u ${k}`).join(' ');
    const script = `env ${unset} ${command}; echo $? > ${quote(this.statusFile)}; sleep 3600`;
    this.env = env;
    // The tmux server keeps the environment of whoever started it (CI=true under CI), and a new
    // session inherits it: the server is started with the clean one, and `env -u` makes sure.
    const envArgs = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    this.tmux(['new-session', '-d', '-s', 'e2e', '-x', String(options.columns), '-y', String(options.rows), ...envArgs, '-c', process.cwd(), 'bash', '-c', script]);
  }

  /** The screen as text, one string per row (trailing spaces trimmed). */
  screen(): string[] {
    const r = this.tmux(['capture-pane', '-p', '-t', 'e2e'], true);
    // capture-pane ends every row with a newline, the last one included.
    return r.stdout.replace(/\n$/, '').split('\n').map((l) => l.trimEnd());
  }

  text(): string {
    return this.screen().join('\n');
  }

  /** Whether the terminal is on the alternate screen now. */
  alternateOn(): boolean {
    return this.tmux(['display-message', '-p', '-t', 'e2e', '#{alternate_on}'], true).stdout.trim() === '1';
  }

  /** Keys as tmux names them: 'x', 'y', 'Escape', 'Tab', 'C-c'. */
  press(...keys: string[]): void {
    for (const key of keys) this.tmux(['send-keys', '-t', 'e2e', key]);
  }

  /** Sends a signal to the command (a child of the pane's shell). */
  signal(name: NodeJS.Signals): void {
    const shell = this.tmux(['display-message', '-p', '-t', 'e2e', '#{pane_pid}']).stdout.trim();
    spawnSync('pkill', [`-${name.replace(/^SIG/, '')}`, '-P', shell, '-f', 'dms-live']);
  }

  resize(columns: number, rows: number): void {
    this.tmux(['resize-window', '-t', 'e2e', '-x', String(columns), '-y', String(rows)]);
  }

  /** Waits until the screen matches; fails with the screen it last saw. */
  async waitFor(pattern: RegExp | string, timeoutMs = 20_000): Promise<string> {
    let last = '';
    await vi.waitFor(
      () => {
        last = this.text();
        const ok = typeof pattern === 'string' ? last.includes(pattern) : pattern.test(last);
        if (!ok) throw new Error(`the screen does not show ${String(pattern)}:\n${last}`);
      },
      { timeout: timeoutMs, interval: 100 },
    );
    return last;
  }

  /** The exit status once the command ended. */
  async exitStatus(timeoutMs = 10_000): Promise<number> {
    let status = '';
    await vi.waitFor(
      () => {
        const r = spawnSync('cat', [this.statusFile], { encoding: 'utf8' });
        status = r.stdout.trim();
        if (status === '') throw new Error(`the command has not ended:\n${this.text()}`);
      },
      { timeout: timeoutMs, interval: 100 },
    );
    return Number(status);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.tmux(['kill-server'], true);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private tmux(args: readonly string[], quiet = false): { stdout: string } {
    const r = spawnSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8', env: this.env });
    if (r.status !== 0 && !quiet) throw new Error(`tmux ${args[0] ?? ''} failed: ${r.stderr.trim()}`);
    return { stdout: r.stdout };
  }
}

function quote(word: string): string {
  return /^[\w./:=@%+-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
