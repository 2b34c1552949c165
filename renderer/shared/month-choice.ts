/**
 * A month chosen as a month of the year and a year (MonthField.svelte), whatever the browser's
 * locale: the value is YYYY-MM, as the routes take `month` (reports, province rankings). Pure.
 */

/** The month's number, "01" to "12", as the month list's values. */
export const MONTH_NUMBERS: readonly string[] = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const YEAR = /^\s*(\d{4})\s*$/;

/** The value when it is YYYY-MM with a month 01–12, else null (an emptied or half-typed field). */
export function validMonth(value: string): string | null {
  return MONTH.test(value) ? value : null;
}

/** "2026-12" as its year and month ("2026", "12"); null when it is not a month. */
export function monthParts(value: string): { readonly year: string; readonly month: string } | null {
  const m = MONTH.exec(value);
  return m ? { year: m[1]!, month: m[2]! } : null;
}

/** "2026-12" as "12/2026", the way Vietnamese screens write a month. */
export function showMonth(value: string): string {
  const parts = monthParts(value);
  return parts ? `${parts.month}/${parts.year}` : value;
}

/** The months a field offers, both ends included, YYYY-MM. */
export interface MonthBounds {
  readonly min: string;
  readonly max: string;
}

export type MonthChoice =
  | { readonly ok: true; readonly value: string }
  /** `field`: the one to correct, the year when it is not a year of the bounds, else the month. */
  | { readonly ok: false; readonly field: 'year' | 'month' };

/**
 * The month chosen from the year as typed and the month's number ("01"–"12"), when it lies in the
 * bounds (YYYY-MM strings compare as months do).
 */
export function chooseMonth(yearText: string, month: string, bounds: MonthBounds): MonthChoice {
  const year = YEAR.exec(yearText)?.[1];
  if (year === undefined || year < bounds.min.slice(0, 4) || year > bounds.max.slice(0, 4)) return { ok: false, field: 'year' };
  const value = validMonth(`${year}-${month}`);
  if (value === null || value < bounds.min || value > bounds.max) return { ok: false, field: 'month' };
  return { ok: true, value };
}
