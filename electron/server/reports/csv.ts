/**
 * CSV (RFC 4180) of a KPI table: a UTF-8 byte order mark so spreadsheet programs read the
 * Vietnamese correctly, the machine field names as header, CRLF line ends, empty for no data.
 */
import type { KpiRow } from '../../core/kpi.ts';
import { KPI_COLUMNS, kpiCells, type Cell } from './table.ts';

function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function kpiCsv(rows: readonly KpiRow[]): string {
  const lines = [KPI_COLUMNS.map((c) => c.field).join(','), ...rows.map((r) => kpiCells(r).map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
