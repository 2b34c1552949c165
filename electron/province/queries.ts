/**
 * What the province reads: every hall today (live figures), one hall's KPIs (the same arithmetic
 * as the hall's own, core/kpi.ts, over the hub's ticket rows), the monthly QĐ 766 ranking and
 * QĐ 468 productivity (from the daily rollups, so a month of 300 halls is a few thousand rows).
 * `district` narrows every read to the halls of one district (a district supervisor).
 */
import { addDays } from '../core/business-time.ts';
import { computeKpis, kpiRowFromTotals, ticketFactsOfRow, type KpiGroupBy, type KpiRow, type TicketFactsRow } from '../core/kpi.ts';
import { dossierSatisfaction766, officerProductivity, type HallLevel } from '../core/tt01-scoring.ts';
import type { Pool } from './database.ts';

/** A hall reports when it delivered (events or a heartbeat) within this many minutes. */
export const REPORTING_WINDOW_MIN = 3;

export interface HallOverviewRow {
  readonly id: string;
  readonly name: string;
  readonly district: string | null;
  readonly level: string;
  readonly businessDate: string;
  readonly waiting: number;
  readonly tickets: number;
  readonly waitMeanMin: number | null;
  readonly waitTargetMin: number;
  readonly withinWaitTargetPct: number | null;
  readonly satisfactionPct: number | null;
  readonly satisfactionTargetPct: number;
  readonly openAlerts: number;
  readonly reporting: boolean;
  readonly headSeq: number;
  readonly lastEventAt: number | null;
}

interface OverviewSql {
  id: string;
  name: string;
  district: string | null;
  level: string;
  wait_target_min: number;
  satisfaction_target_pct: number;
  head_seq: number;
  last_event_at: number | null;
  reporting: boolean | null;
  business_date: string;
  waiting: number;
  tickets: number | null;
  waits: number | null;
  wait_sum_ms: number | null;
  waits_within: number | null;
  ratings: number | null;
  satisfied: number | null;
  open_alerts: number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const pct1 = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10);

export async function hallOverview(pool: Pool, district: string | null, hallId: string | null = null): Promise<HallOverviewRow[]> {
  const { rows } = await pool.query<OverviewSql>(
    `WITH h AS (
       SELECT *, (now() AT TIME ZONE time_zone)::date AS today FROM halls
        WHERE revoked_at IS NULL AND ($1::text IS NULL OR district = $1) AND ($2::text IS NULL OR id = $2)
     )
     SELECT h.id, h.name, h.district, h.level, h.wait_target_min, h.satisfaction_target_pct, h.head_seq, h.last_event_at, h.today::text AS business_date,
            h.last_batch_at > now() - make_interval(mins => $3) AS reporting,
            (SELECT count(*)::int FROM tickets t WHERE t.hall_id = h.id AND t.business_date = h.today AND t.status IN ('waiting', 'held')) AS waiting,
            r.tickets, r.waits, r.wait_sum_ms, r.waits_within, r.ratings, r.satisfied,
            (SELECT count(*)::int FROM alerts a WHERE a.hall_id = h.id AND a.cleared_at IS NULL) AS open_alerts
       FROM h LEFT JOIN LATERAL (
         SELECT sum(tickets)::int AS tickets, sum(waits)::int AS waits, sum(wait_sum_ms)::bigint AS wait_sum_ms, sum(waits_within)::int AS waits_within,
                sum(ratings)::int AS ratings, sum(satisfied)::int AS satisfied
           FROM daily_rollups d WHERE d.hall_id = h.id AND d.business_date = h.today
       ) r ON true
      ORDER BY h.name, h.id`,
    [district, hallId, REPORTING_WINDOW_MIN],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    district: r.district,
    level: r.level,
    businessDate: r.business_date,
    waiting: r.waiting,
    tickets: r.tickets ?? 0,
    waitMeanMin: r.waits ? round2((r.wait_sum_ms ?? 0) / r.waits / 60_000) : null,
    waitTargetMin: r.wait_target_min,
    withinWaitTargetPct: pct1(r.waits_within ?? 0, r.waits ?? 0),
    satisfactionPct: pct1(r.satisfied ?? 0, r.ratings ?? 0),
    satisfactionTargetPct: r.satisfaction_target_pct,
    openAlerts: r.open_alerts,
    reporting: r.reporting === true,
    headSeq: r.head_seq,
    lastEventAt: r.last_event_at,
  }));
}

