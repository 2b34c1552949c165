/**
 * The hall's report over a period as the regulations count it (`hall report`, getPeriodReport and
 * the dashboard's report page, PDF and XLSX): the KPI rows (hall, by service, counter and officer),
 * the TT 01/2018 scores with classification (unit and officers), QĐ 468 productivity (officers and
 * hall) and the QĐ 766 indicators. Names are resolved here so every export shows the same ones.
 */
import type { HallConfig, TargetsConfig } from '../../common/hall-config.ts';
import type { KpiRow } from '../../core/kpi.ts';
import { productivity468, type HallProductivity468 } from '../../core/qd468-productivity.ts';
import { indicators766, type Indicator766 } from '../../core/qd766-indicators.ts';
import type { ReportPeriod } from '../../core/report-period.ts';
import { tt01Report, type Tt01Report } from '../../core/tt01-report.ts';
import type { KpiQueries } from '../../store/kpi-queries.ts';
import type { ReportQueries } from '../../store/report-queries.ts';

/** A KPI row with the display name of its key (service, counter or officer); the id stays in `key`. */
export type NamedKpiRow = KpiRow & { readonly name: string | null };

export interface PeriodReport {
  readonly schema: 'one-stop-hall/period-report/1';
  readonly hall: { readonly id: string; readonly name: string; readonly agencyCode: string };
  readonly period: ReportPeriod;
  readonly timeZone: string;
  readonly targets: TargetsConfig;
  readonly kpis: {
    readonly hall: KpiRow;
    readonly byService: readonly NamedKpiRow[];
    readonly byCounter: readonly NamedKpiRow[];
    readonly byOfficer: readonly NamedKpiRow[];
  };
  readonly tt01: Omit<Tt01Report, 'officers'> & { readonly officers: readonly (Tt01Report['officers'][number] & { readonly name: string | null })[] };
  readonly productivity: Omit<HallProductivity468, 'officers'> & {
    readonly officers: readonly (HallProductivity468['officers'][number] & { readonly name: string | null })[];
  };
  readonly index766: readonly Indicator766[];
}

/** Display names of the keys of each grouping. */
export interface ReportNames {
  readonly service: (id: string) => string | null;
  readonly counter: (id: string) => string | null;
  readonly officer: (id: string) => string | null;
}

/** "A · Hộ tịch" for a service, the counter's name, the officer's name from the staff list. */
export function reportNames(config: HallConfig, officerNames: ReadonlyMap<string, string>): ReportNames {
  const services = new Map(config.services.map((s) => [s.id, `${s.prefix} · ${s.name.vi}`]));
  const counters = new Map(config.counters.map((c) => [c.id, c.name.vi]));
  return {
    service: (id) => services.get(id) ?? null,
    counter: (id) => counters.get(id) ?? null,
    officer: (id) => officerNames.get(id) ?? null,
  };
}

/**
 * The display name of each key of a KPI grouping, for the exports' `name` column: services,
 * counters and officers as in the period report, procedures as "mã TTHC · name"; null for the
 * time groupings, whose keys are their own names.
 */
export function groupingNames(groupBy: string, config: HallConfig, names: ReportNames): ((id: string) => string | null) | null {
  switch (groupBy) {
    case 'service':
      return names.service;
    case 'counter':
      return names.counter;
    case 'officer':
      return names.officer;
    case 'procedure': {
      const procedures = new Map(config.procedures.map((p) => [p.id, `${p.code} · ${p.name}`]));
      return (id) => procedures.get(id) ?? null;
    }
    default:
      return null;
  }
}

const named = (rows: readonly KpiRow[], nameOf: (id: string) => string | null): NamedKpiRow[] => rows.map((r) => ({ ...r, name: nameOf(r.key) }));

export function periodReport(kpis: KpiQueries, reports: ReportQueries, config: HallConfig, period: ReportPeriod, names: ReportNames): PeriodReport {
  const { from, to } = period;
  const zone = config.schedule.timeZone;
  const [hallRow] = kpis.kpiRows(from, to, 'none', config.targets);
  if (!hallRow) throw new Error('the none grouping always has one row');
  const tt01 = tt01Report(reports.tt01Tallies(from, to, zone));
  const ytdFrom = `${to.slice(0, 4)}-01-01`;
  const productivity = productivity468(config.targets.level, to, reports.receivedByOfficer(from, to), reports.receivedByOfficer(ytdFrom, to));
  return {
    schema: 'one-stop-hall/period-report/1',
    hall: { id: config.hall.id, name: config.hall.name.vi, agencyCode: config.hall.agencyCode },
    period,
    timeZone: zone,
    targets: config.targets,
    kpis: {
      hall: hallRow,
      byService: named(kpis.kpiRows(from, to, 'service', config.targets), names.service),
      byCounter: named(kpis.kpiRows(from, to, 'counter', config.targets), names.counter),
      byOfficer: named(kpis.kpiRows(from, to, 'officer', config.targets), names.officer),
    },
    tt01: { ...tt01, officers: tt01.officers.map((o) => ({ ...o, name: names.officer(o.officerId) })) },
    productivity: { ...productivity, officers: productivity.officers.map((o) => ({ ...o, name: names.officer(o.officerId) })) },
    index766: indicators766(reports.counts766(from, to, zone)),
  };
}
