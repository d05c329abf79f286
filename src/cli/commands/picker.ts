import type { Command } from 'commander';
import { awsApisFor } from '../aws-options.js';
import { runDashboard } from '../dashboard.js';
import type { CliIo } from '../io.js';
import { wantsDashboard } from '../terminal-mode.js';
import { UsageError } from '../usage-error.js';
import { systemClock } from '../../sources/clock.js';
import { parseWatchFlags, readOnlyOf } from './watch.js';

/**
 * `dms-live` with no command: in a terminal, the picker (every replication
 * of the region, Enter opens one); elsewhere the usage, since a script has
 * nothing to pick with. Also the global `--read-only`, which the dashboard
 * honours wherever it opens.
 */
export function registerPicker(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .option('--read-only', 'the dashboard offers no start or stop (its keys, help and footer leave them out)')
    .addHelpText(
      'after',
      `
In a terminal, dms-live alone lists the region's replications to pick from,
and dms-live <replication> opens the dashboard on one (as dms-live watch).
Piped, with --json or where CI is set, commands write lines instead.`,
    )
    .action(async (_flags: unknown, cmd: Command) => {
      if (io.loadDashboard === undefined || !wantsDashboard(io, process.env)) {
        cmd.outputHelp({ error: true });
        throw new UsageError('no command: name one, or run dms-live in a terminal to pick a replication', 2);
      }
      const apis = await awsApisFor(cmd, io);
      try {
        const launcher = await io.loadDashboard();
        const parsed = parseWatchFlags({ rds: true });
        setExitCode(await runDashboard({ launcher, apis, clock: systemClock, flags: { groups: { extraGroups: [], noRds: false }, tailIdleMs: parsed.tailIdleMs, readOnly: readOnlyOf(cmd) } }));
      } finally {
        apis.destroy();
      }
    });
}
