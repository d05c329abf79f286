/**
 * Runs the full-screen dashboard for the CLI (src/cli/dashboard.ts): the
 * alternate screen around one Ink render of the App, until the user quits.
 *
 * - Ctrl-C is a key here (Ink reads stdin in raw mode): the key registry
 *   quits through the App, which closes its sources first
 *   (`exitOnCtrlC: false`).
 * - SIGTERM (and SIGINT sent by another process) quits the same way: the
 *   App unmounts, the terminal is restored, the exit code is 143 (130).
 * - A crash leaves the alternate screen before Node prints the error
 *   (components/terminal/alternate-screen.ts).
 * - Data draws at most 10 frames a second (the source batches its
 *   announcements: src/watch/frame-batcher.ts); Ink's own limit is 30, for
 *   keys. Ink's limit is a debounce capped at its interval: a key pressed
 *   just after a frame waits for the interval's end (at 10 a second, up to
 *   100 ms, the whole budget of a key press), a key on a quiet screen draws
 *   at once, and a held key draws at most 30 frames a second.
 * - Ink's `incrementalRendering` (rewrite only changed lines) stays off:
 *   tried on the alternate screen, it left rows of older frames behind.
 */
import { render } from 'ink';
import type { DashboardLauncher } from '../../src/watch/dashboard-source.js';
import { App } from '../app/app.js';
import { enterAlternateScreen } from '../terminal/alternate-screen.js';
import { createTheme, ThemeProvider } from '../theme.js';
import { traceInkRenders, traceTerminalWrites } from '../../src/watch/trace.js';

/** Ink's frame limit: what keys can draw (data is limited to 10 a second before it gets here). */
const KEY_FPS = 30;

const SIGNAL_EXIT: Readonly<Record<'SIGINT' | 'SIGTERM', number>> = { SIGINT: 130, SIGTERM: 143 };

export const launchDashboard: DashboardLauncher = async (launch) => {
  const screen = enterAlternateScreen(process.stdout, { handleSignals: false });
  let code = 0;
  let unmount: (() => void) | undefined;
  // The sources close after Ink unmounts (src/cli/dashboard.ts), as on quit.
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => (): void => {
    code = SIGNAL_EXIT[signal];
    unmount?.();
  };
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  // DMS_LIVE_TRACE (npm run bench): each frame written and each render; nothing without it.
  traceTerminalWrites(process.stdout);
  try {
    const instance = render(
      <ThemeProvider theme={createTheme(process.env)}>
        <App
          launch={launch}
          onExit={(exitCode) => {
            code = exitCode;
            instance.unmount();
          }}
        />
      </ThemeProvider>,
      { exitOnCtrlC: false, maxFps: KEY_FPS, patchConsole: true, ...traceInkRenders() },
    );
    unmount = () => {
      instance.unmount();
    };
    await instance.waitUntilExit();
    return code;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    screen.leave();
  }
};
