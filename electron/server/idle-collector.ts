/**
 * Young-generation garbage collection in the server's idle moments, so that requests rarely pay
 * for it.
 *
 * V8 collects its young generation (a "scavenge") when that space is full, on whatever request
 * happens to allocate the last byte; in the hall server a scavenge stops the thread for 2–4 ms,
 * once every 100–200 issues, which is the slowest percent of the issue latency
 * (docs/performance.md). A browser runs such collections in its idle time; Node has no idle-time
 * scheduler, so this does it: when no request has ended for `idleMs` and the young generation
 * holds at least `minUsedBytes`, it asks V8 for a minor collection. A hall's traffic comes in
 * bursts with idle moments between them, so most scavenges move out of the requests; under
 * continuous load (no idle moment) nothing changes.
 *
 * Needs V8's gc() (node --expose-gc, as `npm run hall` starts the server); without it the
 * collector is off and says so once.
 */
import { getHeapSpaceStatistics } from 'node:v8';

export interface IdleCollectorOptions {
  /** How long without a finished request counts as idle (ms). */
  readonly idleMs: number;
  /** Below this many bytes in the young generation a collection is not worth it. */
  readonly minUsedBytes: number;
}

export const IDLE_COLLECTOR_DEFAULTS: IdleCollectorOptions = { idleMs: 20, minUsedBytes: 1024 * 1024 };

type MinorGc = (options: { type: 'minor'; execution: 'sync' }) => void;

export interface IdleCollector {
  /** Whether V8's gc() was available, so collections run. */
  readonly active: boolean;
  /** Collections run so far. */
  readonly collections: number;
  /** A request ended: the idle moment starts again from now. */
  touch(): void;
  stop(): void;
}

/** Bytes in use in V8's young generation ("new_space"). */
export function youngGenerationUsed(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? 0;
}

export function startIdleCollector(
  options: Partial<IdleCollectorOptions> = {},
  gc: MinorGc | undefined = (globalThis as { gc?: MinorGc }).gc,
  used: () => number = youngGenerationUsed,
): IdleCollector {
  const { idleMs, minUsedBytes } = { ...IDLE_COLLECTOR_DEFAULTS, ...options };
  let collections = 0;
  if (gc === undefined) {
    return { active: false, collections: 0, touch: () => {}, stop: () => {} };
  }
  const timer = setTimeout(() => {
    if (used() < minUsedBytes) return;
    gc({ type: 'minor', execution: 'sync' });
    collections += 1;
  }, idleMs);
  timer.unref();
  return {
    active: true,
    get collections() {
      return collections;
    },
    touch: () => {
      timer.refresh();
    },
    stop: () => clearTimeout(timer),
  };
}
