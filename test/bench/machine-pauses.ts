/**
 * How much of a short burst of CPU work the machine itself takes away, measured beside the hall
 * benchmark's figures. On a virtual machine the host may stop a virtual CPU for a while even when
 * the guest has work; a request after an idle gap is such a burst, and the pauses it meets are in
 * its latency whatever the server does.
 *
 * One round: sleep `sleepMs` (a timer, as a server waits for its next request), then spin for
 * `spinMs` reading the clock; every step between two readings longer than PAUSE_MS is a pause
 * (a loop step takes well under a microsecond). The rounds run in this process, before the
 * servers start, so nothing else of the benchmark runs meanwhile.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/** A clock step at least this long (ms) counts as a pause. */
const PAUSE_MS = 0.03;

export interface PauseRounds {
  readonly sleepMs: number;
  readonly spinMs: number;
  readonly rounds: number;
  /** Per round, the time lost to pauses (ms). */
  readonly lostMs: readonly number[];
  /** The longest single pause seen in any round (ms). */
  readonly longestMs: number;
}

export async function measurePauses(sleepMs: number, spinMs = 6, rounds = 30): Promise<PauseRounds> {
  const lostMs: number[] = [];
  let longestMs = 0;
  for (let round = 0; round < rounds; round++) {
    await sleep(sleepMs);
    const start = performance.now();
    let last = start;
    let lost = 0;
    for (;;) {
      const now = performance.now();
      const step = now - last;
      if (step >= PAUSE_MS) {
        lost += step;
        longestMs = Math.max(longestMs, step);
      }
      last = now;
      if (now - start >= spinMs) break;
    }
    lostMs.push(lost);
  }
  return { sleepMs, spinMs, rounds, lostMs, longestMs };
}
