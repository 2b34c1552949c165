/**
 * The period of a report request, from `period` (YYYY, YYYY-Qn, YYYY-MM) or `from`/`to`
 * (YYYY-MM-DD, at most 366 days): shared by the CLI `report` command and getPeriodReport.
 */
import { parsePeriod, rangePeriod, type ReportPeriod } from '../../core/report-period.ts';
import { parseKpiQuery, type KpiQueryIssue } from '../routes/kpi-routes.ts';

export function parsePeriodQuery(input: {
  period?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}): { ok: true; period: ReportPeriod } | { ok: false; issues: KpiQueryIssue[] } {
  if (input.period !== undefined && input.period !== '') {
    if (input.from !== undefined || input.to !== undefined) {
      return { ok: false, issues: [{ path: 'period', message: 'give either period or from/to, not both', code: 'custom' }] };
    }
    const period = parsePeriod(input.period);
    if (period) return { ok: true, period };
    return {
      ok: false,
      issues: [{ path: 'period', message: `"${input.period}" is not a period; use YYYY, YYYY-Qn or YYYY-MM, e.g. "2026-Q1"`, code: 'custom' }],
    };
  }
  const parsed = parseKpiQuery({ from: input.from, to: input.to });
  if (!parsed.ok) return parsed;
  return { ok: true, period: rangePeriod(parsed.query.from, parsed.query.to) };
}
