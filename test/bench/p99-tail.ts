/**
 * What lifts a p99 in the anchor's alternating blocks (hall.bench.ts). In blocks of 100 the p99
 * (nearest rank) is the (n/100 + 1)-th slowest of n samples, and n/100 of them are the first of a
 * block, after the idle gap. Were those the slowest, the p99 would be the slowest sample inside a
 * block; every sample inside a block slower than the p99 lifts it one place among the first-of-
 * block samples instead. This counts those samples and, for the hall's issues, says where each
 * spent most of its time.
 */

/** One side's samples in the order they were taken: sample i is the first of its block when i % block === 0. */
export interface BlockSamples {
  /** The client's round trip of each sample (ms). */
  readonly clientMs: readonly number[];
  /** The server's own time of each (Server-Timing `app`), NaN when the answer did not say. */
  readonly serverMs?: readonly number[];
  /** Of the server's time, the wait for the WAL's sync (Server-Timing `durable`). */
  readonly syncMs?: readonly number[];
}

/** Where the samples that lift the p99 spent most of their time (those with a server time). */
export interface TailWhere {
  /** At least half the round trip outside the server (the machine, the client). */
  readonly outsideServer: number;
  /** Inside the server, at least half of it waiting for the sync (the disk). */
  readonly sync: number;
  /** Inside the server, most of it before the sync (the handling). */
  readonly handling: number;
}

export interface TailInBlocks {
  /** The p99 (nearest rank) of all the samples. */
  readonly p99Ms: number;
  /** Samples inside a block (not the first after a gap) slower than the p99. */
  readonly count: number;
  /** Null without server times (the reference, whose answers do not say). */
  readonly where: TailWhere | null;
}

/** Nearest-rank percentile of an ascending array. */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? Number.NaN;
}

export function tailInBlocks(samples: BlockSamples, block: number): TailInBlocks {
  const { clientMs, serverMs, syncMs } = samples;
  const p99Ms = nearestRank(
    [...clientMs].sort((a, b) => a - b),
    99,
  );
  let count = 0;
  let outsideServer = 0;
  let sync = 0;
  let handling = 0;
  clientMs.forEach((ms, i) => {
    if (i % block === 0 || !(ms > p99Ms)) return;
    count += 1;
    const server = serverMs?.[i];
    if (server === undefined || Number.isNaN(server)) return;
    if (!(server >= ms / 2)) outsideServer += 1;
    else if ((syncMs?.[i] ?? 0) >= server / 2) sync += 1;
    else handling += 1;
  });
  return { p99Ms, count, where: serverMs === undefined ? null : { outsideServer, sync, handling } };
}
