// 4. Key response under load: the dashboard watching the flood (500
// events/s) while a backfill of 100,000 events arrives at once (they are in
// the sandbox's log groups before the watch starts); keys typed through
// tmux the whole time. Each press is timed from the moment it is sent to
// the first frame that shows its effect: the screen is read every 5 ms,
// and with DMS_LIVE_TRACE the time is that of the first frame written
// after the last reading that did not show it yet.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './children.mjs';
import { BIN, clientEnv, startSandbox } from './sandbox.mjs';
import { nowMs, openTerminal } from './tmux.mjs';
import { readTrace } from './trace-file.mjs';
import { RATE } from './live.mjs';

export const BACKFILL = 100_000;
const POLL_MS = 5;
/** A press whose effect takes longer than this counts as this long (and is reported as missed). */
const GIVE_UP_MS = 5000;

const has = (text) => (screen) => screen.some((line) => line.includes(text));
const not = (test) => (screen) => !test(screen);

/**
 * The keys the issue names and what shows that each worked, from the
 * dashboard's own texts (components/keys/help-overlay.tsx,
 * components/app/dialogs/prompt-line.tsx, components/panes/log/log-pane.tsx).
 * `setup` puts the dashboard where the key has a visible effect; `undo`
 * takes it back (timed too when `undoTimed`).
 */
const helpShown = has('Keys (Esc or ? to close)');
const filterShown = (screen) => screen.some((line) => /^\s*filter: /.test(line));

/** The log pane's rows (inside its border, without its status line). */
function logRows(screen) {
  const top = screen.findIndex((line) => line.includes('─ Log '));
  if (top < 0) return [];
  const rows = [];
  for (const line of screen.slice(top + 1)) {
    if (line.trimStart().startsWith('╰')) break;
    const inner = line.replace(/^\s*│/, '').replace(/│\s*$/, '');
    if (/^[●‖]/.test(inner)) break;
    rows.push(inner);
  }
  return rows;
}

/** The log shows what it showed `before` moved up one line: scrolled down by one. */
const scrolledDownOne = (screen, before) => {
  const was = logRows(before);
  const now = logRows(screen);
  return was.length > 2 && now.length === was.length && now.slice(0, -1).join('\n') === was.slice(1).join('\n') && now.join('\n') !== was.join('\n');
};

const PROBES = [
  { key: '?', shows: helpShown, undo: '?', undone: not(helpShown), undoTimed: true },
  { key: '/', shows: filterShown, undo: 'Escape', undone: not(filterShown) },
  // `k` twice scrolls the log up (paused: new lines wait below, the view
  // holds still); `j` moves it down one line; `G` follows the newest again.
  { key: 'j', setup: ['k', 'k'], ready: has('‖ paused'), shows: scrolledDownOne, undo: 'G', undone: has('● follow') },
];

/** The name the header shows: the dashboard is up when it is on screen. */
const NAME = 'testdrive-dms-postgresql-dev-dms-serverless';

/**
 * Reads the screen every POLL_MS until `test(screen, previous)` holds:
 * { before, at, screen } (the last reading that did not show it, the one
 * that did), or undefined after `giveUpMs`.
 */
async function waitFor(term, test, since, giveUpMs = GIVE_UP_MS, previous = undefined) {
  let before = since;
  for (;;) {
    const polled = nowMs();
    const screen = await term.screen();
    if (test(screen, previous)) return { before, at: polled, screen };
    if (polled - since > giveUpMs) return undefined;
    before = polled;
    await sleep(POLL_MS);
  }
}

/** ms from `sent` to the first traced frame that can have shown the effect, else to the reading that saw it. */
function delay(press, frames) {
  if (press.seen === undefined) return GIVE_UP_MS;
  const frame = frames.find((f) => f.t > press.seen.before && f.t <= press.seen.at);
  return (frame?.t ?? press.seen.at) - press.sent;
}

/** One run: { samples: [{ key, ms, atS (seconds after the start) }], missed, skipped (j probes before the log could scroll), misses (screens of the first few), dashboard }. */
export async function keysRun(seconds) {
  const dir = mkdtempSync(join(tmpdir(), 'dms-live-bench-keys-'));
  const traceFile = join(dir, 'trace.txt');
  const sandbox = await startSandbox({ rate: RATE, prefill: BACKFILL });
  try {
    const term = await openTerminal({ argv: [process.execPath, BIN, 'watch', sandbox.replicationId], env: clientEnv(sandbox, { DMS_LIVE_TRACE: traceFile }) });
    try {
      if ((await waitFor(term, has(NAME), term.startedAt, 15_000)) === undefined) {
        if (readTrace(traceFile).frames.length === 0) return { samples: [], missed: 0, dashboard: false };
        throw new Error(`the dashboard did not show ${NAME} within 15 s`);
      }
      const presses = [];
      const misses = [];
      let missed = 0;
      let skipped = 0;
      const end = term.startedAt + seconds * 1000;
      const press = async (key, test, previous) => {
        const sent = nowMs();
        await term.keys(key);
        const seen = await waitFor(term, test, sent, GIVE_UP_MS, previous);
        if (seen === undefined) {
          missed += 1;
          // What the screen showed before and after, for the first few: was the key lost, or drawn late?
          if (misses.length < 3) misses.push({ key, atS: (sent - term.startedAt) / 1000, before: previous, after: await term.screen() });
        }
        return { key, sent, seen };
      };
      while (nowMs() < end) {
        for (const probe of PROBES) {
          let ready;
          if (probe.setup !== undefined) {
            for (const key of probe.setup) await term.keys(key);
            ready = await waitFor(term, probe.ready, nowMs());
            if (ready === undefined) {
              // Nothing to scroll yet (the log still fits its pane, so k
              // keeps following): no press to time; try again later.
              skipped += 1;
              continue;
            }
            // The view holds still while paused: read it again once the key's frame is surely drawn.
            await sleep(150);
            ready = { screen: await term.screen() };
          }
          const pressed = await press(probe.key, probe.shows, ready?.screen);
          // Lines instead of a dashboard (not wired into the CLI yet): nothing to time.
          if (presses.length === 0 && pressed.seen === undefined && readTrace(traceFile).frames.length === 0) return { samples: [], missed, dashboard: false };
          presses.push(pressed);
          if (probe.undo !== undefined) {
            const undone = await press(probe.undo, probe.undone);
            if (probe.undoTimed) presses.push(undone);
          }
          // A person types a few keys a second, not a stream.
          await sleep(150);
        }
      }
      await term.close();
      // Read once the dashboard has ended: the trace is complete then.
      const frames = readTrace(traceFile).frames;
      return { samples: presses.map((p) => ({ key: p.key, ms: delay(p, frames), atS: (p.sent - term.startedAt) / 1000 })), missed, skipped, misses, dashboard: frames.length > 0 };
    } finally {
      await term.close();
    }
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
