/**
 * A KPI report as a plain table: the columns every export shares (CSV, XLSX, PDF), with
 * machine names and Vietnamese headings. Numbers stay numbers; null (no data) stays empty.
 */
import type { KpiRow } from '../../core/kpi.ts';

export interface Column {
  readonly field: keyof KpiRow;
  readonly vi: string;
}

export const KPI_COLUMNS: readonly Column[] = [
  { field: 'key', vi: 'Nhóm' },
  { field: 'tickets', vi: 'Số lượt' },
  { field: 'served', vi: 'Đã phục vụ' },
  { field: 'noShows', vi: 'Vắng mặt' },
  { field: 'waitMeanMin', vi: 'Chờ TB (phút)' },
  { field: 'waitMedianMin', vi: 'Chờ trung vị (phút)' },
  { field: 'waitP90Min', vi: 'Chờ P90 (phút)' },
  { field: 'withinWaitTargetPct', vi: 'Chờ đạt mục tiêu (%)' },
  { field: 'serviceMeanMin', vi: 'Phục vụ TB (phút)' },
  { field: 'withinServiceTargetPct', vi: 'Phục vụ đạt mục tiêu (%)' },
  { field: 'ratings', vi: 'Lượt đánh giá' },
  { field: 'satisfactionPct', vi: 'Hài lòng (%)' },
];

export type Cell = string | number | null;

export function kpiCells(row: KpiRow): Cell[] {
  return KPI_COLUMNS.map((c) => row[c.field]);
}
