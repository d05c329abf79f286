import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/cli.js';

/** Usage errors quote what the user typed: like log text, it reaches the terminal escaped, on one line. */
describe('usage errors quoting the arguments', () => {
  it.each([
    [['replay', '--bogus\x1b[2J', '-'], "error: unknown option '--bogus\\x1b[2J'"],
    [['replay', '--capacity', '1\n2', '-'], "error: option '--capacity <events>' argument '1\\n2' is invalid. expected a whole number of at least 1."],
    [['no-such-command\u202e'], "error: unknown command 'no-such-command\\u202e'"],
  ])('%j', async (argv, message) => {
    const run = await runCliCaptured(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${message}\n(run dms-live --help for usage)\n`);
  });
});
