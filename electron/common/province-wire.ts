/**
 * The province hub's wire contract (electron/province): the hall's event-log delivery and what the
 * province dashboard reads. zod schemas for what the hub receives (validation and OpenAPI come
 * from them); response shapes as schemas too, so the published document describes them.
 */
import { z } from 'zod';
import { kpiRowShape } from './hall-responses.ts';

/** Events in one delivery, at most. */
export const PROVINCE_MAX_BATCH = 2_000;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits');
export const hallIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a hall id: lower-case letters, digits and dashes');
export const HALL_LEVELS = ['ministry', 'central_city', 'province', 'rural', 'remote'] as const;

/** An event as it leaves the hall: hall-only fields removed, privateDigest kept (common/event-chain.ts). */
export const publicEventSchema = z.object({
  seq: z.number().int().positive(),
  at: z.number().int().nonnegative(),
  type: z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/),
  ticketId: z.string().max(128).nullable(),
  counterId: z.string().max(128).nullable(),
  // Any JSON object. looseObject accepts and keeps the same objects as record(string, unknown) and
  // costs the hub less than half as much per event (it checks every delivered event).
  data: z.looseObject({}),
  prevHash: hex64,
  hash: hex64,
});
export type PublicEventWire = z.infer<typeof publicEventSchema>;

export const ingestHallSchema = z.object({
  id: hallIdSchema,
  name: z.string().min(1).max(200),
  district: z.string().min(1).max(64).nullable(),
  level: z.enum(HALL_LEVELS),
  timeZone: z.string().min(1).max(64),
  targets: z.object({
    waitMinutes: z.number().positive(),
    serviceMinutes: z.number().positive(),
    satisfactionPct: z.number().min(0).max(100),
  }),
});

/** deliverEvents: consecutive events of one hall, oldest first. */
export const ingestBatchSchema = z.object({
  hall: ingestHallSchema,
  /** Empty: a heartbeat (the hall is up and has nothing new); the answer still gives the head. */
  events: z.array(publicEventSchema).max(PROVINCE_MAX_BATCH),
});
export type IngestBatch = z.infer<typeof ingestBatchSchema>;

export const ingestResultSchema = z.object({
  accepted: z.number().int(),
  /** Events the hub already had (a retry after a lost answer): skipped, not stored twice. */
  duplicates: z.number().int(),
  headSeq: z.number().int(),
  headHash: hex64,
});
export type IngestResult = z.infer<typeof ingestResultSchema>;

/** Why a delivery was refused; CHAIN_GAP is the only one a hall recovers from by itself (it resends from headSeq + 1). */
export const CHAIN_REFUSALS = ['CHAIN_GAP', 'CHAIN_BROKEN', 'CHAIN_REWRITE', 'PERSONAL_DATA'] as const;
export type ChainRefusal = (typeof CHAIN_REFUSALS)[number];

export const hubErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});

export const loginBodySchema = z.object({ username: z.string().min(1).max(64), pin: z.string().min(1).max(128) });
export const supervisorSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  scope: z.enum(['province', 'district']),
  district: z.string().nullable(),
});
export const loginResultSchema = z.object({ token: z.string(), supervisor: supervisorSchema });

/** One KPI row, the hall's shape (hall-responses.ts; the arithmetic is in core/kpi.ts). */
export const kpiRowSchema = z.object(kpiRowShape);

export const hallOverviewSchema = z.object({
  id: z.string(),
  name: z.string(),
  district: z.string().nullable(),
  level: z.string(),
  businessDate: z.string(),
  waiting: z.number(),
  tickets: z.number(),
  waitMeanMin: z.number().nullable(),
  waitTargetMin: z.number(),
  withinWaitTargetPct: z.number().nullable(),
  satisfactionPct: z.number().nullable(),
  satisfactionTargetPct: z.number(),
  openAlerts: z.number(),
  reporting: z.boolean(),
  headSeq: z.number(),
  lastEventAt: z.number().nullable(),
});
export type HallOverview = z.infer<typeof hallOverviewSchema>;

