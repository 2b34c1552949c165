/**
 * The figures behind the dashboard's live charts, re-read from the hall: today's timeline
 * (getTodayTimeline), today's KPI rows by hour and by counter, and the last 30 days by day
 * (getKpis). `refresh()` is called on every stream event (a ticket issued, called, finished,
 * rated), coalesced so a burst costs one round of reads, and on a timer so the "now" end of the
 * timeline moves on a quiet floor. The business day is the server's (the timeline's date), not
 * the browser's. Failed reads keep the last figures (the connection badge says the hall is lost).
 */
import type { HallApi } from '../shared/hall-api.ts';
import type { KpiRow, TodayTimeline } from '../shared/api/types.ts';

/** Days of satisfaction shown, today included. */
export const SATISFACTION_DAYS = 30;
const DAY_MS = 86_400_000;

/** YYYY-MM-DD `days` before a calendar date (pure calendar arithmetic, no time zone). */
export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

export class LiveCharts {
  timeline = $state.raw<TodayTimeline | null>(null);
  byHour = $state.raw<readonly KpiRow[]>([]);
  byCounter = $state.raw<readonly KpiRow[]>([]);
  byDay = $state.raw<readonly KpiRow[]>([]);
  /** Reads completed; a test or a screen reader can tell a fresh set arrived. */
  loads = $state(0);
  readonly #api: HallApi;
  #loading = false;
  #again = false;

  constructor(api: HallApi) {
    this.#api = api;
  }

  /** Re-reads everything; a call while a read runs schedules exactly one more read after it. */
  async refresh(): Promise<void> {
    if (this.#loading) {
      this.#again = true;
      return;
    }
    this.#loading = true;
    try {
      do {
        this.#again = false;
        await this.#load();
      } while (this.#again);
    } finally {
      this.#loading = false;
    }
  }

  async #load(): Promise<void> {
    try {
      const timeline = await this.#api.todayTimeline();
      const today = timeline.businessDate;
      const [hours, counters, days] = await Promise.all([
        this.#api.kpis({ from: today, to: today, groupBy: 'hour' }),
        this.#api.kpis({ from: today, to: today, groupBy: 'counter' }),
        this.#api.kpis({ from: daysBefore(today, SATISFACTION_DAYS - 1), to: today, groupBy: 'day' }),
      ]);
      this.timeline = timeline;
      this.byHour = hours.rows;
      this.byCounter = counters.rows;
      this.byDay = days.rows;
      this.loads += 1;
    } catch {
      // keeps the last figures while the hall is unreachable
    }
  }
}
