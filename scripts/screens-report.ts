/**
 * `node --import tsx scripts/screens-report.ts [--month 2025-03]`: renders the monthly PDF report
 * of a generated busy year of the demo hall and converts its page to docs/screens/report-pdf.png
 * with pdftoppm (Debian poppler-utils), so the document can be reviewed without a PDF viewer.
 * The PDF itself is written beside it as docs/screens/report-pdf.pdf.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importTicketsFile } from '../electron/server/import-tickets.ts';
import { monthlyPdf, vietnameseDateline } from '../electron/server/reports/monthly-pdf.ts';
import { monthlyFigures } from '../electron/server/reports/monthly.ts';
import { KpiQueries } from '../electron/store/kpi-queries.ts';
import { openHallDatabase } from '../electron/store/open-database.ts';
import { loadSite } from '../kiosk-config/load-site.ts';
import { generateHistoryCsv } from './generate-history.ts';

const { values } = parseArgs({ options: { month: { type: 'string', default: '2025-03' }, tickets: { type: 'string', default: '60000' } } });
const month = values.month;
const config = loadSite('kiosk-config/sites/demo-hall');
const dir = mkdtempSync(join(tmpdir(), 'hall-screens-report-'));
try {
  const csv = join(dir, 'history.csv');
  await generateHistoryCsv(config, csv, { tickets: Number(values.tickets), year: Number(month.slice(0, 4)) });
  const db = openHallDatabase(join(dir, 'hall.db'));
  try {
    const summary = importTicketsFile(db, config, csv, { skipInvalid: false, now: Date.now() });
    if (!summary.committed) throw new Error(`import refused: ${JSON.stringify(summary.invalid.slice(0, 3))}`);
    const figures = monthlyFigures(new KpiQueries(db), config, month);
    const pdf = await monthlyPdf(config, figures, { place: config.hall.place ?? '……………', date: vietnameseDateline(figures.to) });
    mkdirSync('docs/screens', { recursive: true });
    writeFileSync('docs/screens/report-pdf.pdf', pdf);
    execFileSync('pdftoppm', ['-png', '-r', '110', '-singlefile', 'docs/screens/report-pdf.pdf', 'docs/screens/report-pdf']);
    process.stdout.write(`docs/screens/report-pdf.png: ${month}, ${figures.hall.tickets} tickets\n`);
  } finally {
    db.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
