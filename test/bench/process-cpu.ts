/**
 * CPU seconds and memory of processes from /proc (Linux), for benchmarks that run a server in its
 * own process: the hub process itself, and a PostgreSQL cluster's backends (the postmaster and its
 * children, found from the cluster's postmaster.pid).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const TICKS_PER_S = 100; // USER_HZ on Linux

/** [ppid, user+system CPU seconds] of a process, or null when it is gone. */
function statOf(pid: number): [number, number] | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return [Number(fields[1]), (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S];
  } catch {
    return null;
  }
}

export function cpuSecondsOf(pid: number): number {
  return statOf(pid)?.[1] ?? 0;
}

/**
 * CPU seconds of a PostgreSQL cluster: the postmaster and its live children. A backend that exits
 * takes its seconds with it, so compare readings taken while the same connections stay open.
 */
export function clusterCpuSeconds(dataDir: string): number {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const stat = statOf(pid);
    if (stat && (pid === postmaster || stat[0] === postmaster)) total += stat[1];
  }
  return total;
}

/** Resident set size of a process, MB (one decimal). */
export function rssMbOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Math.round((Number(m?.[1] ?? 0) / 1024) * 10) / 10;
}
