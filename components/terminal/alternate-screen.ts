/**
 * The alternate screen: a full-screen app draws on a second screen buffer
 * and gives the user's shell scrollback back untouched when it leaves.
 *
 * Ink 6 has no alternate-screen option (Ink 7 does, but needs Node 22), so
 * the app enters it before Ink's first frame and leaves it after Ink
 * unmounts. A terminal left on the alternate screen with a hidden cursor
 * looks broken to the user, so leaving is hooked to every way out:
 *
 * - normal quit: the app calls `leave()` once Ink has unmounted;
 * - `process.exit()` or the event loop running dry: the `exit` event;
 * - Ctrl-C when stdin is not in raw mode, and SIGTERM: the signal handler
 *   leaves, then raises the signal again with no handler of ours in the way,
 *   so the process ends as the signal would have ended it (status 130, 143);
 * - an uncaught exception, or an unhandled rejection (Node turns those into
 *   uncaught exceptions): `uncaughtExceptionMonitor`, which runs before
 *   Node's own handling without changing it, so the stack lands on the
 *   user's normal screen and the status stays 1.
 *
 * In raw mode (Ink reading keys), Ctrl-C is a key, not a signal: the app's
 * quit command unmounts Ink and calls `leave()`.
 *
 * The sequences are xterm's (DECSET 1049: save the cursor, switch to the
 * alternate buffer and clear it; DECRST 1049 switches back and restores the
 * cursor), which every terminal emulator in use honours; DECTCEM 25 shows
 * the cursor Ink hid.
 */

export const ENTER_ALTERNATE_SCREEN = '\x1b[?1049h';
export const LEAVE_ALTERNATE_SCREEN = '\x1b[?1049l';
export const SHOW_CURSOR = '\x1b[?25h';

/** Where the sequences go: the stream Ink renders to. */
export interface ScreenStream {
  write(text: string): unknown;
}

/** The parts of `process` used, so tests can hand in a fake. */
export interface ProcessHooks {
  readonly pid: number;
  on(event: string, listener: () => void): unknown;
  off(event: string, listener: () => void): unknown;
  kill(pid: number, signal: NodeJS.Signals): unknown;
}

export interface AlternateScreenOptions {
  /** @default process */
  readonly process?: ProcessHooks;
  /**
   * Leave and re-raise on SIGINT and SIGTERM. Set false when the app has
   * its own signal handling (a graceful stop that unmounts Ink, then calls
   * `leave()`): a re-raised signal would end the process before that
   * handler is done. The `exit` hook still covers the last way out.
   * @default true
   */
  readonly handleSignals?: boolean;
}

export interface AlternateScreen {
  /** Back to the normal screen with the cursor shown; removes the hooks. Safe to call again. */
  leave(): void;
  /** True until `leave()` (or an exit path) has run. */
  readonly active: boolean;
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * Switches `stream` to the alternate screen and hooks leaving it to every
 * exit path. Call once per app run; `leave()` is idempotent.
 */
export function enterAlternateScreen(stream: ScreenStream, options: AlternateScreenOptions = {}): AlternateScreen {
  const proc = options.process ?? process;
  const handleSignals = options.handleSignals ?? true;
  let active = true;

  const hooks: [event: string, listener: () => void][] = [];
  const hook = (event: string, listener: () => void): void => {
    hooks.push([event, listener]);
    proc.on(event, listener);
  };

  const leave = (): void => {
    if (!active) return;
    active = false;
    for (const [event, listener] of hooks) proc.off(event, listener);
    stream.write(LEAVE_ALTERNATE_SCREEN + SHOW_CURSOR);
  };

  stream.write(ENTER_ALTERNATE_SCREEN);
  hook('exit', leave);
  hook('uncaughtExceptionMonitor', leave);
  if (handleSignals) {
    for (const signal of SIGNALS) {
      hook(signal, () => {
        leave();
        // Our listener is gone now: without other listeners, Node's default
        // action ends the process with the signal's own status.
        proc.kill(proc.pid, signal);
      });
    }
  }

  return {
    leave,
    get active() {
      return active;
    },
  };
}
