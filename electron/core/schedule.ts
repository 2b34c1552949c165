/**
 * Opening hours, breaks, holidays and the issue window of one business day.
 * Breaks are the gaps between a day's periods.
 */
import type { ScheduleConfig } from '../common/hall-config.ts';
import type { ErrorCode } from '../common/errors.ts';
import { epochOfLocal, weekdayOf, businessDateOf, addDays } from './business-time.ts';

export interface DayPlan {
  readonly businessDate: string;
  readonly working: boolean;
  readonly holiday: boolean;
  /** Working periods as instants, in order. */
  readonly periods: ReadonlyArray<{ readonly from: number; readonly to: number }>;
  /** Kiosks issue tickets from issueOpensAt (inclusive) to issueCutoffAt (exclusive). */
  readonly issueOpensAt: number | null;
  readonly issueCutoffAt: number | null;
  /** End of the last period. */
  readonly closesAt: number | null;
  /** When open tickets are closed as end-of-day. */
  readonly endOfDayAt: number | null;
}

/** Plans are pure functions of (schedule, date): memoised per schedule object, a few dates each. */
const plans = new WeakMap<ScheduleConfig, Map<string, DayPlan>>();

export function dayPlan(schedule: ScheduleConfig, businessDate: string): DayPlan {
  let byDate = plans.get(schedule);
  if (!byDate) {
    byDate = new Map();
    plans.set(schedule, byDate);
  }
  let plan = byDate.get(businessDate);
  if (!plan) {
    if (byDate.size > 64) byDate.clear();
    plan = computeDayPlan(schedule, businessDate);
    byDate.set(businessDate, plan);
  }
  return plan;
}

function computeDayPlan(schedule: ScheduleConfig, businessDate: string): DayPlan {
  const tz = schedule.timeZone;
  const holiday = schedule.holidays.includes(businessDate);
  const extra = schedule.extraWorkingDays.find((d) => d.date === businessDate);
  const local = extra ? extra.periods : holiday ? [] : schedule.weekly[weekdayOf(businessDate)];
  const periods = [...local]
    .sort((a, b) => (a.from < b.from ? -1 : 1))
    .map((p) => ({ from: epochOfLocal(businessDate, p.from, tz), to: epochOfLocal(businessDate, p.to, tz) }));
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (!first || !last) {
    return { businessDate, working: false, holiday, periods: [], issueOpensAt: null, issueCutoffAt: null, closesAt: null, endOfDayAt: null };
  }
  const minute = 60_000;
  return {
    businessDate,
    working: true,
    holiday: holiday && !extra,
    periods,
    issueOpensAt: first.from - schedule.issueOpensMinutesBefore * minute,
    issueCutoffAt: last.to - schedule.issueCutoffMinutesBeforeClose * minute,
    closesAt: last.to,
    endOfDayAt: last.to + schedule.endOfDayGraceMinutes * minute,
  };
}

export type IssueWindow =
  | { readonly open: true; readonly plan: DayPlan }
  | { readonly open: false; readonly code: ErrorCode; readonly plan: DayPlan; readonly reopensAt: number | null };

/** Whether a kiosk may issue a ticket at `now`, and if not, why and when it may again. */
export function issueWindowAt(schedule: ScheduleConfig, now: number): IssueWindow {
  const plan = dayPlan(schedule, businessDateOf(now, schedule.timeZone));
  const reopensAt = () => nextIssueOpening(schedule, now);
  if (!plan.working || plan.issueOpensAt === null || plan.issueCutoffAt === null) {
    return { open: false, code: plan.holiday ? 'HOLIDAY' : 'HALL_CLOSED', plan, reopensAt: reopensAt() };
  }
  if (now < plan.issueOpensAt) return { open: false, code: 'HALL_CLOSED', plan, reopensAt: plan.issueOpensAt };
  if (now >= plan.issueCutoffAt) return { open: false, code: 'ISSUE_CUTOFF_PASSED', plan, reopensAt: reopensAt() };
  if (!schedule.issueDuringBreaks) {
    const inPeriod = plan.periods.some((p) => now >= p.from && now < p.to);
    const beforeFirst = now < (plan.periods[0]?.from ?? 0);
    if (!inPeriod && !beforeFirst) {
      const next = plan.periods.find((p) => p.from > now);
      return { open: false, code: 'ON_BREAK', plan, reopensAt: next ? next.from : null };
    }
  }
  return { open: true, plan };
}

/** The next instant after `now` at which issuing opens, looking ahead up to 31 days. */
export function nextIssueOpening(schedule: ScheduleConfig, now: number): number | null {
  let date = businessDateOf(now, schedule.timeZone);
  for (let i = 0; i < 32; i += 1) {
    const plan = dayPlan(schedule, date);
    if (plan.working && plan.issueOpensAt !== null && plan.issueCutoffAt !== null && plan.issueCutoffAt > now) {
      return Math.max(plan.issueOpensAt, now);
    }
    date = addDays(date, 1);
  }
  return null;
}
