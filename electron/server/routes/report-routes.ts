/**
 * Exports for supervisors and the province: every KPI table as CSV or XLSX (the getKpis query:
 * from, to, groupBy), the month as JSON for the provincial one-stop system, and the monthly PDF
 * report (one page, to sign).
 */
import { z } from 'zod';
import { DomainError } from '../../common/errors.ts';
import { provincialReportResponse } from '../../common/report-responses.ts';
import { businessDateOf } from '../../core/business-time.ts';
import { route, type Route } from '../http/route.ts';
import { kpiCsv } from '../reports/csv.ts';
import { monthlyPdf, vietnameseDateline } from '../reports/monthly-pdf.ts';
import { monthlyFigures, monthRange, provincialJson } from '../reports/monthly.ts';
import { groupingNames, reportNames } from '../reports/period-report.ts';
import { KPI_COLUMNS, kpiCells, timeBucketLabel } from '../reports/table.ts';
import type { SheetColumn } from '../reports/xlsx.ts';
import { xlsxBook } from '../reports/xlsx.ts';
import type { RouteDeps } from './deps.ts';
import { kpiQueryOf, kpiQueryParameters, kpiReport, type KpiQuery } from './kpi-routes.ts';

const REPORTS = { devices: ['dashboard'] } as const;
const monthQuery = z.object({ month: z.string().optional().describe('The month, YYYY-MM.') });

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function monthOf(query: z.output<typeof monthQuery>): string {
  const month = query.month ?? '';
  if (!monthRange(month))
    throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'month', message: 'use YYYY-MM, e.g. "2026-03"', code: 'invalid_string' }] });
  return month;
}

/** `officerNames`: staff ids and usernames to display names (store/report-queries.ts staffNames). */
export function reportRoutes(deps: RouteDeps, officerNames: () => ReadonlyMap<string, string>): Route[] {
  const { hall, kpis } = deps;
  const namesOf = (q: KpiQuery) => groupingNames(q.groupBy, hall.config, reportNames(hall.config, officerNames()));
  const fileStem = (q: KpiQuery): string => `kpi-${q.groupBy}-${q.from}_${q.to}`;
  return [
    route({
      method: 'GET',
      path: '/api/v1/reports/kpis.csv',
      operationId: 'exportKpisCsv',
      tag: 'reports',
      logs: [],
      summary:
        'A KPI table (the getKpis query: from, to, groupBy) as CSV, UTF-8 with BOM, field names as header; grouped by service, counter, officer or procedure, a name column follows the key.',
      access: REPORTS,
      query: kpiQueryParameters,
      success: { contentType: 'text/csv' },
      handler: ({ query }) => {
        const q = kpiQueryOf(hall, query);
        const report = kpiReport(kpis, hall.config, q);
        return {
          status: 200,
          body: null,
          file: { contentType: 'text/csv; charset=utf-8', fileName: `${fileStem(q)}.csv`, bytes: kpiCsv(report.rows, namesOf(q)) },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/reports/kpis.xlsx',
      operationId: 'exportKpisXlsx',
      tag: 'reports',
      logs: [],
      summary:
        'A KPI table (the getKpis query: from, to, groupBy) as an Excel workbook with Vietnamese headings and number formats; grouped by service, counter, officer or procedure, a name column follows the key.',
      access: REPORTS,
      query: kpiQueryParameters,
      success: { contentType: XLSX_TYPE },
      handler: ({ query }) => {
        const q = kpiQueryOf(hall, query);
        const report = kpiReport(kpis, hall.config, q);
        const nameOf = namesOf(q);
        const columns: SheetColumn[] = KPI_COLUMNS.map((c) => ({ heading: c.vi, format: c.field === 'key' && q.groupBy === 'day' ? 'date' : c.format }));
        if (nameOf) columns.splice(1, 0, { heading: 'Tên', format: 'text' });
        const rows = report.rows.map((r) => {
          const cells = kpiCells(r);
          if (q.groupBy === 'hour' || q.groupBy === 'month' || q.groupBy === 'weekday_hour') cells[0] = timeBucketLabel(r.key);
          if (nameOf) cells.splice(1, 0, nameOf(r.key));
          return cells;
        });
        const bytes = xlsxBook([{ name: `KPI ${q.groupBy}`, columns, rows }]);
        return { status: 200, body: null, file: { contentType: XLSX_TYPE, fileName: `${fileStem(q)}.xlsx`, bytes } };
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/reports/provincial',
      operationId: 'exportProvincialJson',
      tag: 'reports',
      logs: [],
      summary:
        'One month (month=YYYY-MM) for the provincial one-stop system: agency code, totals, rows by service, procedure (mã TTHC) and day, QĐ 766 dossier satisfaction.',
      access: REPORTS,
      query: monthQuery,
      success: { body: provincialReportResponse },
      handler: ({ query }) => {
        const month = monthOf(query);
        return { status: 200, body: provincialJson(hall.config, monthlyFigures(kpis, hall.config, month), hall.now()) };
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/reports/monthly.pdf',
      operationId: 'exportMonthlyPdf',
      tag: 'reports',
      logs: [],
      summary: 'The monthly report (month=YYYY-MM) as one A4 PDF page with charts and a signature block.',
      access: REPORTS,
      query: monthQuery,
      success: { contentType: 'application/pdf' },
      handler: async ({ query }) => {
        const month = monthOf(query);
        const today = businessDateOf(hall.now(), hall.config.schedule.timeZone);
        const bytes = await monthlyPdf(hall.config, monthlyFigures(kpis, hall.config, month), {
          place: hall.config.hall.place ?? '……………',
          date: vietnameseDateline(today),
        });
        return { status: 200, body: null, file: { contentType: 'application/pdf', fileName: `bao-cao-${month}.pdf`, bytes } };
      },
    }),
  ];
}
