/**
 * The queries of the dashboard's exports from the fields of its card (ExportDownloads.svelte), and
 * of its report tab's range (Reports.svelte). Pure.
 *
 * The supervisor types business days (Asia/Ho_Chi_Minh) as dd/mm/yyyy; the routes take `from` and
 * `to` as YYYY-MM-DD, both ends included, `to` not before `from`, at most MAX_KPI_SPAN_DAYS days
 * (the limit the KPI tables and the dossier list are validated with). The report tab's range
 * (Reports.svelte) is typed and checked the same way: its reads have the same limit. The monthly
 * PDF and the provincial JSON take `month` as YYYY-MM (renderer/shared/month-choice.ts).
 */
import { MAX_KPI_SPAN_DAYS } from '../../electron/common/report-limits.ts';

const DAY_MS = 86_400_000;
const DMY = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/;

/** "05/12/2026" (or "5/12/2026") as "2026-12-05"; null when it is not that shape or not a day of the calendar. */
export function parseDmy(text: string): string | null {
  const m = DMY.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export type RangeCheck =
  | { readonly ok: true; readonly from: string; readonly to: string; readonly days: number }
  | { readonly ok: false; readonly field: 'from' | 'to'; readonly problem: 'invalid' }
  | { readonly ok: false; readonly field: 'to'; readonly problem: 'inverted'; readonly from: string; readonly to: string }
  | { readonly ok: false; readonly field: 'to'; readonly problem: 'tooLong'; readonly days: number };

/** The range the routes accept, or the first problem of the typed dates (the field to correct first). */
export function checkRange(fromText: string, toText: string): RangeCheck {
  const from = parseDmy(fromText);
  if (from === null) return { ok: false, field: 'from', problem: 'invalid' };
  const to = parseDmy(toText);
  if (to === null) return { ok: false, field: 'to', problem: 'invalid' };
  if (to < from) return { ok: false, field: 'to', problem: 'inverted', from, to };
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days > MAX_KPI_SPAN_DAYS) return { ok: false, field: 'to', problem: 'tooLong', days };
  return { ok: true, from, to, days };
}
