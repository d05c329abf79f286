import { open, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';
import { toSafeLine } from '../../parse/safe-text.js';
import { ReplayInputError } from '../../replay/replay-error.js';
import { REPLAY_WINDOW, runReplay, type ReplayInput, type ReplayOptions, type ReplayResult } from '../../replay/run-replay.js';
import { parsePositiveInt } from '../option-parsers.js';

interface ReplayFlags {
  readonly json?: boolean;
  readonly capacity?: number;
}

export function registerReplay(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('replay')
    .description('Post-mortem of a replication from saved logs: timeline, connections, failures')
    .argument('<files...>', 'saved logs: aws logs filter-log-events/get-log-events JSON, Live Tail NDJSON, or plain text; - reads stdin; several files are merged by time')
    .option('--json', 'one NDJSON record per event, in time order, instead of the report')
    .option('--capacity <events>', `events held in memory to put late ones in order (default: ${String(REPLAY_WINDOW)})`, parsePositiveInt)
    .addHelpText(
      'after',
      `
Examples:
  aws logs filter-log-events --log-group-name dms-serverless-replication-$DMS_REPLICATION_ID > dms.json
  aws logs filter-log-events --log-group-name /aws/rds/instance/$DB_INSTANCE/postgresql > rds.json
  dms-live replay dms.json rds.json
  dms-live replay --json dms.json | jq 'select(.severity == "error")'`,
    )
    .action(async (files: string[], flags: ReplayFlags) => {
      if (files.filter((f) => f === '-').length > 1) throw new UsageError('replay reads stdin (-) only once');
      const inputs: ReplayInput[] = [];
      for (const file of files) {
        inputs.push(file === '-' ? { name: 'stdin', bytes: stdinInput(io) } : { name: file, bytes: await fileInput(file) });
      }
      const result = await replay(inputs, io, {
        json: flags.json === true,
        ...(flags.capacity !== undefined && { capacity: flags.capacity }),
      });
      for (const warning of result.warnings) io.stderr.write(`dms-live: warning: ${toSafeLine(warning)}\n`);
      setExitCode(0);
    });
}

/** Replay's own errors are the user's to fix: one line, exit 2. */
async function replay(inputs: readonly ReplayInput[], io: CliIo, options: ReplayOptions): Promise<ReplayResult> {
  try {
    return await runReplay(inputs, io.stdout, options);
  } catch (err) {
    if (err instanceof ReplayInputError) throw new UsageError(err.message);
    throw err;
  }
}

function stdinInput(io: CliIo): AsyncIterable<Buffer | string> {
  if ((io.stdin as { isTTY?: boolean }).isTTY === true) {
    throw new UsageError('replay - reads logs from stdin, but stdin is a terminal: pipe a file in, or give a file path');
  }
  return io.stdin as AsyncIterable<Buffer | string>;
}

async function fileInput(path: string): Promise<AsyncIterable<Buffer>> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UsageError(`cannot replay ${path}: it is a directory, not a file`);
    if (info.isFile() && info.size === 0) throw new UsageError(`${path} is empty: nothing to replay`);
    const handle = await open(path, 'r');
    return handle.createReadStream({ highWaterMark: 256 * 1024 });
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (err as Error).message;
    throw new UsageError(`cannot read ${path}: ${why}`);
  }
}
