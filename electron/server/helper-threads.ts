/**
 * Keeps the request thread of the hall server ahead of the process's helper threads.
 *
 * Every command runs on the main thread (better-sqlite3 is synchronous), so a kiosk waits for it.
 * The process also has helper threads: V8's workers (concurrent garbage collection, optimising
 * compilation) and libuv's pool. On a small machine the kernel may queue the main thread behind
 * one of them when it wakes after the durable commit's fsync, for a whole time slice (1–5 ms
 * measured with `perf sched` on a 2-core VM, with the other core idle; docs/performance.md).
 * Linux keeps a nice value per thread, so the helpers are given the lowest priority: when the
 * main thread wakes, it runs at once, and the helpers use the time it leaves. Lowering a
 * priority needs no privilege.
 *
 * Threads started later (libuv starts its pool on first use) inherit the main thread's priority,
 * so the sweep repeats on a timer. Off Linux (no /proc/self/task) it does nothing.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';

/** The lowest priority on Linux: such a thread only gets the CPU the others leave. */
export const HELPER_NICE = 19;
const SWEEP_EVERY_MS = 60_000;

/**
 * Gives every thread of this process except the main one the lowest priority. Returns how many
 * threads were changed now (threads that ended meanwhile are skipped).
 */
export function lowerHelperThreads(taskDir = '/proc/self/task', mainTid = process.pid): number {
  let tids: string[];
  try {
    tids = readdirSync(taskDir);
  } catch {
    return 0; // not Linux: nothing to do
  }
  let changed = 0;
  for (const name of tids) {
    const tid = Number(name);
    if (!Number.isInteger(tid) || tid === mainTid) continue;
    try {
      if (os.getPriority(tid) === HELPER_NICE) continue;
      os.setPriority(tid, HELPER_NICE);
      changed += 1;
    } catch {
      // the thread ended between the listing and the call
    }
  }
  return changed;
}

/** Lowers the helpers now and then again every minute; the timer never keeps the process alive. */
export function keepHelperThreadsLow(): { stop(): void } {
  lowerHelperThreads();
  const timer = setInterval(() => lowerHelperThreads(), SWEEP_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
