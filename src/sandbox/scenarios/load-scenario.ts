import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BUILT_IN_SCENARIO_NAMES, builtInScenario } from './builtins.js';
import { ScenarioError } from './field-reader.js';
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
    text = readFileSync(ref, 'utf8');
  } catch (err) {
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
  try {
    return parseYaml(text) as unknown;
  } catch (err) {
    throw new ScenarioError(`${name}: not valid YAML: ${firstLine(err)}`);
  }
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
