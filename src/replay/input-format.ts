/** The shapes `replay` reads; see README "Replay". */
export type InputFormat = 'aws-json' | 'ndjson' | 'text';

/**
 * Tells the format from the start of the input (at least its first line, or
 * the first 64 KB): a JSON document or array of events as the AWS CLI
 * prints them, NDJSON with one event per line, or plain text.
 */
export function detectInputFormat(head: string): InputFormat {
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[')) return 'aws-json';
  if (!start.startsWith('{')) return 'text';
  const newline = start.indexOf('\n');
  const firstLine = (newline < 0 ? start : start.slice(0, newline)).trim();
  if (firstLine === '{') return 'aws-json';
  if (/^\{\s*"events"\s*:/.test(start)) return 'aws-json';
  if (newline < 0) return /^\{\s*"/.test(start) ? 'ndjson' : 'text';
  // A line that opens with a brace may still be text: an orchestrator report
  // (`{'replication_state': ...}`) is Python, not JSON.
  try {
    const value: unknown = JSON.parse(firstLine);
    return typeof value === 'object' && value !== null ? 'ndjson' : 'text';
  } catch {
    return 'text';
  }
}
