/**
 * Monthly partitions of `events`, created when the first event of a month arrives. Months are
 * those of Asia/Ho_Chi_Minh (UTC+7, no daylight saving), the halls' business months, so one
 * month's report reads one partition. Creation is idempotent and serialised by an advisory lock,
 * outside the ingest transaction (DDL would otherwise hold a lock on `events` until it commits).
 */
import type { Pool } from './database.ts';

const ICT_OFFSET_MS = 7 * 3_600_000;
const PARTITION_LOCK = 7_470_767;

/** [start, end) epoch ms of the ICT month containing `at`, and the partition's name. */
export function monthPartition(at: number): { name: string; from: number; to: number } {
  const local = new Date(at + ICT_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  return {
    name: `events_${y}_${String(m + 1).padStart(2, '0')}`,
    from: Date.UTC(y, m, 1) - ICT_OFFSET_MS,
    to: Date.UTC(y, m + 1, 1) - ICT_OFFSET_MS,
  };
}

export class Partitions {
  readonly #known = new Set<string>();
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  /** Makes sure every month of `times` has its partition. */
  async ensureFor(times: Iterable<number>): Promise<void> {
    const missing = new Map<string, ReturnType<typeof monthPartition>>();
    for (const at of times) {
      const p = monthPartition(at);
      if (!this.#known.has(p.name)) missing.set(p.name, p);
    }
    if (missing.size === 0) return;
    const client = await this.#pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [PARTITION_LOCK]);
      for (const p of missing.values()) {
        await client.query(`CREATE TABLE IF NOT EXISTS ${p.name} PARTITION OF events FOR VALUES FROM (${p.from}) TO (${p.to})`);
        this.#known.add(p.name);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PARTITION_LOCK]).catch(() => undefined);
      client.release();
    }
  }
}
