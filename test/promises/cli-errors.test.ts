import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/cli.js';

/** Usage errors quote what the user typed: like log text, it reaches the terminal escaped, on one line. */
describe('usage errors quoting the arguments', () => {
  it.each([
    [['replay', '--bogus\x1b[2J', '-'], "error: unknown option '--bogus\\x1b[2J'"],
    [['replay', '--capacity', '1\n2', '-'], "error: option '--capacity <events>' argument '1\\n2' is invalid. expected a whole number of at least 1."],
  ])('%j', async (argv, message) => {
    const run = await runCliCaptured(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${message}\n(run dms-live --help for usage)\n`);
  });

  it.each([
    // A mistyped command (dms-live <word> is otherwise a replication to watch).
    [['lis\u202e'], "dms-live: unknown command 'lis\\u202e': did you mean list? (to watch a replication of that name: dms-live watch lis\\u202e)"],
    [['no-such-command\u202e'], 'dms-live: "no-such-command\\u202e" is not a replication: pass its ARN (arn:aws:dms:<region>:<account>:replication-config:<resource id>), its resource id (the ARN\'s last part), or its name'],
  ])('%j', async (argv, message) => {
    const run = await runCliCaptured(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${message}\n`);
  });
});
