import { closeSync, openSync, readSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseDocument } from 'yaml';
import { BUILT_IN_SCENARIO_NAMES, builtInScenario } from './builtins.js';
import { ScenarioError } from './field-reader.js';
import { MAX_SCENARIO_FILE_BYTES } from './ranges.js';
import { readScenario } from './read-scenario.js';
import type { ScenarioSpec } from './spec.js';

/**
 * A scenario by built-in name, by file (JSON or YAML), or given as data.
 * Every problem is a `ScenarioError` with a one-line message naming the file
 * and the field.
 */
export function loadScenario(ref: string | ScenarioSpec | undefined): ScenarioSpec {
  if (ref === undefined) return readScenario(builtInScenario('happy-path'));
  if (typeof ref !== 'string') return readScenario(ref);
  const builtIn = builtInScenario(ref);
  if (builtIn !== undefined) return readScenario(builtIn);
  let text: string;
  try {
    text = readCapped(ref, MAX_SCENARIO_FILE_BYTES);
  } catch (err) {
    if (err instanceof ScenarioError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ScenarioError(`unknown scenario "${ref}": not a built-in (${BUILT_IN_SCENARIO_NAMES.join(', ')}) and no such file`);
    }
    throw new ScenarioError(`cannot read scenario file ${ref}: ${code ?? String(err)}`);
  }
  const data = parseScenarioText(text, ref);
  try {
    return readScenario(data);
  } catch (err) {
    if (err instanceof ScenarioError) throw new ScenarioError(`${basename(ref)}: ${err.message}`);
    throw err;
  }
}

/**
 * Reads at most `max` bytes (a FIFO or /dev/zero never ends): a scenario is a
 * few kilobytes, and YAML parsing time and memory grow with the input.
 */
function readCapped(path: string, max: number): string {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > max) throw new ScenarioError(`${basename(path)}: a scenario file may hold at most ${max / 1024 / 1024} MB`);
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** JSON for `.json`, YAML otherwise (YAML also reads JSON). */
export function parseScenarioText(text: string, origin: string): unknown {
  const name = basename(origin);
  if (extname(origin).toLowerCase() === '.json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new ScenarioError(`${name}: not valid JSON: ${firstLine(err)}`);
    }
  }
  // parseDocument collects problems instead of throwing or printing them: a warning (an unknown
  // `!tag`, say) would otherwise reach stderr as a Node process warning in the middle of the output.
  const doc = parseDocument(text, { logLevel: 'silent' });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem !== undefined) throw new ScenarioError(`${name}: not valid YAML: ${firstLine(problem)}`);
  try {
    return doc.toJS() as unknown;
  } catch (err) {
    throw new ScenarioError(`${name}: not valid YAML: ${firstLine(err)}`);
  }
}

function firstLine(err: unknown): string {
  // YAML messages end their first line with `:` before a code excerpt that is left out here.
  return ((err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '').replace(/:\s*$/, '');
}
