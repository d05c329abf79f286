import { Option, type Command } from 'commander';
import { START_TYPES, startRefusal, startTypesFor, type StartType } from '../../actions/action-rules.js';
import type { ResolvedReplication } from '../../discovery/resolve-replication.js';
import { AWS_OPTIONS_HELP } from '../aws-options.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';
import { AWS_EXIT_HELP } from './list.js';
import { runAction, type ActionDone } from './start-stop-flow.js';

export interface StartFlags {
  readonly type?: StartType;
}

/**
 * How `start --watch` hooks in: `addOptions` adds the watch flags to the
 * command, `afterStart` runs once the start was accepted (with its flags)
 * and its exit code becomes the command's.
 */
export interface StartHooks<F extends StartFlags = StartFlags> {
  readonly addOptions?: (command: Command) => Command;
  readonly afterStart?: (done: ActionDone, flags: F, command: Command, io: CliIo) => Promise<number>;
  /** Whether these flags ask for `afterStart` at all (without it, the start's line goes to stdout). */
  readonly followsUp?: (flags: F) => boolean;
}

const TYPE_WORDS: Readonly<Record<StartType, string>> = {
  'start-replication': 'the first run',
  'resume-processing': 'continue from where it stopped',
  'reload-target': 'load every table again, then continue',
};

/** The start type to send, or a one-line refusal (exit 1: wrong state; exit 2: --type needed). */
export function chooseStartType(target: ResolvedReplication, asked: StartType | undefined): StartType {
  const s = target.snapshot;
  const name = target.identifier;
  if (asked !== undefined) {
    const why = startRefusal(s, asked);
    if (why !== undefined) throw new UsageError(`cannot start ${name} with ${asked}: ${why}`, 1);
    return asked;
  }
  const fits = startTypesFor(s);
  if (fits.length === 0) throw new UsageError(`cannot start ${name}: ${startRefusal(s, 'start-replication') ?? `it is ${s.status}`}`, 1);
  const [only] = fits;
  if (only === 'start-replication') return only;
  const options = fits.map((t) => `--type ${t} (${TYPE_WORDS[t]})`).join(' or ');
  throw new UsageError(`${name} has run before (it is ${s.status}): pass ${options}`, 2);
}

export function registerStart<F extends StartFlags>(program: Command, io: CliIo, setExitCode: (code: number) => void, hooks: StartHooks<F> = {}): Command {
  const command = program
    .command('start')
    .description('Start a replication: one StartReplication call, the new status printed')
    .argument('<replication>', "ReplicationConfigArn, its resource id (the ARN's last part), or ReplicationConfigIdentifier")
    .addOption(
      new Option('--type <type>', 'StartReplicationType; default start-replication for a replication that never ran, else required').choices(START_TYPES),
    );
  (hooks.addOptions?.(command) ?? command)
    .addHelpText(
      'after',
      `
Start types (DMS StartReplication):
  start-replication  the first run (the only type a replication that never ran accepts)
  resume-processing  after a stop or failure: continue from the last stop position (not for full-load)
  reload-target      after a stop or failure: load every table again, then continue
${AWS_EXIT_HELP}
${AWS_OPTIONS_HELP}

Examples:
  dms-live start $DMS_REPLICATION_ID
  dms-live start my-replication --type resume-processing`,
    )
    .action(async (replication: string, flags: F, cmd: Command) => {
      const code = await runAction(
        cmd,
        io,
        replication,
        (target) => {
          const type = chooseStartType(target, flags.type);
          return (actions) => actions.start(type);
        },
        hooks.afterStart === undefined || hooks.followsUp?.(flags) === false
          ? undefined
          : (done) => hooks.afterStart?.(done, flags, cmd, io) ?? Promise.resolve(0),
      );
      setExitCode(code);
    });
  return command;
}
