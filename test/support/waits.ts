/**
 * How long a test waits for what only real I/O moves: frames over a socket,
 * a request reaching the sandbox, a child process's output. A busy 2-core
 * machine can take seconds where an idle one takes milliseconds, so the
 * deadline is generous yet well inside the 20 s test timeout
 * (vitest.config.ts): a wait that expires fails with its own message, not as
 * a timed-out test. What the virtual clock moves needs no wait at all.
 */
export const IO_WAIT = { timeout: 10_000, interval: 10 } as const;
