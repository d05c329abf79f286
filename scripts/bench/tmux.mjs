// A real terminal for the measured program: a tmux server on its own socket
// (one per run, never the user's), one window of a fixed size, the program
// started in it without `CI` in its environment (Ink draws only a final
// frame under CI). The bench reads the screen and types keys through one
// control-mode client (`tmux -C`), so polling the screen every few
// milliseconds costs no process start-ups on a machine already busy with
// what it measures.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { noteStarted, onCleanup, sleep, stopPid, track } from './children.mjs';

const SESSION = 'bench';

/** Epoch ms on the monotonic clock, comparable with DMS_LIVE_TRACE marks. */
export const nowMs = () => performance.timeOrigin + performance.now();

/** `env` without what would make Ink draw only a final frame. */
export function withoutCi(env) {
  const out = { ...env };
  delete out.CI;
  delete out.CONTINUOUS_INTEGRATION;
  return out;
}

/** A shell word for tmux's `sh -c`. */
export function shellWord(s) {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`;
}

export function tmuxAvailable() {
  return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
}

/**
 * Starts `argv` in a new tmux terminal of `cols` x `rows`. Returns the
 * program's pid (it is exec'd, so the pane's pid is the program's), the
 * time just before it was started, and `screen()`, `keys()`, `close()`.
 */
export async function openTerminal({ argv, env, cols = 120, rows = 40 }) {
  const dir = mkdtempSync(join(tmpdir(), 'dms-live-bench-tmux-'));
  const sock = join(dir, 'sock');
  const conf = join(dir, 'tmux.conf');
  // No status line: the program gets every row. A short history: the AWS CLI prints 500 lines a second.
  writeFileSync(conf, ['set -g status off', 'set -g default-terminal screen-256color', 'set -g history-limit 2000', 'set -g exit-empty on', ''].join('\n'));
  let pid;
  let control;
  let closed = false;
  const killServer = () => {
    control?.child.kill('SIGKILL');
    spawnSync('tmux', ['-S', sock, 'kill-server'], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  const unregister = onCleanup(() => {
    if (pid !== undefined) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    killServer();
  });
  const command = `exec ${argv.map(shellWord).join(' ')}`;
  const startedAt = nowMs();
  const made = spawnSync('tmux', ['-S', sock, '-f', conf, 'new-session', '-d', '-s', SESSION, '-x', String(cols), '-y', String(rows), command], {
    env: withoutCi(env),
    encoding: 'utf8',
  });
  if (made.status !== 0) {
    unregister();
    killServer();
    throw new Error(`tmux new-session failed: ${made.stderr.trim()}`);
  }
  const shown = spawnSync('tmux', ['-S', sock, 'display-message', '-p', '-t', SESSION, '#{pane_pid} #{pid}'], { encoding: 'utf8' });
  const [panePid, serverPid] = shown.stdout.trim().split(' ').map(Number);
  pid = panePid;
  noteStarted(panePid);
  noteStarted(serverPid);
  control = await ControlClient.attach(sock);
  return {
    pid,
    startedAt,
    /** The screen's text now, one string per line (wrapped rows joined). */
    screen: () => control.run(`capture-pane -p -J -t ${SESSION}`),
    /** Types one key: a character, or a tmux key name (`Escape`, `Enter`). */
    keys: (key) => control.run(key.length === 1 ? `send-keys -t ${SESSION} -l ${tmuxQuote(key)}` : `send-keys -t ${SESSION} ${key}`),
    /** Ends the program (SIGTERM, then SIGKILL) and the tmux server. */
    close: async () => {
      if (closed) return;
      closed = true;
      await stopPid(pid);
      unregister();
      killServer();
    },
  };
}

function tmuxQuote(s) {
  return `'${s.replaceAll("'", "\\'")}'`;
}

/** One `tmux -C` client: commands in, their output blocks (%begin ... %end) back in order. */
class ControlClient {
  static async attach(sock) {
    // ignore-size: this client must not resize the window; no-output: no copy of the pane's output.
    const child = track(spawn('tmux', ['-S', sock, '-C', 'attach-session', '-t', SESSION, '-f', 'ignore-size,no-output'], { stdio: ['pipe', 'pipe', 'ignore'] }));
    const client = new ControlClient(child);
    // The first blocks answer the attach itself; a marker tells where ours start.
    const marker = `bench-ready-${process.pid}`;
    client.skipUntil = marker;
    const ready = client.run(`display-message -p ${marker}`);
    const deadline = sleep(5000).then(() => {
      throw new Error('tmux control client did not answer within 5 s');
    });
    await Promise.race([ready, deadline]);
    return client;
  }

  constructor(child) {
    this.child = child;
    this.pending = [];
    this.block = undefined;
    this.rest = '';
    this.skipUntil = undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => this.read(chunk));
    child.once('exit', () => {
      for (const p of this.pending.splice(0)) p.reject(new Error('tmux control client ended (the program in the terminal exited?)'));
    });
  }

  run(command) {
    return new Promise((resolve, reject) => {
      if (this.child.exitCode !== null) {
        reject(new Error('tmux control client ended'));
        return;
      }
      this.pending.push({ resolve, reject });
      this.child.stdin.write(`${command}\n`);
    });
  }

  read(chunk) {
    const lines = (this.rest + chunk).split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) {
      if (this.block === undefined) {
        if (line.startsWith('%begin ')) this.block = [];
        continue; // a notification
      }
      if (line.startsWith('%end ') || line.startsWith('%error ')) {
        const lines = this.block;
        this.block = undefined;
        if (this.skipUntil !== undefined) {
          if (lines[0] !== this.skipUntil) continue;
          this.skipUntil = undefined;
        }
        const p = this.pending.shift();
        if (p === undefined) continue;
        if (line.startsWith('%error ')) p.reject(new Error(`tmux: ${lines.join(' ')}`));
        else p.resolve(lines);
        continue;
      }
      this.block.push(line);
    }
  }
}
