/**
 * The daily KPI rollups (migration 0011; arithmetic in core/kpi-rollup.ts).
 *
 * Contract:
 * - `stage(before, after)` records what a ticket row's change does to the rollups (before = the
 *   row as stored, null for a new one); `flush()` writes the staged changes. QueueStore stages and
 *   flushes inside the transaction that writes the ticket rows, so the rollups always equal a full
 *   recomputation over the tickets table (a property test holds them to computeKpis).
 * - The within-target counts are made against the targets recorded in hall_meta
 *   `kpi_rollup_targets`; `ensure(targets)` rebuilds everything when they differ (or were never
 *   recorded), `rebuild(from, to)` recomputes a range of days (an import).
 * - `rows` answers attribute groupings from the rollups only when they were counted against the
 *   asked targets (`matches`); the caller falls back to the tickets otherwise.
 */
import { NO_VALUE_KEY, ALL_KEY, type AttributeGroupBy, type KpiRow, type TicketFactsRow, ticketFactsOfRow } from '../core/kpi.ts';
import {
  addCounts,
  cellKey,
  contributionOf,
  decodeHistogram,
  emptyCounts,
  encodeHistogram,
  rollupRow,
  ROLLUP_COUNT_FIELDS,
  type Histogram,
  type RollupCell,
  type RollupCounts,
  type RollupDim,
  type RollupTicket,
} from '../core/kpi-rollup.ts';
import type { HallDatabase } from './open-database.ts';

export interface RollupTargets {
  readonly waitMinutes: number;
  readonly serviceMinutes: number;
}

/** The columns of a stored ticket the rollups read (a SELECT of these names gives a RollupSourceRow). */
export const ROLLUP_SOURCE_COLUMNS =
  'id, business_date, issued_at, slot_start, priority, service_id, procedure_id, counter_id, officer_id, status, first_called_at, started_at, finished_at, outcome, rating, dossier_count, dossier_code';

export interface RollupSourceRow extends TicketFactsRow {
  dossier_count: number;
  dossier_code: string | null;
}

/** A dossier ticket ended with a received dossier or was imported with a dossier code (store/report-queries.ts). */
export function rollupTicketOfRow(r: RollupSourceRow): RollupTicket {
  return { ...ticketFactsOfRow(r), dossiers: r.outcome === 'received_dossier' || r.dossier_code !== null ? r.dossier_count : 0 };
}

const META_KEY = 'kpi_rollup_targets';
const DIM_COLUMN: Readonly<Record<RollupDim, keyof RollupCell>> = {
  service: 'serviceId',
  counter: 'counterId',
  officer: 'officerId',
  procedure: 'procedureId',
};
const GROUP_COLUMN: Readonly<Record<Exclude<AttributeGroupBy, 'none'>, string>> = {
  service: 'service_id',
  counter: 'counter_id',
  officer: 'officer_id',
  procedure: 'procedure_id',
};
const SQL_FIELDS = [
  'tickets',
  'served',
  'no_shows',
  'waits',
  'wait_sum_ms',
  'waits_within',
  'services',
  'service_sum_ms',
  'services_within',
  'ratings',
  'satisfied',
  'dossiers',
  'dissatisfied_dossiers',
  'rated_dossiers',
  'rated_points',
] as const;

const sameTargets = (a: RollupTargets | null, b: RollupTargets): boolean =>
  a !== null && a.waitMinutes === b.waitMinutes && a.serviceMinutes === b.serviceMinutes;

export class KpiRollups {
  readonly #db: HallDatabase;
  #targets: RollupTargets;
  readonly #cells = new Map<string, { cell: RollupCell; counts: RollupCounts }>();
  readonly #hist = new Map<string, { dim: RollupDim; date: string; key: string; delta: Histogram }>();
  readonly #s;
  readonly #groupCounts = new Map<string, ReturnType<HallDatabase['prepare']>>();

