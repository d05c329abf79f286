/**
 * The heap of a long-running command (the dashboard, `watch`): kept close
 * to what is live, so memory levels off once the event store is full.
 *
 * A full store evicts its oldest event for every new one; the evicted
 * events have lived long enough to be in V8's old generation, so a flood
 * turns into old-generation garbage at the rate it arrives. By default V8
 * lets the old generation grow to up to four times what survived the last
 * full collection before it collects again (its heap-growing factor, higher
 * the faster the program allocates): with ~100 MB live that meant an RSS of
 * 320-410 MB at 1,000,000 events (`npm run bench -- --only memory`).
 * `--heap-growing-percent` fixes the factor; V8 reads it at every full
 * collection, so setting it once the process runs takes effect. At 30% the
 * same run stays at 195-210 MB (peak 225 MB) for about 6 microseconds of
 * extra collection per event (about 0.3% of a core at Live Tail's 500
 * events a second, once the store is full). Short commands (replay, list)
 * keep V8's default, which favours throughput.
 */
import { setFlagsFromString } from 'node:v8';

/** V8's old generation may grow this much past what the last full collection kept. */
export const HEAP_GROWING_PERCENT = 30;

let applied = false;

/** Keeps this process's heap near its live size from now on (idempotent). */
export function keepHeapNearLive(): void {
  if (applied) return;
  applied = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
