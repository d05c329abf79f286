// What the OS accounts for a process, read from /proc while it runs:
// CPU (utime + stime, from the process's start, start-up included), its age,
// and its peak resident set (VmHWM). Linux only, as the suite is.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticks;
/** Clock ticks per second of /proc/<pid>/stat (usually 100). */
export function clockTicks() {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

/** Seconds since boot, the clock /proc/<pid>/stat's start time counts on. */
function uptime() {
  return Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
}

/**
 * { cpuSeconds, ageSeconds } of a running process: user + system time so
 * far, and how long ago it started. Undefined when it is gone.
 */
export function cpuSample(pid) {
  let stat;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: fields count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const hz = clockTicks();
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const start = Number(fields[19]);
  return { cpuSeconds: (utime + stime) / hz, ageSeconds: uptime() - start / hz };
}

/** Peak resident set (VmHWM) in MB; undefined when the process is gone. */
export function peakRssMb(pid) {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? undefined : Number(match[1]) / 1024;
  } catch {
    return undefined;
  }
}

/** Resident set now (VmRSS) in MB. */
export function rssMb(pid) {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? undefined : Number(match[1]) / 1024;
  } catch {
    return undefined;
  }
}

/** CPU as % of one core between two samples of one process. */
export function cpuPctBetween(a, b) {
  const wall = b.ageSeconds - a.ageSeconds;
  return wall > 0 ? (100 * (b.cpuSeconds - a.cpuSeconds)) / wall : undefined;
}

/** CPU as % of one core from the process's start to this sample. */
export function cpuPctSinceStart(sample) {
  return sample.ageSeconds > 0 ? (100 * sample.cpuSeconds) / sample.ageSeconds : undefined;
}

/** Load average over the last minute and the cores: how busy the machine was. */
export function machineLoad() {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
}
