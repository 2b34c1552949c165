/**
 * How priority was claimed per business day (core/priority.ts): tickets, and among them the
 * priorities verified from a chip, declared by the citizen, then confirmed or cleared by the
 * officer. The dashboard shows the declared share so that misuse is visible.
 */
import type { PriorityDay } from '../common/wire.ts';
import type { HallDatabase } from './open-database.ts';

export class PriorityQueries {
  readonly #byDay;
  readonly #flush: () => void;

  /** `flush` writes pending projection rows first (queue-store.ts), so today counts what was just issued. */
  constructor(db: HallDatabase, flush: () => void) {
    this.#flush = flush;
    this.#byDay = db.prepare<[string, string], PriorityDay>(`
      SELECT business_date AS businessDate, COUNT(*) AS tickets,
             SUM(priority_basis = 'verified') AS verified,
             SUM(priority_basis IN ('declared', 'confirmed', 'cleared')) AS declared,
             SUM(priority_basis = 'confirmed') AS confirmed,
             SUM(priority_basis = 'cleared') AS cleared
        FROM tickets WHERE business_date BETWEEN ? AND ?
       GROUP BY business_date ORDER BY business_date`);
  }

  byDay(from: string, to: string): PriorityDay[] {
    this.#flush();
    return this.#byDay.all(from, to);
  }
}
