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
