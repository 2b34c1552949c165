/**
 * The `period` of getPeriodReport and its exports from the report page's fields: "2026-03",
 * "2026-Q1" or "2026" (server: core/report-period.ts parsePeriod); null while a field is not valid.
 */
export type PeriodKind = 'month' | 'quarter' | 'year';

export function periodName(kind: PeriodKind, fields: { readonly month: string; readonly year: number; readonly quarter: number }): string | null {
  const year = Number.isInteger(fields.year) && fields.year >= 1000 && fields.year <= 9999 ? String(fields.year) : null;
  switch (kind) {
    case 'month':
      return /^\d{4}-(0[1-9]|1[0-2])$/.test(fields.month) ? fields.month : null;
    case 'quarter':
      return year !== null && [1, 2, 3, 4].includes(fields.quarter) ? `${year}-Q${fields.quarter}` : null;
    case 'year':
      return year;
  }
}
