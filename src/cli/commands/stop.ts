import type { Command } from 'commander';
import { stopRefusal } from '../../actions/action-rules.js';
import { AWS_OPTIONS_HELP } from '../aws-options.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';
import { AWS_EXIT_HELP } from './list.js';
import { runAction } from './start-stop-flow.js';

export function registerStop(program: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  return program
    .command('stop')
    .description('Stop a starting or running replication: one StopReplication call, the new status printed (capacity stays provisioned)')
    .argument('<replication>', "ReplicationConfigArn, its resource id (the ARN's last part), or ReplicationConfigIdentifier")
    .addHelpText(
      'after',
      `${AWS_EXIT_HELP}
${AWS_OPTIONS_HELP}

Examples:
  dms-live stop $DMS_REPLICATION_ID
  dms-live stop my-replication && dms-live watch my-replication --until stopped`,
    )
    .action(async (replication: string, _flags: unknown, cmd: Command) => {
      const code = await runAction(cmd, io, replication, (target) => {
        const why = stopRefusal(target.snapshot);
        if (why !== undefined) throw new UsageError(`cannot stop ${target.identifier}: ${why}`, 1);
        return (actions) => actions.stop();
      });
      setExitCode(code);
    });
}
