// The `dms-live` bin's body; components/main.ts runs it with the dashboard.
// Only these imports are static, and none loads SDK code: see below.
import { describeWriteFailure } from '../output/write-failure.js';
import { toSafeLine } from '../parse/safe-text.js';
import type { CliHooks } from './hooks.js';

/** Runs this process's command line and sets its exit code. */
export async function runBin(hooks: CliHooks): Promise<void> {
  // On Node 20 the AWS SDK prints a NodeVersionSupportWarning when a client
  // is made, which would land in the middle of a full-screen UI, so it is
  // silenced before any client is built.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

  // Without an 'error' listener, a failed write to stdout would crash the
  // process with a stack trace. A reader that goes away (`| head`: EPIPE) ends
  // the output quietly, exit code unchanged; any other failure (`> /dev/full`:
  // ENOSPC) is one line on stderr and exit code 1. The commands see the
  // stream fail and stop writing (src/output/buffered-writer.ts). A failing
  // stderr has nowhere left to report to.
  const output = { failed: false };
  process.stdout.on('error', (err: Error) => {
    const message = describeWriteFailure(err);
    if (message === undefined || output.failed) return;
    output.failed = true;
    process.exitCode = 1;
    process.stderr.write(`dms-live: ${toSafeLine(message)}\n`);
  });
  process.stderr.on('error', () => {
    // Nothing to do: see above.
  });

  const { runCli } = await import('./program.js');
  const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }, hooks);
  process.exitCode = output.failed && code === 0 ? 1 : code;
}
