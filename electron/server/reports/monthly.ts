/**
 * The figures of one month of a hall, shared by the PDF report and the provincial JSON: the hall
 * row, rows by service, day and procedure, and the QĐ 766 dossier satisfaction ratio.
 */
import type { HallConfig, TargetsConfig } from '../../common/hall-config.ts';
import { addDays } from '../../core/business-time.ts';
import { computeKpis, type KpiRow } from '../../core/kpi.ts';
import { dossierSatisfaction766 } from '../../core/tt01-scoring.ts';
import type { KpiQueries } from '../../store/kpi-queries.ts';

export interface MonthlyFigures {
  readonly month: string;
  readonly from: string;
  readonly to: string;
  readonly targets: TargetsConfig;
  readonly hall: KpiRow;
  readonly byService: readonly KpiRow[];
  readonly byDay: readonly KpiRow[];
  readonly byProcedure: readonly KpiRow[];
  readonly satisfaction766: { readonly dossiers: number; readonly dissatisfied: number; readonly ratioPct: number | null };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The first and last day of YYYY-MM, or null for anything else. */
export function monthRange(month: string): { from: string; to: string } | null {
  if (!MONTH.test(month)) return null;
  const from = `${month}-01`;
  const to = addDays(addDays(from, 31).slice(0, 7) + '-01', -1);
  return { from, to };
}

export function monthlyFigures(kpis: KpiQueries, config: HallConfig, month: string): MonthlyFigures {
  const range = monthRange(month);
  if (!range) throw new Error(`not a month: ${month}`);
  const { from, to } = range;
  const [hall] = kpis.kpiRows(from, to, 'none', config.targets);
  if (!hall) throw new Error('the none grouping always has one row');
  const dossier = kpis.dossierRatings(from, to);
  return {
    month,
    from,
    to,
    targets: config.targets,
    hall,
    byService: kpis.kpiRows(from, to, 'service', config.targets),
    byDay: computeKpis(kpis.ticketFacts(from, to), { groupBy: 'day', targets: config.targets, timeZone: config.schedule.timeZone }),
    byProcedure: kpis.kpiRows(from, to, 'procedure', config.targets),
    satisfaction766: { ...dossier, ratioPct: dossierSatisfaction766(dossier.dossiers, dossier.dissatisfied) },
  };
}

/** The report for the provincial one-stop system: codes the province knows (agency, mã TTHC). */
export function provincialJson(config: HallConfig, f: MonthlyFigures, generatedAt: number): unknown {
  const serviceName = new Map(config.services.map((s) => [s.id, s.name.vi]));
  const procedure = new Map(config.procedures.map((p) => [p.id, p]));
  return {
    schema: 'one-stop-hall/kpi-report/1',
    agencyCode: config.hall.agencyCode,
    hall: { id: config.hall.id, name: config.hall.name.vi },
    period: { month: f.month, from: f.from, to: f.to, timeZone: config.schedule.timeZone },
    generatedAt: new Date(generatedAt).toISOString(),
    targets: f.targets,
    totals: f.hall,
    byService: f.byService.map((r) => ({ ...r, serviceName: serviceName.get(r.key) ?? null })),
    byProcedure: f.byProcedure.map((r) => ({ ...r, procedureCode: procedure.get(r.key)?.code ?? null, procedureName: procedure.get(r.key)?.name ?? null })),
    byDay: f.byDay,
    satisfaction766: f.satisfaction766,
  };
}
