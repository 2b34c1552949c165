/**
 * Folding getKpis rows into the dashboard's charts. Hour rows are keyed "YYYY-MM-DD HH:00" in the
 * hall's time zone; a weekday comes from the calendar date alone (no time zone arithmetic).
 */
import type { KpiRow } from '../shared/api/types.ts';

/** 0 = Monday … 6 = Sunday, from a YYYY-MM-DD calendar date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** Mean wait (minutes, weighted by served tickets… by tickets with a wait) per hour of day 0..23. */
export function waitByHour(rows: readonly KpiRow[]): (number | null)[] {
  const sum = new Array<number>(24).fill(0);
  const n = new Array<number>(24).fill(0);
  for (const row of rows) {
    const hour = Number(row.key.slice(11, 13));
    if (!Number.isInteger(hour) || row.waitMeanMin === null) continue;
    const weight = Math.max(1, row.tickets - 0);
    sum[hour]! += row.waitMeanMin * weight;
    n[hour]! += weight;
  }
  return sum.map((s, h) => (n[h]! > 0 ? Math.round((s / n[h]!) * 10) / 10 : null));
}

/** Tickets per weekday (rows 0..6, Monday first) × hour (0..23). */
export function ticketHeatmap(rows: readonly KpiRow[]): number[][] {
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const row of rows) {
    const date = row.key.slice(0, 10);
    const hour = Number(row.key.slice(11, 13));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isInteger(hour) || hour < 0 || hour > 23) continue;
    grid[weekdayOf(date)]![hour]! += row.tickets;
  }
  return grid;
}
