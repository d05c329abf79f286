// 5. Memory over time: runs memory-child.mjs (bundled) and collects its RSS
// after each 100,000 events.
import { spawn } from 'node:child_process';
import { bundle } from './bundle.mjs';
import { exited, track } from './children.mjs';

let childBundle;

/** One run: { rssMbAfter: [[events, MB], ...] (every 100,000, or a tenth of a smaller total), peakMb, heldAtEnd }. */
export async function memoryRun(total, every = Math.min(100_000, Math.floor(total / 10)), batch = Math.min(5_000, every)) {
  childBundle ??= await bundle('scripts/bench/memory-child.mjs', 'memory');
  const child = track(spawn(process.execPath, [childBundle, String(total), String(every), String(batch)], { stdio: ['ignore', 'pipe', 'pipe'] }));
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s) => {
    out += s;
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s) => {
    err += s;
  });
  const end = await exited(child, 600_000);
  if (end?.code !== 0) throw new Error(`the memory run failed (${end === undefined ? 'timed out' : `exit ${end.code}`}): ${err.trim()}`);
  const lines = out.trim().split('\n').map((l) => JSON.parse(l));
  const points = lines.filter((l) => l.events !== undefined);
  return {
    rssMbAfter: points.map((p) => [p.events, p.rssMb]),
    /** Whether the store was full (at its cap) at each point. */
    fullAfter: points.map((p, i) => i > 0 && p.held === points[i - 1].held),
    heapMbAfter: points.map((p) => [p.events, p.heapMb]),
    heldAtEnd: points.at(-1)?.held,
    peakMb: lines.find((l) => l.peakMb !== undefined)?.peakMb,
  };
}
