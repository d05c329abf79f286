import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';

/** A command that is stuck longer than this fails its test rather than hanging it. */
const RUN_TIMEOUT_MS = 15_000;

// A fresh, empty directory: the config and credentials files named inside it never exist.
const home = mkdtempSync(join(tmpdir(), 'dms-live-conformance-'));
const running = new Set<ChildProcess>();

afterEach(() => {
  // Followers a failed test left behind; each is our own child, ended by its pid.
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

afterAll(() => {
  rmSync(home, { recursive: true, force: true });
});

/**
 * The environment for a real AWS client pointed at the sandbox: every
 * inherited `AWS_*` variable removed (no profile, region or endpoint from the
 * developer's shell), dummy keys, no shared config or credentials file, no
 * instance metadata, no pager, one attempt per call. `--endpoint-url` and
 * `--region` still go on each command line, as a user would type them.
 */
export function clientEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('AWS_')) env[name] = value;
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'sandbox',
    AWS_SECRET_ACCESS_KEY: 'sandbox',
    AWS_CONFIG_FILE: join(home, 'no-such-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-such-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
    ...extra,
  };
}

/** `--endpoint-url`, `--region`: what a user adds to any `aws` command to reach the sandbox. */
export function endpointArgs(sandbox: Sandbox): string[] {
  return ['--endpoint-url', sandbox.url, '--region', sandbox.region];
}

export interface ClientRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a client to its end, as a user would in a shell. */
export async function runClient(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<ClientRun> {
  const follower = FollowedProcess.start(command, args, env);
  const code = await follower.exit(RUN_TIMEOUT_MS);
  return { code, stdout: follower.stdout, stderr: follower.stderr };
}

/** `runClient`, then the JSON its stdout holds (fails with stderr when the command failed). */
export async function runClientJson(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<unknown> {
  const run = await runClient(command, args, env);
  if (run.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${String(run.code)}: ${run.stderr}`);
  return JSON.parse(run.stdout) as unknown;
}

/**
 * A long-running client (`aws logs tail --follow`, `start-live-tail`) whose
 * output the test reads while it runs. Waits are bounded by a deadline and
 * end early when the process exits, with its output in the error.
 */
export class FollowedProcess {
  private out = '';
  private err = '';
  private readonly listeners = new Set<() => void>();
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(
    private readonly command: string,
    private readonly child: ChildProcess,
  ) {
    running.add(child);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      this.out += chunk;
      this.notify();
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.err += chunk;
    });
    this.exited = new Promise((resolve) => {
      child.on('error', (error) => {
        this.err += `\n${error.message}`;
        this.exitCode = null;
        running.delete(child);
        resolve(null);
        this.notify();
      });
      child.on('close', (code) => {
        this.exitCode = code;
        running.delete(child);
        resolve(code);
        this.notify();
      });
    });
  }

  static start(command: string, args: readonly string[], env: NodeJS.ProcessEnv): FollowedProcess {
    return new FollowedProcess(command, spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  get stdout(): string {
    return this.out;
  }

  get stderr(): string {
    return this.err;
  }

  /** Non-empty stdout lines so far. */
  lines(): string[] {
    return this.out.split('\n').filter((line) => line !== '');
  }

  /** Resolves once `ready(stdout)` holds; rejects at the deadline or when the process ends first. */
  async waitForOutput(what: string, ready: (stdout: string) => boolean, timeoutMs: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (ready(this.out)) finish();
        else if (this.exitCode !== undefined) finish(new Error(`${this.command} ended (exit ${String(this.exitCode)}) before ${what}\n${this.report()}`));
      };
      const timer = setTimeout(() => {
        finish(new Error(`no ${what} from ${this.command} within ${timeoutMs} ms\n${this.report()}`));
      }, timeoutMs);
      const finish = (error?: Error): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
        if (error === undefined) resolve();
        else reject(error);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** The exit code once the process ends by itself (null after a signal); kills it and rejects at the deadline. */
  async exit(timeoutMs: number): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`${this.command} did not end within ${timeoutMs} ms\n${this.report()}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the process (its own pid only) and waits until it is gone. */
  async kill(): Promise<void> {
    if (this.exitCode === undefined) this.child.kill('SIGKILL');
    await this.exited;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private report(): string {
    return `stdout:\n${this.out.slice(-2000)}\nstderr:\n${this.err.slice(-2000)}`;
  }
}
