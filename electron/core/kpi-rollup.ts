/**
 * Daily KPI rollups: what one ticket adds to the counts of its (business day, service, counter,
 * officer, procedure) cell, and the wait histograms that keep the nearest-rank median and p90
 * exact. Pure: the store keeps the rows (store/kpi-rollups.ts).
 *
 * Why a histogram is exact: a row shows a wait as minutes with 2 decimals, minutes2(ms) =
 * round(ms / 600) / 100, a non-decreasing function; so the k-th smallest shown value is the shown
 * value of the k-th smallest wait. Counting waits by their 0.01-minute unit round(ms / 600) keeps
 * every shown median and p90, in a few hundred buckets a day where the tickets are thousands.
 * The within-target counts depend on the targets; the rollup records the targets it counted
 * against and is rebuilt when they change.
 */
import type { RatingLevel } from '../common/domain.ts';
import { kpiRowFromTotals, serviceMs, waitMs, type KpiRow, type KpiTotals, type TicketFacts } from './kpi.ts';

/** The counts a ticket adds to its cell (every field a sum). */
export interface RollupCounts {
  tickets: number;
  served: number;
  noShows: number;
  waits: number;
  waitSumMs: number;
  waitsWithin: number;
  services: number;
  serviceSumMs: number;
  servicesWithin: number;
  ratings: number;
  satisfied: number;
  /** Dossiers received (dossier tickets count their dossiers), of them of a dissatisfied visit, rated, and their rating points (TT 01 index 7). */
  dossiers: number;
  dissatisfiedDossiers: number;
  ratedDossiers: number;
  ratedPoints: number;
}

export const ROLLUP_COUNT_FIELDS = [
  'tickets',
  'served',
  'noShows',
  'waits',
  'waitSumMs',
  'waitsWithin',
  'services',
  'serviceSumMs',
  'servicesWithin',
  'ratings',
  'satisfied',
  'dossiers',
  'dissatisfiedDossiers',
  'ratedDossiers',
  'ratedPoints',
] as const satisfies readonly (keyof RollupCounts)[];

/** The dimensions of a cell; '' stands for no counter, officer or procedure. */
export const ROLLUP_DIMS = ['service', 'counter', 'officer', 'procedure'] as const;
export type RollupDim = (typeof ROLLUP_DIMS)[number];

export interface RollupCell {
  readonly businessDate: string;
  readonly serviceId: string;
  readonly counterId: string;
  readonly officerId: string;
  readonly procedureId: string;
}

/** What the rollup needs of a ticket beyond its KPI facts. */
export interface RollupTicket extends TicketFacts {
  /** Dossiers the ticket carries when it is a dossier ticket (received dossier, or imported with a code); else 0. */
  readonly dossiers: number;
}

export const emptyCounts = (): RollupCounts => ({
  tickets: 0,
  served: 0,
  noShows: 0,
  waits: 0,
  waitSumMs: 0,
  waitsWithin: 0,
  services: 0,
  serviceSumMs: 0,
  servicesWithin: 0,
  ratings: 0,
  satisfied: 0,
  dossiers: 0,
  dissatisfiedDossiers: 0,
  ratedDossiers: 0,
  ratedPoints: 0,
});

const RATING_POINTS: Readonly<Record<RatingLevel, number>> = { very_satisfied: 2, satisfied: 1, neutral: 1, dissatisfied: 0, very_dissatisfied: 0 };

export function cellOf(t: RollupTicket): RollupCell {
  return { businessDate: t.businessDate, serviceId: t.serviceId, counterId: t.counterId ?? '', officerId: t.officerId ?? '', procedureId: t.procedureId ?? '' };
}

export const cellKey = (c: RollupCell): string => `${c.businessDate}\u0000${c.serviceId}\u0000${c.counterId}\u0000${c.officerId}\u0000${c.procedureId}`;

/** The 0.01-minute unit of a wait: round(ms / 600), as kpi.ts shows minutes. */
export const waitUnit = (ms: number): number => Math.round(ms / 600);

export interface Contribution {
  readonly cell: RollupCell;
  readonly counts: RollupCounts;
  /** The wait's unit, or null when the ticket was never called. */
  readonly waitUnit: number | null;
}

