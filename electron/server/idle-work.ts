/**
 * Housekeeping for the server's idle moments, so that requests rarely pay for it.
 *
 * A hall's traffic comes in bursts with idle moments between them. Some work must happen now and
 * then but need not happen inside a request: the projection rows (HallService.flushWhenIdle), the
 * WAL checkpoint (store/idle-checkpoints.ts) and V8's young-generation collection
 * (idle-collector.ts). Each would otherwise land, 0.5–4 ms at a time, on whichever request
 * happens to cross its threshold, which is the slowest percent of the issue latency
 * (docs/performance.md). Node has no idle-time scheduler (a browser has one), so this is
 * it: when no request has ended for `idleMs`, every job runs once, in order; the next idle moment
 * starts after the next request. Under continuous load nothing runs here, and each job's own
 * threshold still applies (V8's full young generation, SQLite's automatic checkpoint).
 *
 * A request's end only notes the time (no timer is moved per request); the one pending timer, on
 * firing, either runs the jobs or waits out the rest of the quiet time. Timers and clock are
 * injected, so tests move time by hand.
 */
import { performance } from 'node:perf_hooks';
import { nodeTimers, type Timers } from './scheduled-jobs.ts';

export interface IdleJob {
  /** For the log, when the job throws. */
  readonly name: string;
  /** Quick when there is nothing to do; the job decides whether its work is due. */
  readonly run: () => void;
}

export interface IdleWork {
  /** A request ended: the idle moment starts again from now. */
  touch(): void;
  /** Idle moments in which the jobs ran. */
  readonly runs: number;
  stop(): void;
}

/** Where idle work gets its time: unref'd node timers and the monotonic clock, a fake clock in tests. */
export interface IdleClock {
  readonly timers: Timers;
  /** Milliseconds, monotonic. */
  readonly now: () => number;
}

export const IDLE_MS = 20;

const realClock: IdleClock = { timers: nodeTimers, now: () => performance.now() };

export function startIdleWork(
  jobs: readonly IdleJob[],
  onError: (error: unknown, job: string) => void,
  idleMs = IDLE_MS,
  clock: IdleClock = realClock,
): IdleWork {
  let runs = 0;
  let lastActivity = clock.now();
  let cancel: (() => void) | null = null;
  let stopped = false;
  const arm = (ms: number): void => {
    cancel = clock.timers(ms, fire);
  };
  function fire(): void {
    cancel = null;
    const quietFor = clock.now() - lastActivity;
    if (quietFor < idleMs) {
      arm(idleMs - quietFor);
      return;
    }
    runs += 1;
    for (const job of jobs) {
      try {
        job.run();
      } catch (error) {
        onError(error, job.name);
      }
    }
  }
  arm(idleMs);
  return {
    touch: () => {
      lastActivity = clock.now();
      if (cancel === null && !stopped) arm(idleMs);
    },
    get runs() {
      return runs;
    },
    stop: () => {
      stopped = true;
      cancel?.();
      cancel = null;
    },
  };
}
