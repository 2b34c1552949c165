/**
 * Reads for the KPIs: the facts of every ticket of a range of business days, as the pure KPI
 * arithmetic in core/kpi.ts takes them. Statements are prepared once per instance.
 */
import type { TicketFacts } from '../core/kpi.ts';
import type { HallDatabase } from './open-database.ts';

interface FactsRow {
  id: string;
  business_date: string;
  issued_at: number;
  slot_start: number | null;
  priority: string;
  service_id: string;
  procedure_id: string | null;
  counter_id: string | null;
  officer_id: string | null;
  status: string;
  first_called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  outcome: string | null;
  rating: string | null;
}

function rowToFacts(r: FactsRow): TicketFacts {
  return {
    ticketId: r.id,
    businessDate: r.business_date,
    issuedAt: r.issued_at,
    slotStart: r.slot_start,
    priority: r.priority as TicketFacts['priority'],
    serviceId: r.service_id,
    procedureId: r.procedure_id,
    counterId: r.counter_id,
    officerId: r.officer_id,
    status: r.status as TicketFacts['status'],
    firstCalledAt: r.first_called_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    outcome: r.outcome as TicketFacts['outcome'],
    rating: r.rating as TicketFacts['rating'],
  };
}

export class KpiQueries {
  readonly #factsBetween;

  constructor(db: HallDatabase) {
    this.#factsBetween = db.prepare(
      `SELECT id, business_date, issued_at, slot_start, priority, service_id, procedure_id, counter_id, officer_id,
              status, first_called_at, started_at, finished_at, outcome, rating
         FROM tickets
        WHERE business_date BETWEEN ? AND ?
        ORDER BY issued_at, id`,
    );
  }

  /** Every ticket whose business date is in [fromDate, toDate] (YYYY-MM-DD, both included). */
  ticketFacts(fromDate: string, toDate: string): TicketFacts[] {
    return (this.#factsBetween.all(fromDate, toDate) as FactsRow[]).map(rowToFacts);
  }
}
