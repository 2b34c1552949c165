/**
 * Dates, times and figures as Vietnamese screens show them: dd/mm/yyyy and 24-hour HH:mm in the
 * hall's time zone; decimals with a comma (7,5).
 */

export const HALL_TIME_ZONE = 'Asia/Ho_Chi_Minh';

function parts(epochMs: number, timeZone: string): Record<string, string> {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(fmt.formatToParts(epochMs).map((p) => [p.type, p.value]));
}

export function formatDate(epochMs: number, timeZone = HALL_TIME_ZONE): string {
  const p = parts(epochMs, timeZone);
  return `${p.day}/${p.month}/${p.year}`;
}

export function formatTime(epochMs: number, timeZone = HALL_TIME_ZONE): string {
  const p = parts(epochMs, timeZone);
  return `${p.hour}:${p.minute}`;
}

export function formatDateTime(epochMs: number, timeZone = HALL_TIME_ZONE): string {
  return `${formatDate(epochMs, timeZone)} ${formatTime(epochMs, timeZone)}`;
}

/** The business date (YYYY-MM-DD) of an instant in the hall's time zone. */
export function businessDate(epochMs: number, timeZone = HALL_TIME_ZONE): string {
  const p = parts(epochMs, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Whole minutes elapsed, never negative. */
export function minutesSince(fromMs: number, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - fromMs) / 60_000));
}

/** A business date shown as dd/mm/yyyy. */
export function showBusinessDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** A figure as the language writes it, at most `digits` decimals: 7,5 in Vietnamese, 7.5 in English; — when absent. */
export function formatFigure(value: number | null, lang: 'vi' | 'en', digits = 1): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits, useGrouping: false }).format(value);
}

/** A percentage: 96,5% in Vietnamese; — when absent (never "—%"). */
export function formatPercent(value: number | null, lang: 'vi' | 'en', digits = 1): string {
  return value === null ? '—' : `${formatFigure(value, lang, digits)}%`;
}
