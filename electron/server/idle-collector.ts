/**
 * Young-generation garbage collection as an idle job (idle-work.ts).
 *
 * V8 collects its young generation (a "scavenge") when that space is full, on whatever request
 * happens to allocate the last byte; in the hall server a scavenge stops the thread for 2–4 ms,
 * once every 100–200 issues. Run in an idle moment instead, when the young generation holds at
 * least `minUsedBytes`, it leaves the requests that follow an empty young generation.
 *
 * Needs V8's gc() (node --expose-gc, as `npm run hall` starts the server); without it there is no
 * job, and the caller says so once.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import type { IdleJob } from './idle-work.ts';

/** Below this many bytes in the young generation a collection is not worth it. */
export const MIN_YOUNG_BYTES = 1024 * 1024;

type MinorGc = (options: { type: 'minor'; execution: 'sync' }) => void;

/** Bytes in use in V8's young generation ("new_space"). */
export function youngGenerationUsed(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? 0;
}

/** The idle job, or null when V8's gc() is not exposed. */
export function youngGenerationCollection(
  minUsedBytes = MIN_YOUNG_BYTES,
  gc: MinorGc | undefined = (globalThis as { gc?: MinorGc }).gc,
  used: () => number = youngGenerationUsed,
): IdleJob | null {
  if (gc === undefined) return null;
  return {
    name: 'young-generation collection',
    run: () => {
      if (used() >= minUsedBytes) gc({ type: 'minor', execution: 'sync' });
    },
  };
}
