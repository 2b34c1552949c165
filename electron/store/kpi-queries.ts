/**
 * Reads for the KPIs: the facts of every ticket of a range of business days, as the pure KPI
 * arithmetic in core/kpi.ts takes them. Statements are prepared once per instance.
 *
 * Ticket ids are UUIDv7 of the issue time (live tickets and imported history alike), so the
 * tickets of a range of days are one contiguous run of the primary key: the query scans that run
 * (a day of margin on each side covers every time zone) and filters on the business date, instead
 * of looking every row up through the (business_date, number) index — several times faster on a
 * month of a busy hall (docs/decisions.md).
 */
import type { WaitInterval } from '../core/day-timeline.ts';
import {
  ALL_KEY,
  NO_VALUE_KEY,
  kpiRow,
  kpiRowFromTotals,
  ticketFactsOfRow,
  type AttributeGroupBy,
  type KpiRow,
  type KpiTotals,
  type TicketFacts,
  type TicketFactsRow,
} from '../core/kpi.ts';
import type { KpiRollups } from './kpi-rollups.ts';
import type { HallDatabase } from './open-database.ts';

const DAY_MS = 86_400_000;

/** The first 13 characters of a UUIDv7 of instant `ms` ("0194a1b2-c3d4"): every id of that
 *  millisecond or later sorts at or after it, every earlier one before it. */
