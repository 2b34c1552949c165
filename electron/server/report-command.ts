/**
 * `hall report`: the period report (reports/period-report.ts) of a stopped or running hall's
 * database, read-only, as JSON or as text. Exit code 2 with the wrong flag named on bad input.
 */
import { existsSync } from 'node:fs';
import { loadSite } from '../../kiosk-config/load-site.ts';
import { KpiQueries } from '../store/kpi-queries.ts';
import { KpiRollups } from '../store/kpi-rollups.ts';
import { openHallDatabase } from '../store/open-database.ts';
import { ReportQueries, staffNames } from '../store/report-queries.ts';
import { periodReport, reportNames } from './reports/period-report.ts';
import { periodReportText } from './reports/period-report-text.ts';
import { parsePeriodQuery } from './reports/period-query.ts';

const FLAGS: Readonly<Record<string, string>> = { from: '--from', to: '--to', period: '--period' };

export function periodReportCommand(v: {
  db: string;
  site: string;
  period?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  json: boolean;
}): number {
  const parsed = parsePeriodQuery({ period: v.period, from: v.from, to: v.to });
  if (!parsed.ok) {
    process.stderr.write(`error: ${parsed.issues.map((i) => `${FLAGS[i.path] ?? i.path}: ${i.message}`).join('; ')}\n`);
    return 2;
  }
  const config = loadSite(v.site);
  if (!existsSync(v.db)) {
    process.stderr.write(`error: no hall database at ${v.db}\n`);
    return 1;
  }
  const db = openHallDatabase(v.db, { readonly: true });
  try {
    const rollups = new KpiRollups(db, config.targets);
    const report = periodReport(
      new KpiQueries(db, undefined, rollups),
      new ReportQueries(db, undefined, rollups),
      config,
      parsed.period,
      reportNames(config, staffNames(db)),
    );
    process.stdout.write(v.json ? `${JSON.stringify(report)}\n` : periodReportText(report));
    return 0;
  } finally {
    db.close();
  }
}
