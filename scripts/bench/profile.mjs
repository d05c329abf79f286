// Where `dms-live --help` spends its time: a V8 CPU profile (node
// --cpu-prof) of the built bin, its samples mapped back to the project's
// sources and packages through the bundle's source map, so a module set up
// for nothing shows under its own name.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** For each generated line, its segments as [column, sourceIndex] (source map v3 VLQ). */
function decodeMappings(mappings) {
  const lines = [];
  // Only the source index is kept; the other fields are decoded to move past them.
  let source = 0;
  for (const lineText of mappings.split(';')) {
    const segments = [];
    let col = 0;
    for (const seg of lineText.split(',')) {
      if (seg === '') continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          values.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      col += values[0];
      if (values.length >= 4) {
        source += values[1];
        segments.push([col, source]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

/** A source path as a reader wants it: a package's name, or the project file. */
function ownerOf(source) {
  const at = source.lastIndexOf('node_modules/');
  if (at >= 0) {
    const rest = source.slice(at + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  return source.replace(/^(\.\.\/)+/, '');
}

/**
 * Profiles `node <bin> <args>` to its exit and returns summarizeProfile().
 */
export function profileBin(bin, args, env = process.env) {
  const dir = mkdtempSync(join(tmpdir(), 'dms-live-bench-prof-'));
  try {
    const run = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir, bin, ...args], { env, stdio: 'ignore' });
    if (run.status !== 0) return undefined;
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    return file === undefined ? undefined : summarizeProfile(join(dir, file), bin);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A .cpuprofile of the built bin `bin` as { totalMs, rows: [{ owner, ms }] }:
 * the time of each sample charged to the package or project file its code
 * comes from (through the source map of the bin or chunk it ran in),
 * largest first.
 */
export function summarizeProfile(profileFile, bin) {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8'));
  // The bin and the chunks it loads (scripts/build.mjs splits them), each with its own map.
  const distUrl = pathToFileURL(dirname(resolve(bin))).href;
  const maps = new Map();
  const mapOf = (url) => {
    if (!maps.has(url)) {
      try {
        const map = JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8'));
        maps.set(url, { sources: map.sources, lines: decodeMappings(map.mappings) });
      } catch {
        maps.set(url, undefined);
      }
    }
    return maps.get(url);
  };
  const sourceAt = (url, line, col) => {
    const map = mapOf(url);
    const segs = map?.lines[line] ?? [];
    let found;
    for (const seg of segs) if (seg[0] <= col || found === undefined) found = seg;
    return found === undefined ? undefined : ownerOf(map.sources[found[1]]);
  };
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Each node's owner: the source of its hottest line, or of its start.
  // Lines of esbuild's module helpers (__init, __require) map to no
  // source: a module's set-up (its lazy compilation) is charged to the
  // module that asked for it, the nearest caller that maps to a source.
  const ownerCache = new Map();
  const ownerOfNode = (id) => {
    if (ownerCache.has(id)) return ownerCache.get(id);
    const node = nodes.get(id);
    const { url, functionName, lineNumber, columnNumber } = node.callFrame;
    let owner;
    if (url.startsWith(distUrl)) {
      const hottest = [...(node.positionTicks ?? [])].sort((a, b) => b.ticks - a.ticks)[0];
      owner = hottest === undefined ? sourceAt(url, lineNumber, columnNumber) : sourceAt(url, hottest.line - 1, 0);
      if (owner === undefined) owner = parent.has(id) ? ownerOfNode(parent.get(id)) : '(bundle)';
    } else if (url.startsWith('node:internal/modules/')) {
      // Mostly parsing and compiling the bundle: it grows with what the bundle holds.
      owner = 'node: loading and compiling the bundle';
    } else if (url.startsWith('node:')) {
      owner = 'node: bootstrap and built-ins';
    } else {
      owner = url === '' ? functionName : url;
    }
    ownerCache.set(id, owner);
    return owner;
  };
  // Each sample weighs the usual interval between samples, not the gap after
  // it: on a busy machine the process waits for a core now and then, and
  // that wait must not count as time spent in whatever ran last.
  const deltas = [...profile.timeDeltas].sort((a, b) => a - b);
  const msPerSample = (deltas[Math.floor(deltas.length / 2)] ?? 0) / 1000;
  const byOwner = new Map();
  for (const id of profile.samples) {
    const owner = ownerOfNode(id);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + msPerSample);
  }
  const rows = [...byOwner].map(([owner, ms]) => ({ owner, ms })).sort((a, b) => b.ms - a.ms);
  return { totalMs: (profile.endTime - profile.startTime) / 1000, rows };
}
