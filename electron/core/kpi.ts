/**
 * KPI arithmetic: wait and service times against the hall targets, grouped by service, counter,
 * officer, procedure or local day/hour/month (TT 01/2018 scoring and QĐ 468 productivity are in
 * tt01-scoring.ts). Pure: facts in, rows out; no clock, no I/O.
 *
 * Definitions (PRODUCT.md "Targets, analytics and reports"; regulations §1.6–1.9):
 * - A ticket belongs to the local day, hour and month (hall time zone) of its issue time.
 * - Wait = first call − issue; for an appointment whose citizen came early (issued before the
 *   slot), from the slot start. Every ticket that was called has a wait, no-shows included; a
 *   ticket never called (e.g. cancelled while waiting) has none. A call before the slot start
 *   counts as a wait of 0.
 * - Service = finish − start, for tickets with both.
 * - "Within target" is inclusive: a wait of exactly 15:00 is within a 15-minute target.
 * - Median and p90 are nearest-rank: the smallest value with at least 50 % / 90 % of the values
 *   at or below it (no interpolation).
 * - Satisfaction % = (very satisfied + satisfied) / all ratings × 100; null, never 0, without ratings.
 * Minutes are rounded to 2 decimals, percentages to 1 decimal; null where there is no data.
 */
import type { PriorityClass, RatingLevel, ServiceOutcome, TicketStatus } from '../common/domain.ts';
import type { TargetsConfig } from '../common/hall-config.ts';
import type { KpiRow } from '../common/wire.ts';
import { localParts } from './business-time.ts';

export { RATING_LEVELS, type RatingLevel } from '../common/domain.ts';

/** What one ticket contributes to the KPIs. Times are UTC epoch milliseconds. */
export interface TicketFacts {
  readonly ticketId: string;
  readonly businessDate: string;
  readonly issuedAt: number;
  readonly slotStart: number | null;
  readonly priority: PriorityClass;
  readonly serviceId: string;
  readonly procedureId: string | null;
  readonly counterId: string | null;
  readonly officerId: string | null;
  readonly status: TicketStatus;
  readonly firstCalledAt: number | null;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly outcome: ServiceOutcome | null;
  /** The citizen's rating of the service; null when not rated. */
  readonly rating: RatingLevel | null;
}

/**
 * The facts as the tickets tables hold them (the hall's SQLite projection and the province hub's
 * PostgreSQL table use the same column names), read into TicketFacts by `ticketFactsOfRow`.
 */
