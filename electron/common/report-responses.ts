/**
 * The answers of the JSON report routes as zod schemas: the period report as the regulations count
 * it (server/reports/period-report.ts) and the month for the provincial one-stop system
 * (server/reports/monthly.ts). hall-responses.ts says why they are schemas. Browser apps import
 * this module for types only.
 */
import { z } from 'zod';
import { targetsSchema } from './hall-config.ts';
import { kpiRowSchema, kpiRowShape, namedKpiRowSchema } from './hall-responses.ts';

const count = z.number().int().min(0);

const indexScore = z.strictObject({ index: z.number().int().min(1).max(9), dossiers: count, score: z.number().nullable() });
const tt01Score = { indices: z.array(indexScore), total: z.number().nullable(), scored: count };
const ytd = z.strictObject({ from: z.string(), to: z.string(), daysElapsed: count, daysInYear: count });

export const periodReportResponse = z
  .strictObject({
    schema: z.literal('one-stop-hall/period-report/1'),
    hall: z.strictObject({ id: z.string(), name: z.string(), agencyCode: z.string() }),
    period: z.strictObject({ kind: z.enum(['year', 'quarter', 'month', 'range']), label: z.string(), labelVi: z.string(), from: z.string(), to: z.string() }),
    timeZone: z.string(),
    targets: targetsSchema,
    kpis: z.strictObject({
      hall: kpiRowSchema,
      byService: z.array(namedKpiRowSchema),
      byCounter: z.array(namedKpiRowSchema),
      byOfficer: z.array(namedKpiRowSchema),
    }),
    /** TT 01/2018: scores per index for the unit and each officer, with their classification. */
    tt01: z.strictObject({
      unit: z.strictObject({
        ...tt01Score,
        dossiers: count,
        classification: z.enum(['excellent', 'good', 'fair', 'average', 'weak']).nullable(),
        classificationVi: z.string().nullable(),
        complete: z.boolean(),
      }),
      officers: z.array(
        z.strictObject({
          ...tt01Score,
          officerId: z.string(),
          dossiers: count,
          classification: z.enum(['pct_100', 'pct_70_to_100', 'pct_below_70']).nullable(),
          classificationVi: z.string().nullable(),
          name: z.string().nullable(),
        }),
      ),
    }),
    /** QĐ 468: dossiers received per officer against the yearly target. */
    productivity: z.strictObject({
      level: targetsSchema.shape.level,
      target: z.number(),
      received: count,
      receivedYtd: count,
      hallPacePerYear: z.number(),
      officersOnDuty: count,
      pacePerOfficer: z.number().nullable(),
      applicable: z.boolean(),
      met: z.boolean().nullable(),
      ytd,
      officers: z.array(
        z.strictObject({
          officerId: z.string(),
          received: count,
          receivedYtd: count,
          pacePerYear: z.number(),
          target: z.number(),
          met: z.boolean().nullable(),
          name: z.string().nullable(),
        }),
      ),
    }),
    /** QĐ 766 indicators: numerator, denominator and value. */
    index766: z.array(
      z.strictObject({ id: z.string(), group: z.string(), nameVi: z.string(), numerator: count, denominator: count, valuePct: z.number().nullable() }),
    ),
  })
  .meta({ id: 'PeriodReport' });

export const provincialReportResponse = z.strictObject({
  schema: z.literal('one-stop-hall/kpi-report/1'),
  agencyCode: z.string(),
  hall: z.strictObject({ id: z.string(), name: z.string() }),
  period: z.strictObject({ month: z.string(), from: z.string(), to: z.string(), timeZone: z.string() }),
  /** ISO 8601. */
  generatedAt: z.string(),
  targets: targetsSchema,
  totals: kpiRowSchema,
  byService: z.array(z.strictObject({ ...kpiRowShape, serviceName: z.string().nullable() })),
  byProcedure: z.array(z.strictObject({ ...kpiRowShape, procedureCode: z.string().nullable(), procedureName: z.string().nullable() })),
  byDay: z.array(kpiRowSchema),
  satisfaction766: z.strictObject({ dossiers: count, dissatisfied: count, ratioPct: z.number().nullable() }),
});