export function contributionOf(t: RollupTicket, targets: { readonly waitMinutes: number; readonly serviceMinutes: number }): Contribution {
  const c = emptyCounts();
  c.tickets = 1;
  if (t.status === 'done') c.served = 1;
  else if (t.status === 'no_show') c.noShows = 1;
  const w = waitMs(t);
  if (w !== null) {
    c.waits = 1;
    c.waitSumMs = w;
    c.waitsWithin = w <= targets.waitMinutes * 60_000 ? 1 : 0;
  }
  const s = serviceMs(t);
  if (s !== null) {
    c.services = 1;
    c.serviceSumMs = s;
    c.servicesWithin = s <= targets.serviceMinutes * 60_000 ? 1 : 0;
  }
  if (t.rating !== null) {
    c.ratings = 1;
    c.satisfied = t.rating === 'very_satisfied' || t.rating === 'satisfied' ? 1 : 0;
  }
  if (t.dossiers > 0) {
    c.dossiers = t.dossiers;
    if (t.rating === 'dissatisfied' || t.rating === 'very_dissatisfied') c.dissatisfiedDossiers = t.dossiers;
    if (t.rating !== null) {
      c.ratedDossiers = t.dossiers;
      c.ratedPoints = t.dossiers * RATING_POINTS[t.rating];
    }
  }
  return { cell: cellOf(t), counts: c, waitUnit: w === null ? null : waitUnit(w) };
}

// ---------------------------------------------------------------------------------------------
// Histograms: sorted (unit, count) pairs, stored as little-endian Int32 pairs.

export type Histogram = Map<number, number>;

export function encodeHistogram(h: Histogram): Uint8Array | null {
  const units = [...h.entries()].filter(([, n]) => n !== 0).sort((a, b) => a[0] - b[0]);
  if (units.length === 0) return null;
  const out = new Int32Array(units.length * 2);
  units.forEach(([u, n], i) => {
    if (n < 0) throw new RangeError(`a wait histogram count went negative (${n} at unit ${u})`);
    out[2 * i] = u;
    out[2 * i + 1] = n;
  });
  return new Uint8Array(out.buffer);
}

export function decodeHistogram(bytes: Uint8Array | null | undefined, into: Histogram = new Map()): Histogram {
  if (!bytes || bytes.byteLength === 0) return into;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i + 8 <= bytes.byteLength; i += 8) {
    const u = view.getInt32(i, true);
    into.set(u, (into.get(u) ?? 0) + view.getInt32(i + 4, true));
  }
  return into;
}

/** Nearest-rank median and p90 units of a histogram of `n` waits (ranks ⌈50n/100⌉, ⌈90n/100⌉). */
export function histogramRanks(h: Histogram, n: number): { p50: number | null; p90: number | null } {
  if (n === 0) return { p50: null, p90: null };
  const r50 = Math.max(1, Math.ceil((50 * n) / 100));
  const r90 = Math.max(1, Math.ceil((90 * n) / 100));
  let seen = 0;
  let p50: number | null = null;
  let p90: number | null = null;
  for (const u of [...h.keys()].sort((a, b) => a - b)) {
    seen += h.get(u) ?? 0;
    if (p50 === null && seen >= r50) p50 = u;
    if (seen >= r90) {
      p90 = u;
      break;
    }
  }
  return { p50, p90 };
}

/** The KPI row of summed counts and the group's merged histogram (units back to ms, shown identically). */
export function rollupRow(key: string, c: RollupCounts, h: Histogram): KpiRow {
  const ranks = histogramRanks(h, c.waits);
  const totals: KpiTotals = {
    tickets: c.tickets,
    served: c.served,
    noShows: c.noShows,
    waits: c.waits,
    waitSumMs: c.waitSumMs,
    waitsWithin: c.waitsWithin,
    waitMedianMs: ranks.p50 === null ? null : ranks.p50 * 600,
    waitP90Ms: ranks.p90 === null ? null : ranks.p90 * 600,
    services: c.services,
    serviceSumMs: c.serviceSumMs,
    servicesWithin: c.servicesWithin,
    ratings: c.ratings,
    satisfied: c.satisfied,
  };
  return kpiRowFromTotals(key, totals);
}

export function addCounts(into: RollupCounts, c: Readonly<RollupCounts>, sign: 1 | -1 = 1): void {
  for (const f of ROLLUP_COUNT_FIELDS) into[f] += sign * c[f];
}
