/**
 * KPIs: wait and service times against the hall targets over a range of business days, grouped
 * (core/kpi.ts holds the definitions). The display reads today's average wait; the dashboard
 * reads reports. The CLI `kpis` command builds the same report from the same query schema.
 */
import { z } from 'zod';
import { DomainError } from '../../common/errors.ts';
import { kpiReportResponse, priorityDeclarationsResponse } from '../../common/hall-responses.ts';
import type { HallConfig, TargetsConfig } from '../../common/hall-config.ts';
import { MAX_KPI_SPAN_DAYS } from '../../common/report-limits.ts';
import { addDays, businessDateOf } from '../../core/business-time.ts';
import { computeKpis, isAttributeGroupBy, KPI_GROUP_BY, type KpiGroupBy, type KpiRow } from '../../core/kpi.ts';
import type { KpiQueries } from '../../store/kpi-queries.ts';
import { route, type Route } from '../http/route.ts';
import type { RouteDeps } from './deps.ts';

const DAY_MS = 86_400_000;

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
/** One issue per wrong date: the shape first, then whether the calendar has that day. */
const businessDate = z
  .string()
  .regex(DATE_SHAPE, 'use YYYY-MM-DD, e.g. "2026-03-02"')
  .refine((d) => !DATE_SHAPE.test(d) || addDays(d, 0) === d, 'no such calendar date; use YYYY-MM-DD, e.g. "2026-03-02"');

export const kpiQuerySchema = z
  .object({
    from: businessDate,
    to: businessDate,
    groupBy: z.enum(KPI_GROUP_BY).default('none'),
  })
  .superRefine((q, ctx) => {
    if (q.to < q.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `"to" (${q.to}) must not be before "from" (${q.from})` });
      return;
    }
    const days = (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS + 1;
    if (days > MAX_KPI_SPAN_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `the range spans ${days} days; ask for at most ${MAX_KPI_SPAN_DAYS} at a time` });
    }
  });
export type KpiQuery = z.output<typeof kpiQuerySchema>;

export interface KpiQueryIssue {
  readonly path: string;
  readonly message: string;
  readonly code: string;
}

/** The validated query, or the issues naming each wrong field. */
export function parseKpiQuery(input: Record<string, unknown>): { ok: true; query: KpiQuery } | { ok: false; issues: KpiQueryIssue[] } {
  const result = kpiQuerySchema.safeParse(input);
  if (result.success) return { ok: true, query: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({ path: i.path.join('.') || '(query)', message: i.message, code: i.code })),
  };
}

/**
 * The query string of getKpis and of the KPI table exports. The dates are checked by
 * kpiQuerySchema once their defaults (today, from) are known.
 */
export const kpiQueryParameters = z.object({
  from: z.string().optional().describe('First business day, YYYY-MM-DD (default: today in the hall time zone).'),
  to: z.string().optional().describe('Last business day, YYYY-MM-DD, at most 366 days after from (default: from).'),
  groupBy: z.enum(KPI_GROUP_BY).optional().describe('Grouping of the rows (default none: one row keyed "all").'),
});
export type KpiQueryParameters = z.output<typeof kpiQueryParameters>;

/** The validated KPI query of a request, with today (in the hall's zone) as the default day. */
export function kpiQueryOf(hall: { now(): number; readonly config: HallConfig }, query: KpiQueryParameters): KpiQuery {
  const from = query.from ?? businessDateOf(hall.now(), hall.config.schedule.timeZone);
  const parsed = parseKpiQuery({ from, to: query.to ?? from, groupBy: query.groupBy });
  if (!parsed.ok) throw new DomainError('VALIDATION_FAILED', { issues: parsed.issues });
  return parsed.query;
}

export interface KpiReport {
  readonly from: string;
  readonly to: string;
  readonly groupBy: KpiGroupBy;
  readonly targets: TargetsConfig;
  readonly rows: KpiRow[];
}

export function kpiReport(kpis: KpiQueries, config: HallConfig, query: KpiQuery): KpiReport {
  // Attribute groupings are aggregated in the database; time buckets need the hall's zone rules.
  const rows = isAttributeGroupBy(query.groupBy)
    ? kpis.kpiRows(query.from, query.to, query.groupBy, config.targets)
    : computeKpis(kpis.ticketFacts(query.from, query.to), { groupBy: query.groupBy, targets: config.targets, timeZone: config.schedule.timeZone });
  return { from: query.from, to: query.to, groupBy: query.groupBy, targets: config.targets, rows };
}

export function kpiRoutes(deps: RouteDeps): Route[] {
  const { hall, kpis } = deps;
  return [
    route({
      method: 'GET',
      path: '/api/v1/kpis',
      operationId: 'getKpis',
      tag: 'reports',
      logs: [],
      summary:
        'KPIs of the business days from..to (YYYY-MM-DD, at most 366 days; from defaults to today, to to from), ' +
        'grouped by none|service|counter|officer|procedure|day|hour|month|weekday_hour: tickets, served, no-shows, wait mean/median/p90 ' +
        'and share within the wait target, service mean and share within the service target, ratings and satisfaction %.',
      access: { devices: ['dashboard', 'display'] },
      query: kpiQueryParameters,
      success: { body: kpiReportResponse },
      handler: ({ query }) => ({ status: 200, body: kpiReport(kpis, hall.config, kpiQueryOf(hall, query)) }),
    }),
    route({
      method: 'GET',
      path: '/api/v1/reports/priorities',
      operationId: 'getPriorityDeclarations',
      tag: 'reports',
      logs: [],
      summary:
        'Priorities per business day from..to (as getKpis): tickets, elderly verified from a chip by the hall, priorities declared by ' +
        'citizens, and of those the ones officers confirmed or cleared. The dashboard shows the declared share, so misuse is visible.',
      access: { devices: ['dashboard'] },
      query: kpiQueryParameters.pick({ from: true, to: true }),
      success: { body: priorityDeclarationsResponse },
      handler: ({ query }) => {
        const { from, to } = kpiQueryOf(hall, query);
        return { status: 200, body: { from, to, days: deps.priorities.byDay(from, to) } };
      },
    }),
  ];
}
