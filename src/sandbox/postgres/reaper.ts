import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';

/**
 * A watchdog for one server: a small shell process, in a session of its
 * own, that reads a pipe from the sandbox. The sandbox tells it the
 * server's pid; when the pipe closes without `done` (the sandbox crashed, or
 * was killed, even by SIGKILL, which no handler in the process can see), it
 * shuts the server down (SIGQUIT, immediate shutdown; SIGKILL after 5 s),
 * then removes the data directory. A clean stop says `done` and it exits.
 *
 * Its own session keeps a terminal's Ctrl-C (sent to the whole foreground
 * process group) from ending it before it has done its work.
 */
const SCRIPT = `
trap '' INT TERM HUP
dir=$1
pid=
# Running, not a zombie waiting for whoever inherited it to reap it.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [ -r "/proc/$1/stat" ] || return 0
  read -r _ _ state _ < "/proc/$1/stat"
  [ "$state" != Z ]
}
while IFS= read -r line; do
  case $line in
    pid\\ *) pid=\${line#pid } ;;
    done) exit 0 ;;
  esac
done
if [ -n "$pid" ] && kill -QUIT "$pid" 2>/dev/null; then
  n=0
  while alive "$pid" && [ $n -lt 50 ]; do sleep 0.1; n=$((n+1)); done
  alive "$pid" && kill -KILL "$pid" 2>/dev/null
fi
n=0
while [ -e "$dir" ] && [ $n -lt 10 ]; do rm -rf "$dir" 2>/dev/null; [ -e "$dir" ] && sleep 0.2; n=$((n+1)); done
`;

export class Reaper {
  private readonly pipe: Writable;
  private settled = false;

  /** Starts watching `dataDir`; removes it if the sandbox dies from here on. */
  constructor(dataDir: string) {
    const child = spawn('/bin/sh', ['-c', SCRIPT, 'dms-live-postgres-reaper', dataDir], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    // A missing /bin/sh is reported by the pipe's error: the sandbox still runs, unguarded.
    child.on('error', () => undefined);
    const pipe: Writable & { unref?: () => void } = child.stdin;
    pipe.on('error', () => undefined);
    // Neither the watchdog nor its pipe (a socket underneath) keeps the sandbox's process alive.
    child.unref();
    pipe.unref?.();
    this.pipe = pipe;
  }

  /** The server to shut down if the sandbox dies. */
  watch(pid: number): void {
    if (!this.settled) this.pipe.write(`pid ${String(pid)}\n`);
  }

  /** The server is stopped and its directory removed: the watchdog exits. */
  done(): void {
    if (this.settled) return;
    this.settled = true;
    this.pipe.end('done\n');
  }
}