export const hallListSchema = z.object({ halls: z.array(hallOverviewSchema) });
/** One hall's floor today from the hub's tickets (electron/province/hall-floor.ts): identifiers and counts only. */
export const hallFloorSchema = z.object({
  services: z.array(z.object({ serviceId: z.string(), waiting: z.number(), oldestWaitingSince: z.number().nullable(), issued: z.number() })),
  counters: z.array(
    z.object({
      counterId: z.string(),
      current: z.object({ number: z.string(), status: z.enum(['called', 'serving']), since: z.number() }).nullable(),
      served: z.number(),
      officerId: z.string().nullable(),
    }),
  ),
  recentCalls: z.array(z.object({ number: z.string(), counterId: z.string(), at: z.number() })),
});
export type HallFloorWire = z.infer<typeof hallFloorSchema>;

export const hallDetailSchema = z.object({
  hall: hallOverviewSchema,
  kpis: z.object({ all: kpiRowSchema, byService: z.array(kpiRowSchema), byCounter: z.array(kpiRowSchema), byOfficer: z.array(kpiRowSchema) }),
  floor: hallFloorSchema,
});
export type HallDetail = z.infer<typeof hallDetailSchema>;

export const KPI_GROUPINGS = ['none', 'service', 'counter', 'officer', 'procedure', 'day', 'hour', 'month'] as const;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const hallKpiQuerySchema = z.object({ from: isoDate, to: isoDate, groupBy: z.enum(KPI_GROUPINGS).default('none') });
export const kpiRowsSchema = z.object({ rows: z.array(kpiRowSchema) });

export const monthQuerySchema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM') });
export const exportQuerySchema = monthQuerySchema.extend({ format: z.enum(['json', 'xlsx', 'pdf']) });
export const ranking766Schema = z.object({
  month: z.string(),
  rows: z.array(
    z.object({
      rank: z.number(),
      hallId: z.string(),
      name: z.string(),
      district: z.string().nullable(),
      dossiers: z.number(),
      dissatisfied: z.number(),
      satisfaction766Pct: z.number().nullable(),
      kpi: kpiRowSchema,
    }),
  ),
});
export type Ranking766 = z.infer<typeof ranking766Schema>;
export type KpiRowWire = z.infer<typeof kpiRowSchema>;
export const productivity468Schema = z.object({
  month: z.string(),
  rows: z.array(
    z.object({
      hallId: z.string(),
      name: z.string(),
      level: z.string(),
      officerId: z.string().nullable(),
      dossiers: z.number(),
      days: z.number(),
      yearlyTarget: z.number(),
      periodTarget: z.number(),
      pctOfTarget: z.number(),
    }),
  ),
});
export type Productivity468 = z.infer<typeof productivity468Schema>;
export const alertListSchema = z.object({
  alerts: z.array(z.object({ id: z.number(), hallId: z.string(), kind: z.string(), seq: z.number().nullable(), detail: z.string(), raisedAt: z.string() })),
});
export type AlertList = z.infer<typeof alertListSchema>;
export type LoginResult = z.infer<typeof loginResultSchema>;

/** Messages of the province live stream (WebSocket /api/v1/stream), after a hello with the session token. */
export type ProvinceStreamMessage =
  | { readonly type: 'ready'; readonly sentAt: number }
  | {
      readonly type: 'hall';
      readonly hall: HallOverview;
      readonly calls: readonly { number: string; counterId: string | null; at: number }[];
      readonly headSeq: number;
      readonly sentAt: number;
    }
  | {
      readonly type: 'alert';
      readonly hallId: string;
      readonly code: string;
      readonly seq: number;
      readonly hall: HallOverview | null;
      readonly sentAt: number;
    }
  | { readonly type: 'resync'; readonly sentAt: number };
