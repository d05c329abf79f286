// Everything the suite starts is registered here and stopped on every way
// out: a normal end, an error, Ctrl-C, SIGTERM. Only our own children are
// ended, each by its pid (and tmux servers by their own socket).
import { setTimeout as sleep } from 'node:timers/promises';

const children = new Set();
const cleanups = new Set();
const started = [];

/** Notes a process the suite started (a program in tmux, a tmux server): `startedPids` lists them. */
export function noteStarted(pid) {
  if (Number.isInteger(pid) && pid > 0) started.push(pid);
}

/** Every process the suite started, for a check that none is left. */
export function startedPids() {
  return [...started];
}

/** Registers a child process; it leaves the registry when it exits. */
export function track(child) {
  noteStarted(child.pid);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/**
 * Registers a synchronous clean-up step (run once); returns its removal.
 * `untilExit`: kept until the bench ends (a file every measurement uses),
 * not run between measurements.
 */
export function onCleanup(fn, { untilExit = false } = {}) {
  const step = { fn, untilExit };
  cleanups.add(step);
  return () => cleanups.delete(step);
}

/**
 * Runs the clean-up steps (all of them, or `untilExit` ones too only when
 * `all`), then kills every child still running. Synchronous: safe in an
 * 'exit' handler.
 */
export function cleanupAll({ all = true } = {}) {
  for (const step of [...cleanups].reverse()) {
    if (step.untilExit && !all) continue;
    cleanups.delete(step);
    try {
      step.fn();
    } catch {
      // Best effort: the next step must still run.
    }
  }
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

/** Clean-up on exit and on Ctrl-C / SIGTERM / SIGHUP (exit codes 130 / 143 / 129). */
export function installExitHandlers() {
  process.on('exit', () => cleanupAll());
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const [signal, code] of Object.entries(codes)) {
    process.on(signal, () => {
      process.stderr.write(`\nbench: ${signal}: stopping everything it started\n`);
      cleanupAll();
      process.exit(code);
    });
  }
}

/** Resolves with { code, signal } when the child exits, or undefined after `ms`. */
export function exited(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => {
    const onExit = (code, signal) => {
      globalThis.clearTimeout(timer);
      resolve({ code, signal });
    };
    const timer = globalThis.setTimeout(() => {
      child.off('exit', onExit);
      resolve(undefined);
    }, ms);
    child.once('exit', onExit);
  });
}

/** SIGTERM, then SIGKILL after `ms` if it is still there. */
export async function stopChild(child, ms = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if ((await exited(child, ms)) === undefined) {
    child.kill('SIGKILL');
    await exited(child, ms);
  }
}

/** Ends a process we started by its pid (one run inside tmux): SIGTERM, then SIGKILL. */
export async function stopPid(pid, ms = 3000) {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + ms;
  while (alive() && Date.now() < deadline) await sleep(20);
  if (alive()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone in between.
    }
  }
}

export { sleep };
