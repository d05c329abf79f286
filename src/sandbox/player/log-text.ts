/**
 * The exact text of the three kinds of log lines the sandbox writes, as the
 * real services write them (see the real logs in test/fixtures/replay/ and
 * test/fixtures/postgres-rds-md5.log).
 */

/** `{'replication_state':'failed', 'message': '...', 'failure_message': '...'}`: Python-dict text, values never escaped (src/FACTS.md). */
export function orchestratorMessage(state: string, message: string, failureMessage?: string): string {
  const failure = failureMessage === undefined ? '' : `, 'failure_message': '${failureMessage}'`;
  return `{'replication_state':'${state}', 'message': '${message}'${failure}}`;
}

/** `%t` of RDS's `log_line_prefix = '%t:%r:%u@%d:[%p]:'`: `2024-08-03 14:44:05 UTC`. */
export function postgresTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export interface PostgresPrefix {
  readonly host?: string;
  readonly port?: number;
  /** Before authentication, `[unknown]`. */
  readonly user?: string;
  readonly database?: string;
  readonly pid: number;
}

/**
 * One PostgreSQL log entry with the RDS prefix. Background processes have an
 * empty `%r` and `@` (src/FACTS.md); `continuation` lines follow with a tab.
 */
export function postgresEntry(ms: number, prefix: PostgresPrefix, level: string, text: string, continuation: readonly string[] = []): string {
  const remote = prefix.host === undefined ? '' : `${prefix.host}(${prefix.port ?? 0})`;
  const who = prefix.host === undefined && prefix.user === undefined ? '@' : `${prefix.user ?? '[unknown]'}@${prefix.database ?? '[unknown]'}`;
  const head = `${postgresTime(ms)}:${remote}:${who}:[${prefix.pid}]:${level}:  ${text}`;
  return [head, ...continuation.map((line) => `\t${line}`)].join('\n');
}

/** `2024-05-01T07:16:45 [SOURCE_UNLOAD   ]I:  text  (file.c:123)`: DMS pads the component to 16 characters. */
export function taskLine(ms: number, component: string, level: string, text: string, source?: string): string {
  const time = new Date(ms).toISOString().slice(0, 19);
  const where = source === undefined ? '' : `  (${source})`;
  return `${time} [${component.padEnd(16)}]${level}:  ${text}${where}`;
}

/** Fills `${name}` placeholders; unknown names stay as written. */
export function fillTemplate(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** `0:00:00.019`, PostgreSQL's session time format. */
export function sessionTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  const frac = total % 1000;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(frac).padStart(3, '0')}`;
}