export interface HallTargets {
  readonly waitMinutes: number;
  readonly serviceMinutes: number;
  readonly timeZone: string;
  readonly district: string | null;
  readonly level: HallLevel;
  readonly name: string;
}

export async function hallTargets(pool: Pool, hallId: string): Promise<HallTargets | null> {
  const { rows } = await pool.query<{
    wait_target_min: number;
    service_target_min: number;
    time_zone: string;
    district: string | null;
    level: string;
    name: string;
  }>('SELECT wait_target_min, service_target_min, time_zone, district, level, name FROM halls WHERE id = $1 AND revoked_at IS NULL', [hallId]);
  const r = rows[0];
  return r
    ? {
        waitMinutes: r.wait_target_min,
        serviceMinutes: r.service_target_min,
        timeZone: r.time_zone,
        district: r.district,
        level: r.level as HallLevel,
        name: r.name,
      }
    : null;
}

/** One hall's KPI rows over [from, to], exactly as the hall's getKpis computes them. */
export async function hallKpis(pool: Pool, hallId: string, targets: HallTargets, from: string, to: string, groupBy: KpiGroupBy): Promise<KpiRow[]> {
  const { rows } = await pool.query<TicketFactsRow>(
    `SELECT id, business_date::text, issued_at, slot_start, priority, service_id, procedure_id, counter_id, officer_id, status,
            first_called_at, started_at, finished_at, outcome, rating
       FROM tickets WHERE hall_id = $1 AND business_date BETWEEN $2::date AND $3::date ORDER BY id`,
    [hallId, from, to],
  );
  const facts = rows.map(ticketFactsOfRow);
  return computeKpis(facts, { groupBy, targets, timeZone: targets.timeZone });
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthDays(month: string): { from: string; to: string; days: number } | null {
  if (!MONTH.test(month)) return null;
  const from = `${month}-01`;
  const to = addDays(`${addDays(from, 31).slice(0, 7)}-01`, -1);
  return { from, to, days: Number(to.slice(8, 10)) };
}

export interface Ranking766Row {
  readonly rank: number;
  readonly hallId: string;
  readonly name: string;
  readonly district: string | null;
  readonly dossiers: number;
  readonly dissatisfied: number;
  /** QĐ 766 Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC (%). */
  readonly satisfaction766Pct: number | null;
  /** The hall's figures of the month from its rollups (mean wait, within 15-minute target, satisfaction). */
  readonly kpi: KpiRow;
}

interface MonthSql {
  hall_id: string;
  name: string;
  district: string | null;
  level: string;
  tickets: number;
  served: number;
  no_shows: number;
  waits: number;
  wait_sum_ms: number;
  waits_within: number;
  services: number;
  service_sum_ms: number;
  services_within: number;
  ratings: number;
  satisfied: number;
  dossiers: number;
  dissatisfied: number;
}

const MONTH_SUMS = `sum(tickets)::int AS tickets, sum(served)::int AS served, sum(no_shows)::int AS no_shows, sum(waits)::int AS waits,
  sum(wait_sum_ms)::bigint AS wait_sum_ms, sum(waits_within)::int AS waits_within, sum(services)::int AS services,
  sum(service_sum_ms)::bigint AS service_sum_ms, sum(services_within)::int AS services_within, sum(ratings)::int AS ratings,
  sum(satisfied)::int AS satisfied, sum(dossiers)::int AS dossiers, sum(dissatisfied_dossiers)::int AS dissatisfied`;

function totalsRow(key: string, r: MonthSql): KpiRow {
  return kpiRowFromTotals(key, {
    tickets: r.tickets,
    served: r.served,
    noShows: r.no_shows,
    waits: r.waits,
    waitSumMs: r.wait_sum_ms,
    waitsWithin: r.waits_within,
    waitMedianMs: null,
    waitP90Ms: null,
    services: r.services,
    serviceSumMs: r.service_sum_ms,
    servicesWithin: r.services_within,
    ratings: r.ratings,
    satisfied: r.satisfied,
  });
}

/**
 * The month's QĐ 766 satisfaction ratio per hall, ranked best first (ties: more dossiers within
 * the wait target, then the hall id); halls without dossiers come last, unranked (rank 0).
 */
export async function ranking766(pool: Pool, month: string, district: string | null): Promise<Ranking766Row[]> {
  const range = monthDays(month);
  if (!range) throw new RangeError(`month must be YYYY-MM, got ${month}`);
  const { rows } = await pool.query<MonthSql>(
    `SELECT h.id AS hall_id, h.name, h.district, h.level, ${MONTH_SUMS}
       FROM daily_rollups d JOIN halls h ON h.id = d.hall_id
      WHERE d.business_date BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR h.district = $3)
      GROUP BY h.id`,
    [range.from, range.to, district],
  );
  const scored = rows.map((r) => ({ r, ratio: dossierSatisfaction766(r.dossiers, r.dissatisfied), kpi: totalsRow(r.hall_id, r) }));
  scored.sort(
    (a, b) =>
      (a.ratio === null ? 1 : 0) - (b.ratio === null ? 1 : 0) ||
      (b.ratio ?? 0) - (a.ratio ?? 0) ||
      (b.kpi.withinWaitTargetPct ?? -1) - (a.kpi.withinWaitTargetPct ?? -1) ||
      (a.r.hall_id < b.r.hall_id ? -1 : 1),
  );
  return scored.map((s, i) => ({
    rank: s.ratio === null ? 0 : i + 1,
    hallId: s.r.hall_id,
    name: s.r.name,
    district: s.r.district,
    dossiers: s.r.dossiers,
    dissatisfied: s.r.dissatisfied,
    satisfaction766Pct: s.ratio,
    kpi: s.kpi,
  }));
}

export interface Productivity468Row {
  readonly hallId: string;
  readonly name: string;
  readonly level: HallLevel;
  /** An officer id, or null for the hall's row (all its officers). */
  readonly officerId: string | null;
  readonly dossiers: number;
  readonly days: number;
  readonly yearlyTarget: number;
  readonly periodTarget: number;
  readonly pctOfTarget: number;
}

/**
 * QĐ 468 dossiers per officer against the yearly target of the hall's level, pro-rated to the
 * period; one hall row (per officer on average) then its officers. The period is the month, or for
 * the month that holds `today` (YYYY-MM-DD) its days up to today: a month under way is measured
 * against the days it has had, not against all of them.
 */
export async function productivity468(pool: Pool, month: string, district: string | null, today: string | null = null): Promise<Productivity468Row[]> {
  const whole = monthDays(month);
  if (!whole) throw new RangeError(`month must be YYYY-MM, got ${month}`);
  const range = today !== null && today.slice(0, 7) === month ? { from: whole.from, to: today, days: Number(today.slice(8, 10)) } : whole;
  const { rows } = await pool.query<{ hall_id: string; name: string; level: string; officer_id: string; dossiers: number }>(
    `SELECT h.id AS hall_id, h.name, h.level, d.officer_id, sum(d.dossiers)::int AS dossiers
       FROM daily_rollups d JOIN halls h ON h.id = d.hall_id
      WHERE d.business_date BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR h.district = $3) AND d.officer_id <> '(none)'
      GROUP BY h.id, d.officer_id ORDER BY h.id, d.officer_id`,
    [range.from, range.to, district],
  );
  const out: Productivity468Row[] = [];
  const byHall = new Map<string, typeof rows>();
  for (const r of rows) byHall.set(r.hall_id, [...(byHall.get(r.hall_id) ?? []), r]);
  for (const [hallId, officers] of byHall) {
    const first = officers[0];
    if (!first) continue;
    const level = first.level as HallLevel;
    const total = officers.reduce((s, o) => s + o.dossiers, 0);
    const perOfficer = Math.round(total / officers.length);
    out.push({ hallId, name: first.name, level, officerId: null, ...officerProductivity(perOfficer, range.days, level) });
    for (const o of officers) out.push({ hallId, name: first.name, level, officerId: o.officer_id, ...officerProductivity(o.dossiers, range.days, level) });
  }
  return out;
}

export interface AlertRow {
  readonly id: number;
  readonly hallId: string;
  readonly kind: string;
  readonly seq: number | null;
  readonly detail: string;
  readonly raisedAt: string;
}

export async function openAlerts(pool: Pool, district: string | null): Promise<AlertRow[]> {
  const { rows } = await pool.query<{ id: number; hall_id: string; kind: string; seq: number | null; detail: string; raised_at: Date }>(
    `SELECT a.id, a.hall_id, a.kind, a.seq, a.detail, a.raised_at FROM alerts a JOIN halls h ON h.id = a.hall_id
      WHERE a.cleared_at IS NULL AND ($1::text IS NULL OR h.district = $1) ORDER BY a.raised_at DESC LIMIT 500`,
    [district],
  );
  return rows.map((r) => ({ id: r.id, hallId: r.hall_id, kind: r.kind, seq: r.seq, detail: r.detail, raisedAt: r.raised_at.toISOString() }));
}
