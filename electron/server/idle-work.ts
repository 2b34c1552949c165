/**
 * Housekeeping for the server's idle moments, so that requests rarely pay for it.
 *
 * A hall's traffic comes in bursts with idle moments between them. Some work must happen now and
 * then but need not happen inside a request: the projection rows (HallService.flushWhenIdle), the
 * WAL checkpoint (store/idle-checkpoints.ts) and V8's young-generation collection
 * (idle-collector.ts). Each would otherwise land, 0.5–4 ms at a time,
 * on whichever request happens to cross its threshold, which is the slowest percent of the issue
 * latency (docs/performance.md). Node has no idle-time scheduler (a browser has one), so this is
 * it: when no request has ended for `idleMs`, every job runs once, in order; the next idle moment
 * starts after the next request. Under continuous load nothing runs here, and each job's own
 * threshold still applies (V8's full young generation, SQLite's automatic checkpoint).
 */
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

export const IDLE_MS = 20;

export function startIdleWork(jobs: readonly IdleJob[], onError: (error: unknown, job: string) => void, idleMs = IDLE_MS): IdleWork {
  let runs = 0;
  const timer = setTimeout(() => {
    runs += 1;
    for (const job of jobs) {
      try {
        job.run();
      } catch (error) {
        onError(error, job.name);
      }
    }
  }, idleMs);
  timer.unref();
  return {
    touch: () => {
      timer.refresh();
    },
    get runs() {
      return runs;
    },
    stop: () => clearTimeout(timer),
  };
}
