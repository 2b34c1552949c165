/** The period report as plain text for the terminal (`hall report` without --json). */
import type { PeriodReport } from './period-report.ts';

const cell = (x: number | boolean | null | undefined): string =>
  x === null || x === undefined ? 'n/a' : typeof x === 'boolean' ? (x ? 'yes' : 'no') : String(x);

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [header, ...rows].map(line).join('\n');
}

export function periodReportText(r: PeriodReport): string {
  const h = r.kpis.hall;
  const out: string[] = [
    `${r.hall.name} (${r.hall.agencyCode}): ${r.period.labelVi}, ${r.period.from} … ${r.period.to}`,
    `tickets ${h.tickets}, served ${h.served}, wait mean ${cell(h.waitMeanMin)} min (within ${r.targets.waitMinutes} min: ${cell(h.withinWaitTargetPct)} %), satisfaction ${cell(h.satisfactionPct)} %`,
    '',
    `TT 01/2018: unit total ${cell(r.tt01.unit.total)} over ${r.tt01.unit.scored} of 9 indices (${r.tt01.unit.dossiers} dossiers): ${r.tt01.unit.classificationVi ?? 'n/a'}`,
    table(
      ['index', 'dossiers', 'score'],
      r.tt01.unit.indices.map((i) => [String(i.index), String(i.dossiers), cell(i.score)]),
    ),
    table(
      ['officer', 'name', 'dossiers', 'total', 'classification'],
      r.tt01.officers.map((o) => [o.officerId, o.name ?? '', String(o.dossiers), cell(o.total), o.classificationVi ?? 'n/a']),
    ),
    '',
    `QĐ 468 (${r.productivity.level}, minimum ${r.productivity.target} dossiers per officer per year): hall pace ${r.productivity.hallPacePerYear}/year, ` +
      `${r.productivity.officersOnDuty} officers on duty, ${cell(r.productivity.pacePerOfficer)} per officer, ` +
      (r.productivity.applicable ? `met: ${cell(r.productivity.met)}` : 'not applicable (the hall receives fewer dossiers in a year than the minimum)'),
    table(
      ['officer', 'name', 'received', 'year to date', 'pace/year', 'met'],
      r.productivity.officers.map((o) => [o.officerId, o.name ?? '', String(o.received), String(o.receivedYtd), String(o.pacePerYear), cell(o.met)]),
    ),
    '',
    'QĐ 766',
    table(
      ['indicator', 'numerator', 'denominator', '%'],
      r.index766.map((i) => [i.id, String(i.numerator), String(i.denominator), cell(i.valuePct)]),
    ),
  ];
  return `${out.join('\n')}\n`;
}
