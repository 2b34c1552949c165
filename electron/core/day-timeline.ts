/**
 * The floor over one business day, for the dashboard's live charts: per service, the people
 * waiting at each step (a quarter hour) and the mean wait of the tickets first called in that
 * step, from `from` up to `now`. Pure: tickets in, series out.
 *
 * Contract:
 * - `times[0]` is `from`; then every `from + k·step` before `now`; the last point is `now` itself,
 *   so the line always reaches the present.
 * - A ticket is waiting at instant t when it was issued at or before t and neither called nor
 *   closed (cancelled, closed at end of day) by t. A ticket transferred after its first call is
 *   counted in the service it ended in, up to that first call (the KPI wait).
 * - `waitMeanMin[k]` (k ≥ 1) is the mean KPI wait (core/kpi.ts waitMs: from issue, or from the
 *   slot of an early appointment) of the tickets whose first call falls in (times[k−1], times[k]],
 *   in minutes with 2 decimals; null when no ticket of the service was called then. `waitMeanMin[0]`
 *   is always null. These are the same waits the reports average, bucketed by call time.
 */
import { waitMs, type TicketFacts } from './kpi.ts';

export type WaitInterval = Pick<TicketFacts, 'serviceId' | 'issuedAt' | 'slotStart' | 'firstCalledAt'> & {
  /** When the ticket left the queue without a call (cancelled, end of day); null otherwise. */
  readonly closedAt: number | null;
};

export interface ServiceTimeline {
  readonly serviceId: string;
  readonly waiting: readonly number[];
  readonly waitMeanMin: readonly (number | null)[];
}

export interface DayTimeline {
  readonly stepMinutes: number;
  /** UTC epoch milliseconds, increasing; the last one is `now`. */
  readonly times: readonly number[];
  readonly services: readonly ServiceTimeline[];
}

export interface DayTimelineOptions {
  /** Services in the order to show them; tickets of other services are left out. */
  readonly serviceIds: readonly string[];
  readonly from: number;
  readonly now: number;
  readonly stepMinutes?: number;
}

const MINUTE_MS = 60_000;

/** The instants of the timeline: from, every step after it before now, and now. */
export function timelineTimes(from: number, now: number, stepMs: number): number[] {
  const times = [from];
  for (let t = from + stepMs; t < now; t += stepMs) times.push(t);
  if (now > from) times.push(now);
  return times;
}

export function dayTimeline(tickets: readonly WaitInterval[], options: DayTimelineOptions): DayTimeline {
  const stepMinutes = options.stepMinutes ?? 15;
  const times = timelineTimes(options.from, Math.max(options.from, options.now), stepMinutes * MINUTE_MS);
  const index = new Map(options.serviceIds.map((id, i) => [id, i]));
  const series = options.serviceIds.map(() => ({
    waiting: new Array<number>(times.length).fill(0),
    waitSum: new Array<number>(times.length).fill(0),
    calls: new Array<number>(times.length).fill(0),
  }));
  for (const ticket of tickets) {
    const s = index.get(ticket.serviceId);
    const into = s === undefined ? undefined : series[s];
    if (!into) continue;
    const leftAt = ticket.firstCalledAt ?? ticket.closedAt ?? Number.POSITIVE_INFINITY;
    times.forEach((t, k) => {
      if (ticket.issuedAt <= t && leftAt > t) into.waiting[k]! += 1;
    });
    const wait = waitMs(ticket);
    const calledAt = ticket.firstCalledAt;
    if (wait === null || calledAt === null) continue;
    // The step k ≥ 1 whose interval (times[k−1], times[k]] holds the call; calls at or before `from` are outside the chart.
    const k = times.findIndex((t, i) => i > 0 && calledAt <= t && calledAt > times[i - 1]!);
    if (k < 1) continue;
    into.waitSum[k]! += wait;
    into.calls[k]! += 1;
  }
  return {
    stepMinutes,
    times,
    services: options.serviceIds.map((serviceId, s) => ({
      serviceId,
      waiting: series[s]!.waiting,
      waitMeanMin: series[s]!.calls.map((n, k) => (n === 0 ? null : Math.round(series[s]!.waitSum[k]! / n / 600) / 100)),
    })),
  };
}

const QUARTER_HOUR_MS = 15 * MINUTE_MS;

/**
 * Where the day's chart starts: the quarter hour of the day's first ticket; before any ticket, the
 * first working period (a chart of a quiet morning still starts at opening). Floored to a quarter
 * hour (every zone offset is a multiple of 15 minutes, so this is a local quarter hour too), never
 * before the business day starts nor after now. A hall open around the clock thus charts from its
 * first ticket, not from midnight.
 */
export function timelineStart(dayStart: number, firstPeriodFrom: number | null, firstIssuedAt: number | null, now: number): number {
  const start = Math.min(now, firstIssuedAt ?? firstPeriodFrom ?? now);
  return Math.max(dayStart, Math.floor(start / QUARTER_HOUR_MS) * QUARTER_HOUR_MS);
}
