// How much a running process costs: CPU as % of one core from its start
// (start-up included) and after its first STEADY_AFTER_S seconds, and its
// peak RSS, read from /proc until it is `seconds` old.
import { cpuPctBetween, cpuPctSinceStart, cpuSample, peakRssMb } from './procfs.mjs';
import { sleep } from './children.mjs';

/** Start-up is over by then: the steady-state figures start here. */
export const STEADY_AFTER_S = 5;

/**
 * Waits until process `pid` is `seconds` old (its age from /proc), then
 * returns { cpuPct, steadyCpuPct, rssMb, seconds }. Fails when it ends first.
 */
export async function measureRunning(pid, seconds, what) {
  let early;
  for (;;) {
    const s = cpuSample(pid);
    if (s === undefined) throw new Error(`${what} ended after less than ${seconds} s`);
    if (early === undefined && s.ageSeconds >= STEADY_AFTER_S) early = s;
    if (s.ageSeconds >= seconds) {
      return {
        cpuPct: cpuPctSinceStart(s),
        steadyCpuPct: early === undefined || s.ageSeconds - early.ageSeconds < 1 ? undefined : cpuPctBetween(early, s),
        rssMb: peakRssMb(pid),
        seconds: s.ageSeconds,
      };
    }
    await sleep(Math.min(200, Math.max(10, (seconds - s.ageSeconds) * 1000)));
  }
}
