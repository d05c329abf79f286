/**
 * The real `dms-live demo` in a real terminal (tmux), read off its screen:
 * what a new user sees in the first minute. The bin is built once for the
 * run (test/global-setup.ts). Speeds are high so a run takes seconds of
 * wall time; times on screen are the sandbox's virtual ones.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasTmux, Terminal } from './tmux.js';

const open: Terminal[] = [];
function terminal(args: readonly string[], columns = 140, rows = 40): Terminal {
  const t = new Terminal({ columns, rows, args });
  open.push(t);
  return t;
}

afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

// .ci/run installs tmux, and under CI a missing one fails the run; a developer's machine without it skips.
const tmuxPresent = hasTmux();
describe.runIf(!tmuxPresent && process.env.CI !== undefined)('the dashboard end-to-end tests under CI', () => {
  it('need tmux', () => {
    throw new Error('tmux is missing: install it (apt-get install tmux), as .ci/run does');
  });
});

describe.skipIf(!tmuxPresent)('dms-live demo in a terminal', { timeout: 60_000 }, () => {
  it('shows a replication coming up: the timeline fills and the status becomes running', async () => {
    const t = terminal(['demo', '--speed', '60']);
    await t.waitFor('testing_connection');
    const screen = await t.waitFor(/running/, 45_000);
    expect(screen).toMatch(/full_load|cdc/);
    expect(screen).toContain('connection authorized');
    expect(t.alternateOn()).toBe(true);
  });

  it('shows the failure card with the failure message, what to check, and the refused connection', async () => {
    const t = terminal(['demo', '--scenario', 'test-connection-failure', '--speed', '60']);
    const screen = await t.waitFor(/password authentication failed/, 45_000);
    expect(screen).toMatch(/failed/);
    await t.waitFor(/auth failed/);
    await t.waitFor(/[Cc]heck/);
  });

  it('stops a running replication with x then y, and starts it again with s', async () => {
    const t = terminal(['demo', '--speed', '60']);
    await t.waitFor(/\brunning\b/, 45_000);
    t.press('x');
    await t.waitFor(/Stop replication testdrive-dms-postgresql-dev-dms-serverless\? y\/N/);
    t.press('y');
    await t.waitFor(/^\S+ eu-central-1 +STOPPED/m, 45_000);
    t.press('s');
    // A stopped replication may resume or reload: the first is chosen with Enter, then confirmed.
    await t.waitFor(/resume-processing/);
    t.press('Enter');
    await t.waitFor(/Start replication testdrive-dms-postgresql-dev-dms-serverless.*\? y\/N/);
    t.press('y');
    await t.waitFor(/start resume-processing succeeded/, 45_000);
    await t.waitFor(/^\S+ eu-central-1 +(STARTING|RUNNING)/m, 45_000);
  });

  it('offers no stop in read-only mode', async () => {
    const t = terminal(['demo', '--speed', '60', '--read-only']);
    await t.waitFor(/\brunning\b|starting|testing_connection/, 45_000);
    t.press('x');
    t.press('?');
    const help = await t.waitFor(/Quit/);
    expect(help).not.toMatch(/Stop the replication/);
  });

  it('keeps a whole frame after a resize', async () => {
    const t = terminal(['demo', '--speed', '60'], 140, 40);
    await t.waitFor(/testing_connection|starting/, 45_000);
    t.resize(90, 30);
    // Ink may draw one frame of the old layout at the new width before the app sees the new size
    // (components/README.md); the next frame must be whole: the header on the first row, the footer
    // on the last (a row short of the terminal: a full-height frame makes Ink clear the screen),
    // nothing wider than the terminal.
    await vi.waitFor(
      () => {
        const rows = t.screen();
        expect(rows).toHaveLength(30);
        expect(rows[0]).toMatch(/^testdrive-dms-postgresql-dev-dms-serverless/);
        expect(rows.filter((r) => r !== '').at(-1)).toMatch(/^q quit/);
        expect(rows.every((r) => r.length <= 90)).toBe(true);
        expect(rows.filter((r) => /^testdrive-dms-postgresql-dev-dms-serverless/.test(r))).toHaveLength(1);
      },
      { timeout: 15_000, interval: 100 },
    );
  });

  it('SIGTERM restores the terminal too, and exits as the signal says (143)', async () => {
    const t = terminal(['demo', '--speed', '60']);
    await t.waitFor(/quit/, 30_000);
    expect(t.alternateOn()).toBe(true);
    t.signal('SIGTERM');
    expect(await t.exitStatus()).toBe(143);
    expect(t.alternateOn()).toBe(false);
  });

  it('q restores the terminal and exits 0', async () => {
    const t = terminal(['demo', '--speed', '60']);
    await t.waitFor(/quit/, 30_000);
    t.press('q');
    expect(await t.exitStatus()).toBe(0);
    expect(t.alternateOn()).toBe(false);
  });
});
