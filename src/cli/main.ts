// The `dms-live` bin. The SDK's Node-version warning would land in the
// middle of a full-screen UI (../shared/guide/facts.md), so it is silenced
// before any client is built.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// A reader that goes away (`| head`) is not an error worth a stack trace:
// without a listener, the EPIPE of the next write would crash the process.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

const { runCli } = await import('./program.js');
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