  constructor(db: HallDatabase, targets: RollupTargets) {
    this.#db = db;
    this.#targets = { waitMinutes: targets.waitMinutes, serviceMinutes: targets.serviceMinutes };
    const cols = SQL_FIELDS.join(', ');
    this.#s = {
      upsert: db.prepare(
        `INSERT INTO kpi_daily (business_date, service_id, counter_id, officer_id, procedure_id, ${cols})
         VALUES (?, ?, ?, ?, ?, ${SQL_FIELDS.map(() => '?').join(', ')})
         ON CONFLICT DO UPDATE SET ${SQL_FIELDS.map((f) => `${f} = ${f} + excluded.${f}`).join(', ')}`,
      ),
      dropEmpty: db.prepare(
        'DELETE FROM kpi_daily WHERE business_date = ? AND service_id = ? AND counter_id = ? AND officer_id = ? AND procedure_id = ? AND tickets = 0',
      ),
      histGet: db.prepare('SELECT hist FROM kpi_daily_waits WHERE dim = ? AND business_date = ? AND key = ?').pluck(),
      histPut: db.prepare('INSERT INTO kpi_daily_waits (dim, business_date, key, hist) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET hist = excluded.hist'),
      histDrop: db.prepare('DELETE FROM kpi_daily_waits WHERE dim = ? AND business_date = ? AND key = ?'),
      meta: db.prepare(`SELECT value FROM hall_meta WHERE key = '${META_KEY}'`).pluck(),
      setMeta: db.prepare(`INSERT INTO hall_meta (key, value) VALUES ('${META_KEY}', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
      histRange: db.prepare('SELECT key, hist FROM kpi_daily_waits WHERE dim = ? AND business_date BETWEEN ? AND ?').raw(true),
      dropRange: db.prepare('DELETE FROM kpi_daily WHERE business_date BETWEEN ? AND ?'),
      dropHistRange: db.prepare('DELETE FROM kpi_daily_waits WHERE business_date BETWEEN ? AND ?'),
    };
  }

  get targets(): RollupTargets {
    return this.#targets;
  }

  /** The targets the stored rollups were counted against; null when they were never built. */
  storedTargets(): RollupTargets | null {
    const v = this.#s.meta.get() as string | undefined;
    return v === undefined ? null : (JSON.parse(v) as RollupTargets);
  }

  /** True when `rows` may answer for these targets. */
  matches(targets: RollupTargets): boolean {
    return sameTargets(this.storedTargets(), targets);
  }

  /** Rebuilds every day when the stored rollups were made against other targets (or never made). Returns whether it rebuilt. */
  ensure(): boolean {
    if (this.matches(this.#targets)) return false;
    this.#db
      .transaction(() => {
        this.#db.exec('DELETE FROM kpi_daily; DELETE FROM kpi_daily_waits;');
        this.#stageTickets('SELECT ' + ROLLUP_SOURCE_COLUMNS + ' FROM tickets', []);
        this.flush();
        this.#s.setMeta.run(JSON.stringify(this.#targets));
      })
      .immediate();
    return true;
  }

  /**
   * Recomputes the days from..to (YYYY-MM-DD) from the tickets; run inside the transaction that
   * changed them (an import). Rebuilds everything instead when the stored targets differ.
   */
  rebuild(from: string, to: string): void {
    if (!this.matches(this.#targets)) {
      this.#db.exec('DELETE FROM kpi_daily; DELETE FROM kpi_daily_waits;');
      this.#stageTickets('SELECT ' + ROLLUP_SOURCE_COLUMNS + ' FROM tickets', []);
      this.flush();
      this.#s.setMeta.run(JSON.stringify(this.#targets));
      return;
    }
    this.#s.dropRange.run(from, to);
    this.#s.dropHistRange.run(from, to);
    this.#stageTickets(`SELECT ${ROLLUP_SOURCE_COLUMNS} FROM tickets WHERE business_date BETWEEN ? AND ?`, [from, to]);
    this.flush();
  }

  #stageTickets(sql: string, params: unknown[]): void {
    for (const row of this.#db.prepare(sql).iterate(...params) as IterableIterator<RollupSourceRow>) this.stage(null, rollupTicketOfRow(row));
  }

  /** Records the change of one ticket row: `before` as stored (null when new), `after` as it will be. */
  stage(before: RollupTicket | null, after: RollupTicket | null): void {
    if (before) this.#apply(before, -1);
    if (after) this.#apply(after, 1);
  }

  #apply(t: RollupTicket, sign: 1 | -1): void {
    const c = contributionOf(t, this.#targets);
    const key = cellKey(c.cell);
    let staged = this.#cells.get(key);
    if (!staged) {
      staged = { cell: c.cell, counts: emptyCounts() };
      this.#cells.set(key, staged);
    }
    addCounts(staged.counts, c.counts, sign);
    if (c.waitUnit === null) return;
    for (const dim of ['service', 'counter', 'officer', 'procedure'] as const) {
      const k = c.cell[DIM_COLUMN[dim]];
      const hk = `${dim}\u0000${c.cell.businessDate}\u0000${k}`;
      let h = this.#hist.get(hk);
      if (!h) {
        h = { dim, date: c.cell.businessDate, key: k, delta: new Map() };
        this.#hist.set(hk, h);
      }
      h.delta.set(c.waitUnit, (h.delta.get(c.waitUnit) ?? 0) + sign);
    }
  }

  /** Writes the staged changes (inside the caller's transaction). */
  flush(): void {
    for (const { cell, counts } of this.#cells.values()) {
      if (ROLLUP_COUNT_FIELDS.every((f) => counts[f] === 0)) continue;
      const ids = [cell.businessDate, cell.serviceId, cell.counterId, cell.officerId, cell.procedureId];
      this.#s.upsert.run(...ids, ...ROLLUP_COUNT_FIELDS.map((f) => counts[f]));
      if (counts.tickets < 0) this.#s.dropEmpty.run(...ids);
    }
    this.#cells.clear();
    for (const h of this.#hist.values()) {
      if ([...h.delta.values()].every((n) => n === 0)) continue;
      const merged = decodeHistogram(this.#s.histGet.get(h.dim, h.date, h.key) as Uint8Array | undefined);
      for (const [u, n] of h.delta) merged.set(u, (merged.get(u) ?? 0) + n);
      const bytes = encodeHistogram(merged);
      if (bytes === null) this.#s.histDrop.run(h.dim, h.date, h.key);
      else this.#s.histPut.run(h.dim, h.date, h.key, bytes);
    }
    this.#hist.clear();
  }

  /** Drops what was staged and not flushed (the caller's transaction failed). */
  discard(): void {
    this.#cells.clear();
    this.#hist.clear();
  }

  /** KPI rows of an attribute grouping over the days from..to, ordered by key (core/kpi.ts keys). */
  rows(from: string, to: string, groupBy: AttributeGroupBy): KpiRow[] {
    const counts = this.#groupStatement(groupBy).raw(true).all(from, to) as (string | number)[][];
    const dim: RollupDim = groupBy === 'none' ? 'service' : groupBy;
    const hist = new Map<string, Histogram>();
    for (const [k, bytes] of this.#s.histRange.all(dim, from, to) as [string, Uint8Array][]) {
      const key = groupBy === 'none' ? ALL_KEY : k === '' ? NO_VALUE_KEY : k;
      let h = hist.get(key);
      if (!h) {
        h = new Map();
        hist.set(key, h);
      }
      decodeHistogram(bytes, h);
    }
    const rows = counts.map((r) => {
      const key = groupBy === 'none' ? ALL_KEY : r[0] === '' ? NO_VALUE_KEY : String(r[0]);
      const c = emptyCounts();
      ROLLUP_COUNT_FIELDS.forEach((f, i) => {
        c[f] = Number(r[i + 1] ?? 0);
      });
      return rollupRow(key, c, hist.get(key) ?? new Map());
    });
    if (groupBy === 'none' && rows.length === 0) rows.push(rollupRow(ALL_KEY, emptyCounts(), new Map()));
    return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Summed counts per value of one column over the days from..to (e.g. dossiers per officer). */
  sumsBy(from: string, to: string, groupBy: Exclude<AttributeGroupBy, 'none'>): Map<string, RollupCounts> {
    const out = new Map<string, RollupCounts>();
    for (const r of this.#groupStatement(groupBy).raw(true).all(from, to) as (string | number)[][]) {
      const c = emptyCounts();
      ROLLUP_COUNT_FIELDS.forEach((f, i) => {
        c[f] = Number(r[i + 1] ?? 0);
      });
      out.set(String(r[0]), c);
    }
    return out;
  }

  #groupStatement(groupBy: AttributeGroupBy) {
    let s = this.#groupCounts.get(groupBy);
    if (!s) {
      const key = groupBy === 'none' ? `'${ALL_KEY}'` : GROUP_COLUMN[groupBy];
      s = this.#db.prepare(
        `SELECT ${key} AS key, ${SQL_FIELDS.map((f) => `SUM(${f})`).join(', ')} FROM kpi_daily WHERE business_date BETWEEN ? AND ?` +
          (groupBy === 'none' ? ' HAVING COUNT(*) > 0' : ` GROUP BY ${key}`),
      );
      this.#groupCounts.set(groupBy, s);
    }
    return s;
  }
}