export function uuidv7Prefix(ms: number): string {
  const h = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}`;
}

/** The SQL expression of each attribute grouping's key (core/kpi.ts keys). */
const KEY_SQL: Readonly<Record<AttributeGroupBy, string>> = {
  none: `'${ALL_KEY}'`,
  service: 'service_id',
  counter: `COALESCE(counter_id, '${NO_VALUE_KEY}')`,
  officer: `COALESCE(officer_id, '${NO_VALUE_KEY}')`,
  procedure: `COALESCE(procedure_id, '${NO_VALUE_KEY}')`,
};

/** Wait and service time of each ticket of the range, exactly as core/kpi.ts waitMs/serviceMs. */
const FACTS_CTE = (key: string): string => `
  f AS (
    SELECT ${key} AS key, status, rating,
           CASE WHEN first_called_at IS NULL THEN NULL
                ELSE MAX(0, first_called_at - CASE WHEN slot_start IS NOT NULL AND issued_at < slot_start THEN slot_start ELSE issued_at END) END AS wait,
           CASE WHEN started_at IS NULL OR finished_at IS NULL THEN NULL ELSE MAX(0, finished_at - started_at) END AS svc
      FROM tickets
     WHERE id >= @low AND id < @high AND +business_date BETWEEN @from AND @to
  )`;

interface TotalsRow {
  key: string;
  tickets: number;
  served: number;
  noShows: number;
  waits: number;
  waitSumMs: number | null;
  waitsWithin: number | null;
  services: number;
  serviceSumMs: number | null;
  servicesWithin: number | null;
  ratings: number;
  satisfied: number | null;
}

/**
 * The nearest-rank median and p90 of each group from its waits sorted by (key, wait): the values
 * at ranks ⌈50·n/100⌉ and ⌈90·n/100⌉ (1-based) where n is the group's number of waits.
 */
function nearestRanks(sorted: Iterable<[string, number]>, totals: readonly TotalsRow[]): Map<string, { p50: number | null; p90: number | null }> {
  const counts = new Map(totals.map((t) => [t.key, t.waits]));
  const out = new Map<string, { p50: number | null; p90: number | null }>();
  let key: string | null = null;
  let rank = 0;
  let r50 = 0;
  let r90 = 0;
  for (const [k, wait] of sorted) {
    if (k !== key) {
      key = k;
      rank = 0;
      const n = counts.get(k) ?? 0;
      r50 = Math.max(1, Math.ceil((50 * n) / 100));
      r90 = Math.max(1, Math.ceil((90 * n) / 100));
      out.set(k, { p50: null, p90: null });
    }
    rank += 1;
    const p = out.get(k);
    if (!p) continue;
    if (rank === r50) p.p50 = wait;
    if (rank === r90) p.p90 = wait;
  }
  return out;
}

/** The id run and the dates of a range of business days (see the file comment). */
function rangeParams(from: string, to: string): { low: string; high: string; from: string; to: string } {
  return {
    low: uuidv7Prefix(Date.parse(`${from}T00:00:00Z`) - DAY_MS),
    high: uuidv7Prefix(Date.parse(`${to}T00:00:00Z`) + 2 * DAY_MS),
    from,
    to,
  };
}

export class KpiQueries {
  readonly #factsBetween;
  readonly #arrivals;
  readonly #dossiers;
  readonly #waitIntervals;
  readonly #db: HallDatabase;
  readonly #aggregates = new Map<AttributeGroupBy, { totals: ReturnType<HallDatabase['prepare']>; waits: ReturnType<HallDatabase['prepare']> }>();

  readonly #beforeRead: () => void;

  readonly #rollups: KpiRollups | null;

  /**
   * `beforeRead` runs before every query: the hall server flushes pending projection rows there.
   * `rollups`: the daily rollups, which answer the attribute groupings when they were counted
   * against the asked targets (else the tickets are aggregated, as without them).
   */
  constructor(db: HallDatabase, beforeRead: () => void = () => undefined, rollups: KpiRollups | null = null) {
    this.#beforeRead = beforeRead;
    this.#rollups = rollups;
    this.#db = db;
    this.#dossiers = db.prepare(
      `SELECT COUNT(*) AS dossiers, SUM(rating IN ('dissatisfied', 'very_dissatisfied')) AS dissatisfied
         FROM tickets
        WHERE id >= @low AND id < @high AND +business_date BETWEEN @from AND @to
          AND (outcome = 'received_dossier' OR dossier_code IS NOT NULL)`,
    );
    this.#waitIntervals = db.prepare(
      `SELECT service_id, issued_at, slot_start, first_called_at, closed_at
         FROM tickets WHERE id >= @low AND id < @high AND +business_date BETWEEN @from AND @to`,
    );
    this.#arrivals = db.prepare('SELECT service_id, issued_at FROM tickets WHERE id >= @low AND id < @high AND +business_date BETWEEN @from AND @to');
    this.#factsBetween = db.prepare(
      `SELECT id, business_date, issued_at, slot_start, priority, service_id, procedure_id, counter_id, officer_id,
              status, first_called_at, started_at, finished_at, outcome, rating
         FROM tickets
        WHERE id >= @low AND id < @high AND +business_date BETWEEN @from AND @to
        ORDER BY id`,
    );
  }

  /**
   * KPI rows grouped by a ticket attribute, aggregated by SQLite (sums and counts; the waits come
   * sorted per group for the nearest-rank median and p90) instead of materialising every ticket:
   * equal to computeKpis over ticketFacts (a property test holds them together).
   */
  kpiRows(fromDate: string, toDate: string, groupBy: AttributeGroupBy, targets: { waitMinutes: number; serviceMinutes: number }): KpiRow[] {
    this.#beforeRead();
    if (this.#rollups?.matches(targets)) return this.#rollups.rows(fromDate, toDate, groupBy);
    return this.kpiRowsFromTickets(fromDate, toDate, groupBy, targets);
  }

  /** kpiRows aggregated from the tickets themselves (no rollups): the reference the rollups are held to. */
  kpiRowsFromTickets(fromDate: string, toDate: string, groupBy: AttributeGroupBy, targets: { waitMinutes: number; serviceMinutes: number }): KpiRow[] {
    this.#beforeRead();
    const params = {
      ...rangeParams(fromDate, toDate),
      waitLimit: targets.waitMinutes * 60_000,
      serviceLimit: targets.serviceMinutes * 60_000,
    };
    const statements = this.#aggregateStatements(groupBy);
    const totals = statements.totals.all(params) as TotalsRow[];
    const percentiles = nearestRanks(statements.waits.iterate(rangeParams(fromDate, toDate)) as IterableIterator<[string, number]>, totals);
    const rows = totals.map((t) => {
      const sums: KpiTotals = {
        tickets: t.tickets,
        served: t.served,
        noShows: t.noShows,
        waits: t.waits,
        waitSumMs: t.waitSumMs ?? 0,
        waitsWithin: t.waitsWithin ?? 0,
        waitMedianMs: percentiles.get(t.key)?.p50 ?? null,
        waitP90Ms: percentiles.get(t.key)?.p90 ?? null,
        services: t.services,
        serviceSumMs: t.serviceSumMs ?? 0,
        servicesWithin: t.servicesWithin ?? 0,
        ratings: t.ratings,
        satisfied: t.satisfied ?? 0,
      };
      return kpiRowFromTotals(t.key, sums);
    });
    if (groupBy === 'none' && rows.length === 0) rows.push(kpiRow(ALL_KEY, [], targets));
    return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  #aggregateStatements(groupBy: AttributeGroupBy) {
    let found = this.#aggregates.get(groupBy);
    if (!found) {
      const cte = FACTS_CTE(KEY_SQL[groupBy]);
      found = {
        totals: this.#db.prepare(
          `WITH ${cte}
           SELECT key, COUNT(*) AS tickets, SUM(status = 'done') AS served, SUM(status = 'no_show') AS noShows,
                  COUNT(wait) AS waits, SUM(wait) AS waitSumMs, SUM(wait <= @waitLimit) AS waitsWithin,
                  COUNT(svc) AS services, SUM(svc) AS serviceSumMs, SUM(svc <= @serviceLimit) AS servicesWithin,
                  COUNT(rating) AS ratings, SUM(rating IN ('very_satisfied', 'satisfied')) AS satisfied
             FROM f GROUP BY key`,
        ),
        // The waits sorted per group, as bare [key, wait] pairs: measured faster than ranking them
        // with window functions, which sort every column of every row.
        waits: this.#db.prepare(`WITH ${cte} SELECT key, wait FROM f WHERE wait IS NOT NULL ORDER BY key, wait`).raw(true),
      };
      this.#aggregates.set(groupBy, found);
    }
    return found;
  }

  /**
   * QĐ 766 inputs over the range: dossiers received (a ticket whose service ended with a received
   * dossier, or imported with a dossier code) and those of them rated dissatisfied or very dissatisfied.
   */
  dossierRatings(fromDate: string, toDate: string): { dossiers: number; dissatisfied: number } {
    this.#beforeRead();
    const r = this.#dossiers.get(rangeParams(fromDate, toDate)) as { dossiers: number; dissatisfied: number | null };
    return { dossiers: r.dossiers, dissatisfied: r.dissatisfied ?? 0 };
  }

  /** Service and issue time of every ticket of the range: the history of the arrival forecast. */
  arrivals(fromDate: string, toDate: string): { serviceId: string; issuedAt: number }[] {
    this.#beforeRead();
    return (this.#arrivals.raw(true).all(rangeParams(fromDate, toDate)) as [string, number][]).map(([serviceId, issuedAt]) => ({ serviceId, issuedAt }));
  }

  /** When each ticket of the day queued and left the queue: the input of core/day-timeline.ts. */
  waitIntervals(date: string): WaitInterval[] {
    this.#beforeRead();
    return (this.#waitIntervals.raw(true).all(rangeParams(date, date)) as [string, number, number | null, number | null, number | null][]).map(
      ([serviceId, issuedAt, slotStart, firstCalledAt, closedAt]) => ({ serviceId, issuedAt, slotStart, firstCalledAt, closedAt }),
    );
  }

  /** Every ticket whose business date is in [fromDate, toDate] (YYYY-MM-DD, both included). */
  ticketFacts(fromDate: string, toDate: string): TicketFacts[] {
    this.#beforeRead();
    return (this.#factsBetween.all(rangeParams(fromDate, toDate)) as TicketFactsRow[]).map(ticketFactsOfRow);
  }
}
