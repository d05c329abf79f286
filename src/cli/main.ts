// The `dms-live` bin. The SDK's Node-version warning would land in the
// middle of a full-screen UI (../shared/guide/facts.md), so it is silenced
// before any client is built.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { runCli } = await import('./program.js');
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
