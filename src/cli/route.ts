/**
 * `dms-live <replication>` is `dms-live watch <replication>`, as k9s opens
 * on a resource named on its command line. The first word that is neither
 * an option nor an option's value names a command or, when it is none, a
 * replication; a word one or two typos from a command name is taken for a
 * mistyped command, not a replication (`dms-live lsit`).
 */
import { editDistance } from '../discovery/close-names.js';

export type Route =
  | { readonly kind: 'as-is'; readonly argv: readonly string[] }
  | { readonly kind: 'watch'; readonly argv: readonly string[] }
  | { readonly kind: 'typo'; readonly word: string; readonly command: string };

/**
 * Options that take a separate value (`--region eu-west-1`), whose value is
 * not the command word: the global AWS options and the watch options.
 */
const VALUE_OPTIONS = new Set(['--profile', '--region', '--endpoint-url', '--log-group', '--rds-log-group', '--poll', '--since', '--until', '--timeout', '--tail-idle']);

export function routeArgv(argv: readonly string[], commands: readonly string[]): Route {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (word === '--') return { kind: 'as-is', argv };
    if (word.startsWith('-')) {
      if (VALUE_OPTIONS.has(word)) i += 1;
      continue;
    }
    if (commands.includes(word)) return { kind: 'as-is', argv };
    const near = word.length < 3 ? undefined : commands.find((c) => editDistance(word.toLowerCase(), c) <= 2);
    if (near !== undefined && !word.startsWith('arn:')) return { kind: 'typo', word, command: near };
    return { kind: 'watch', argv: [...argv.slice(0, i), 'watch', ...argv.slice(i)] };
  }
  return { kind: 'as-is', argv };
}