export interface TicketFactsRow {
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

/** A tickets-table row as TicketFacts (the stored values are the engine's, so they are trusted as typed). */
export function ticketFactsOfRow(r: TicketFactsRow): TicketFacts {
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

export const KPI_GROUP_BY = ['none', 'service', 'counter', 'officer', 'procedure', 'day', 'hour', 'month', 'weekday_hour'] as const;
export type KpiGroupBy = (typeof KPI_GROUP_BY)[number];

/** Key of the single row of `groupBy: 'none'`. */
export const ALL_KEY = 'all';
/** Key of the tickets without a counter, officer or procedure (e.g. never called). */
export const NO_VALUE_KEY = '(none)';

export type { KpiRow } from '../common/wire.ts';

export interface KpiOptions {
  readonly groupBy: KpiGroupBy;
  readonly targets: Pick<TargetsConfig, 'waitMinutes' | 'serviceMinutes'>;
  /** IANA zone of the hall, for day/hour/month buckets. */
  readonly timeZone: string;
}

const MINUTE_MS = 60_000;
/** Every current zone offset and transition is a multiple of 15 minutes, so local hours and days
 *  start on a 15-minute UTC boundary: one time-zone lookup per quarter hour is enough. */
const QUARTER_HOUR_MS = 15 * MINUTE_MS;

/** Wait in ms, or null when the ticket was never called. */
export function waitMs(f: Pick<TicketFacts, 'issuedAt' | 'slotStart' | 'firstCalledAt'>): number | null {
  if (f.firstCalledAt === null) return null;
  const from = f.slotStart !== null && f.issuedAt < f.slotStart ? f.slotStart : f.issuedAt;
  return Math.max(0, f.firstCalledAt - from);
}

/** Service time in ms, or null without both start and finish. */
export function serviceMs(f: TicketFacts): number | null {
  if (f.startedAt === null || f.finishedAt === null) return null;
  return Math.max(0, f.finishedAt - f.startedAt);
}

/** Nearest-rank percentile of ascending values: the value at rank ⌈pct·n/100⌉ (1-based). */
export function nearestRank(sortedAscending: readonly number[], pct: number): number | null {
  const n = sortedAscending.length;
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((pct * n) / 100));
  return sortedAscending[Math.min(rank, n) - 1] ?? null;
}

/** (very satisfied + satisfied) / all ratings × 100, 1 decimal; null for no ratings. */
export function satisfactionPct(ratings: readonly RatingLevel[]): number | null {
  if (ratings.length === 0) return null;
  const good = ratings.filter((r) => r === 'very_satisfied' || r === 'satisfied').length;
  return pct1(good, ratings.length);
}

const minutes2 = (ms: number): number => Math.round(ms / 600) / 100;
const pct1 = (part: number, whole: number): number => Math.round((part * 1000) / whole) / 10;
const pad2 = (n: number): string => String(n).padStart(2, '0');

function timeBucket(issuedAt: number, groupBy: 'day' | 'hour' | 'month' | 'weekday_hour', timeZone: string): string {
  const p = localParts(issuedAt, timeZone);
  if (groupBy === 'weekday_hour') {
    const isoWeekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() || 7;
    return `${isoWeekday} ${pad2(p.hour)}:00`;
  }
  const month = `${String(p.year).padStart(4, '0')}-${pad2(p.month)}`;
  if (groupBy === 'month') return month;
  const day = `${month}-${pad2(p.day)}`;
  return groupBy === 'day' ? day : `${day} ${pad2(p.hour)}:00`;
}

function keyFunction(options: KpiOptions): (f: TicketFacts) => string {
  const { groupBy, timeZone } = options;
  switch (groupBy) {
    case 'none':
      return () => ALL_KEY;
    case 'service':
      return (f) => f.serviceId;
    case 'counter':
      return (f) => f.counterId ?? NO_VALUE_KEY;
    case 'officer':
      return (f) => f.officerId ?? NO_VALUE_KEY;
    case 'procedure':
      return (f) => f.procedureId ?? NO_VALUE_KEY;
    case 'day':
    case 'hour':
    case 'month':
    case 'weekday_hour': {
      const memo = new Map<number, string>();
      return (f) => {
        const slot = Math.floor(f.issuedAt / QUARTER_HOUR_MS);
        let key = memo.get(slot);
        if (key === undefined) {
          key = timeBucket(f.issuedAt, groupBy, timeZone);
          memo.set(slot, key);
        }
        return key;
      };
    }
  }
}

/** One row over a set of facts. */
export function kpiRow(key: string, facts: readonly TicketFacts[], targets: KpiOptions['targets']): KpiRow {
  const waits: number[] = [];
  const services: number[] = [];
  const ratings: RatingLevel[] = [];
  let served = 0;
  let noShows = 0;
  for (const f of facts) {
    if (f.status === 'done') served += 1;
    else if (f.status === 'no_show') noShows += 1;
    const w = waitMs(f);
    if (w !== null) waits.push(w);
    const s = serviceMs(f);
    if (s !== null) services.push(s);
    if (f.rating !== null) ratings.push(f.rating);
  }
  waits.sort((a, b) => a - b);
  const sum = (xs: readonly number[]): number => xs.reduce((acc, x) => acc + x, 0);
  const waitLimit = targets.waitMinutes * MINUTE_MS;
  const serviceLimit = targets.serviceMinutes * MINUTE_MS;
  const median = nearestRank(waits, 50);
  const p90 = nearestRank(waits, 90);
  return {
    key,
    tickets: facts.length,
    served,
    noShows,
    waitMeanMin: waits.length === 0 ? null : minutes2(sum(waits) / waits.length),
    waitMedianMin: median === null ? null : minutes2(median),
    waitP90Min: p90 === null ? null : minutes2(p90),
    withinWaitTargetPct: waits.length === 0 ? null : pct1(waits.filter((w) => w <= waitLimit).length, waits.length),
    serviceMeanMin: services.length === 0 ? null : minutes2(sum(services) / services.length),
    withinServiceTargetPct: services.length === 0 ? null : pct1(services.filter((s) => s <= serviceLimit).length, services.length),
    ratings: ratings.length,
    satisfactionPct: satisfactionPct(ratings),
  };
}

/** Counts and sums of one group, as a database aggregate computes them (ms for times). */
export interface KpiTotals {
  readonly tickets: number;
  readonly served: number;
  readonly noShows: number;
  readonly waits: number;
  readonly waitSumMs: number;
  readonly waitsWithin: number;
  /** Nearest-rank median and p90 of the waits (ms); null without waits. */
  readonly waitMedianMs: number | null;
  readonly waitP90Ms: number | null;
  readonly services: number;
  readonly serviceSumMs: number;
  readonly servicesWithin: number;
  readonly ratings: number;
  /** Ratings very satisfied or satisfied. */
  readonly satisfied: number;
}

/** The row of a group from its totals: the same rounding and nulls as kpiRow. */
export function kpiRowFromTotals(key: string, t: KpiTotals): KpiRow {
  return {
    key,
    tickets: t.tickets,
    served: t.served,
    noShows: t.noShows,
    waitMeanMin: t.waits === 0 ? null : minutes2(t.waitSumMs / t.waits),
    waitMedianMin: t.waitMedianMs === null ? null : minutes2(t.waitMedianMs),
    waitP90Min: t.waitP90Ms === null ? null : minutes2(t.waitP90Ms),
    withinWaitTargetPct: t.waits === 0 ? null : pct1(t.waitsWithin, t.waits),
    serviceMeanMin: t.services === 0 ? null : minutes2(t.serviceSumMs / t.services),
    withinServiceTargetPct: t.services === 0 ? null : pct1(t.servicesWithin, t.services),
    ratings: t.ratings,
    satisfactionPct: t.ratings === 0 ? null : pct1(t.satisfied, t.ratings),
  };
}

/** Groupings by an attribute of the ticket (not by time), which a database can aggregate. */
export const ATTRIBUTE_GROUP_BY = ['none', 'service', 'counter', 'officer', 'procedure'] as const;
export type AttributeGroupBy = (typeof ATTRIBUTE_GROUP_BY)[number];
export const isAttributeGroupBy = (g: KpiGroupBy): g is AttributeGroupBy => (ATTRIBUTE_GROUP_BY as readonly string[]).includes(g);

/**
 * KPI rows of `facts` grouped by `options.groupBy`, ordered by key. `groupBy: 'none'` always
 * gives exactly one row keyed 'all' (with zero counts and nulls when there are no facts); other
 * groupings give one row per key that has at least one ticket.
 */
export function computeKpis(facts: readonly TicketFacts[], options: KpiOptions): KpiRow[] {
  if (options.groupBy === 'none') return [kpiRow(ALL_KEY, facts, options.targets)];
  const keyOf = keyFunction(options);
  const groups = new Map<string, TicketFacts[]>();
  for (const f of facts) {
    const key = keyOf(f);
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  return [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((key) => kpiRow(key, groups.get(key) ?? [], options.targets));
}
