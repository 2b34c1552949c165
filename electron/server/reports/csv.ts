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

/** With `nameOf`, a `name` column follows the key (the service's, counter's or officer's name; empty when unknown). */
export function kpiCsv(rows: readonly KpiRow[], nameOf: ((key: string) => string | null) | null = null): string {
  const header: string[] = KPI_COLUMNS.map((c) => c.field);
  if (nameOf) header.splice(1, 0, 'name');
  const line = (r: KpiRow): string => {
    const cells = kpiCells(r);
    if (nameOf) cells.splice(1, 0, nameOf(r.key));
    return cells.map(csvCell).join(',');
  };
  const lines = [header.join(','), ...rows.map(line)];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
