/**
 * The period report as the regulations count it (reports/period-report.ts): JSON for the
 * dashboard's report page, the same report as a PDF to sign and as an XLSX workbook (one sheet per
 * table), and the per-dossier export of every field the QĐ 766 ratios need
 * (regulations R1.16). The query is `period` (YYYY, YYYY-Qn, YYYY-MM) or `from`/`to`.
 */
import { z } from 'zod';
import { DomainError } from '../../common/errors.ts';
import { periodReportResponse } from '../../common/report-responses.ts';
import type { ReportPeriod } from '../../core/report-period.ts';
import type { ReportQueries } from '../../store/report-queries.ts';
import { route, type Route } from '../http/route.ts';
import { businessDateOf } from '../../core/business-time.ts';
import { dossierCsv } from '../reports/dossier-export.ts';
import { vietnameseDateline } from '../reports/monthly-pdf.ts';
import { periodPdf } from '../reports/period-pdf.ts';
import { periodReport, reportNames } from '../reports/period-report.ts';
import { periodWorkbookSheets } from '../reports/period-workbook.ts';
import { parsePeriodQuery } from '../reports/period-query.ts';
import { xlsxBook } from '../reports/xlsx.ts';
import type { RouteDeps } from './deps.ts';
import { XLSX_TYPE } from './report-routes.ts';

const REPORTS = { devices: ['dashboard'] } as const;

/** The query string; its meaning is checked by parsePeriodQuery (reports/period-query.ts). */
export const PERIOD_QUERY = z.object({
  period: z.string().optional().describe('A year (2026), a quarter (2026-Q1) or a month (2026-03); or give from and to.'),
  from: z.string().optional().describe('First business day, YYYY-MM-DD (with to, instead of period).'),
  to: z.string().optional().describe('Last business day, YYYY-MM-DD, at most 366 days after from.'),
});

function periodOf(query: z.output<typeof PERIOD_QUERY>): ReportPeriod {
  const parsed = parsePeriodQuery({ period: query.period, from: query.from, to: query.to });
  if (!parsed.ok) throw new DomainError('VALIDATION_FAILED', { issues: parsed.issues });
  return parsed.period;
}

export function periodReportRoutes(deps: RouteDeps, reports: ReportQueries, officerNames: () => ReadonlyMap<string, string>): Route[] {
  const { hall, kpis } = deps;
  return [
    route({
      method: 'GET',
      path: '/api/v1/reports/period',
      operationId: 'getPeriodReport',
      tag: 'reports',
      logs: [],
      summary:
        'The report of a period as the regulations count it: KPI rows (hall, by service, counter, officer, with names), ' +
        'TT 01/2018 scores per index, unit and officer with classification, QĐ 468 productivity (officers and hall: received, pace per year, target, met) ' +
        'and the QĐ 766 indicators (numerator, denominator, value).',
      access: REPORTS,
      query: PERIOD_QUERY,
      success: { body: periodReportResponse },
      handler: ({ query }) => {
        const period = periodOf(query);
        return { status: 200, body: periodReport(kpis, reports, hall.config, period, reportNames(hall.config, officerNames())) };
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/reports/period.pdf',
      operationId: 'exportPeriodPdf',
      tag: 'reports',
      logs: [],
      summary:
        'The period report as an A4 PDF to sign: headline figures, tables by service and officer, TT 01/2018, QĐ 468 and QĐ 766, ' +
        'the place (hall.place) and date line and the signature block.',
      access: REPORTS,
      query: PERIOD_QUERY,
      success: { contentType: 'application/pdf' },
      handler: async ({ query }) => {
        const period = periodOf(query);
        const report = periodReport(kpis, reports, hall.config, period, reportNames(hall.config, officerNames()));
        const today = businessDateOf(hall.now(), hall.config.schedule.timeZone);
        const bytes = await periodPdf(report, { place: hall.config.hall.place ?? '……………', date: vietnameseDateline(today) });
        return { status: 200, body: null, file: { contentType: 'application/pdf', fileName: `bao-cao-${period.from}_${period.to}.pdf`, bytes } };
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/reports/period.xlsx',
      operationId: 'exportPeriodXlsx',
      tag: 'reports',
      logs: [],
      summary:
        'The period report as an Excel workbook, one sheet per table (period, hall, by service, counter and officer, TT 01/2018 indices, ' +
        'unit and officers, QĐ 468 officers and hall, QĐ 766), with number formats: integers, minutes, scores, percentages, dates.',
      access: REPORTS,
      query: PERIOD_QUERY,
      success: { contentType: XLSX_TYPE },
      handler: ({ query }) => {
        const period = periodOf(query);
        const report = periodReport(kpis, reports, hall.config, period, reportNames(hall.config, officerNames()));
        return {
          status: 200,
          body: null,
          file: { contentType: XLSX_TYPE, fileName: `bao-cao-${period.from}_${period.to}.xlsx`, bytes: xlsxBook(periodWorkbookSheets(report)) },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/reports/dossiers.csv',
      operationId: 'exportDossiersCsv',
      tag: 'reports',
      logs: [],
      summary:
        'One line per dossier of the period (regulations R1.16): code, ticket, day, officer, reception, due and completion time, ' +
        'on-time, dissatisfied, digitised, e-result and synced flags, channel: enough to recompute every QĐ 766 ratio.',
      access: REPORTS,
      query: PERIOD_QUERY,
      success: { contentType: 'text/csv' },
      handler: ({ query }) => {
        const period = periodOf(query);
        const names = reportNames(hall.config, officerNames());
        const rows = reports.dossierRows(period.from, period.to, hall.config.schedule.timeZone);
        return {
          status: 200,
          body: null,
          file: {
            contentType: 'text/csv; charset=utf-8',
            fileName: `ho-so-${period.from}_${period.to}.csv`,
            bytes: dossierCsv(rows, names, hall.config.schedule.timeZone),
          },
        };
      },
    }),
  ];
}
