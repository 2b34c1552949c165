/**
 * A KPI report as a plain table: the columns every export shares (CSV, XLSX, PDF), with
 * machine names and Vietnamese headings. Numbers stay numbers; null (no data) stays empty.
 */
import type { KpiRow } from '../../core/kpi.ts';
import type { Cell, CellFormat } from './xlsx.ts';

export type { Cell };

export interface Column {
  readonly field: keyof KpiRow;
  readonly vi: string;
  /** How a spreadsheet shows the column (xlsx.ts). */
  readonly format: CellFormat;
}

export const KPI_COLUMNS: readonly Column[] = [
  { field: 'key', vi: 'Nhóm', format: 'text' },
  { field: 'tickets', vi: 'Số lượt', format: 'integer' },
  { field: 'served', vi: 'Đã phục vụ', format: 'integer' },
  { field: 'noShows', vi: 'Vắng mặt', format: 'integer' },
  { field: 'waitMeanMin', vi: 'Chờ TB (phút)', format: 'decimal2' },
  { field: 'waitMedianMin', vi: 'Chờ trung vị (phút)', format: 'decimal2' },
  { field: 'waitP90Min', vi: 'Chờ P90 (phút)', format: 'decimal2' },
  { field: 'withinWaitTargetPct', vi: 'Chờ đạt mục tiêu (%)', format: 'percent1' },
  { field: 'serviceMeanMin', vi: 'Phục vụ TB (phút)', format: 'decimal2' },
  { field: 'withinServiceTargetPct', vi: 'Phục vụ đạt mục tiêu (%)', format: 'percent1' },
  { field: 'ratings', vi: 'Lượt đánh giá', format: 'integer' },
  { field: 'satisfactionPct', vi: 'Hài lòng (%)', format: 'percent1' },
];

export function kpiCells(row: KpiRow): Cell[] {
  return KPI_COLUMNS.map((c) => row[c.field]);
}

const WEEKDAYS_VI = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'] as const;

/**
 * A time bucket's key (core/kpi.ts: "2026-03-02 08:00", "2026-03", "1 08:00" with ISO weekday 1 =
 * Monday) as a Vietnamese reader expects it in a spreadsheet: "02/03/2026 08:00", "03/2026",
 * "Thứ Hai 08:00". Any other key (a day, which the sheet formats as a date; a service or counter
 * id) is returned as it is.
 */
export function timeBucketLabel(key: string): string {
  const hour = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}:00)$/.exec(key);
  if (hour) return `${hour[3]}/${hour[2]}/${hour[1]} ${hour[4]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) return `${month[2]}/${month[1]}`;
  const weekdayHour = /^([1-7]) (\d{2}:00)$/.exec(key);
  if (weekdayHour) return `${WEEKDAYS_VI[Number(weekdayHour[1]) - 1]} ${weekdayHour[2]}`;
  return key;
}
