import { Command, CommanderError } from 'commander';
import type { CliIo } from './io.js';

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command('dms-live')
    .description('A live terminal dashboard for AWS DMS Serverless replications')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
}
