import { Command, CommanderError } from 'commander';
import type { CliIo } from './io.js';
import { UsageError } from './usage-error.js';
import { AwsFailure } from '../aws/errors.js';
import { toSafeLine } from '../parse/safe-text.js';
import { addAwsOptions } from './aws-options.js';
import { registerDemo } from './commands/demo.js';
import { registerList } from './commands/list.js';
import { registerReplay } from './commands/replay.js';
import { registerSandbox } from './commands/sandbox.js';
import { registerStart } from './commands/start.js';
import { registerStop } from './commands/stop.js';
import { registerPicker } from './commands/picker.js';
import { registerWatch, START_WATCH_HOOKS } from './commands/watch.js';
import type { CliHooks } from './hooks.js';
import { routeArgv } from './route.js';

/** Exit codes: 0 ok, 1 runtime failure (AWS, network), 2 bad usage or bad input. */
export async function runCli(argv: readonly string[], streams: CliIo, hooks: CliHooks = {}): Promise<number> {
  const io: CliIo = { ...streams, ...hooks };
  let exitCode = 0;
  const setExitCode = (code: number): void => {
    exitCode = code;
  };
  const program = new Command('dms-live')
    .description('A live terminal dashboard for AWS DMS Serverless replications')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError('(run dms-live --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // Commander's errors quote the arguments (`unknown option '-\x1b[2J'`): one safe line, as every other message.
      outputError: (s, write) => {
        write(`${toSafeLine(s.replace(/\n$/, ''))}\n`);
      },
    });
  addAwsOptions(program);
  registerReplay(program, io, setExitCode);
  registerSandbox(program, io, setExitCode);
  registerList(program, io, setExitCode);
  registerStart(program, io, setExitCode, START_WATCH_HOOKS);
  registerStop(program, io, setExitCode);
  registerWatch(program, io, setExitCode);
  registerDemo(program, io, setExitCode);
  registerPicker(program, io, setExitCode);
  try {
    const route = routeArgv(argv, [...program.commands.map((c) => c.name()), 'help']);
    if (route.kind === 'typo') {
      throw new UsageError(`unknown command '${route.word}': did you mean ${route.command}? (to watch a replication of that name: dms-live watch ${route.word})`);
    }
    await program.parseAsync([...route.argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    // Messages may quote AWS answers and user input: one safe line each.
    if (err instanceof UsageError) {
      io.stderr.write(`dms-live: ${toSafeLine(err.message)}\n`);
      return err.exitCode;
    }
    if (err instanceof AwsFailure) {
      io.stderr.write(`dms-live: ${toSafeLine(err.message)}\n`);
      return err.info.kind === 'config' ? 2 : 1;
    }
    // Anything else is a bug or an environment failure: one line, and the
    // stack only on request.
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`dms-live: unexpected error: ${message}\n`);
    if (process.env.DMS_LIVE_DEBUG !== undefined && err instanceof Error && err.stack !== undefined) {
      io.stderr.write(`${err.stack}\n`);
    } else {
      io.stderr.write('dms-live: set DMS_LIVE_DEBUG=1 to see the stack trace\n');
    }
    return 1;
  }
}
