/**
 * The answers of the hall server's queue, hall, access, KPI, supervision and device routes as zod
 * schemas: each route serializes its answer through its schema (a field not listed is an error,
 * not a leak: objects are strict) and @fastify/swagger publishes it, so the renderer's client is
 * typed from the same text (renderer/shared/api/hall-api.generated.ts). The TypeScript shapes the
 * server builds these from stay in wire.ts, domain.ts and core; the integration tests catch a
 * shape and its schema drifting apart (the answer then fails with 500 INTERNAL).
 * Browser apps import this module for types only (they must not carry zod).
 */
import { z } from 'zod';
import { DEVICE_FAULTS, DEVICE_KINDS, DEVICE_STATES } from './device-contract.ts';
import { COUNTER_STATES, ISSUE_CHANNELS, PRIORITY_BASES, PRIORITY_CLASSES, RATING_LEVELS, SERVICE_OUTCOMES, TICKET_STATUSES } from './domain.ts';
import { eformSchema } from './eform-schema.ts';
import { counterSchema, fieldSchema, hallInfoSchema, procedureSchema, scheduleSchema, serviceSchema, targetsSchema } from './hall-config.ts';
import { ALERT_KINDS } from './wire.ts';

const localized = z.strictObject({ vi: z.string(), en: z.string() });
const epochMs = z.number().int();
const count = z.number().int().min(0);

/** A ticket as anyone in the hall may see it (domain.ts PublicTicket): no person hash, no device. */
export const ticketSchema = z
  .strictObject({
    id: z.string(),
    businessDate: z.string(),
    issuedServiceId: z.string(),
    serviceId: z.string(),
    seq: z.number().int(),
    number: z.string(),
    priority: z.enum(PRIORITY_CLASSES),
    priorityBasis: z.enum(PRIORITY_BASES),
    status: z.enum(TICKET_STATUSES),
    channel: z.enum(ISSUE_CHANNELS),
    issuedAt: epochMs,
    queuedAt: z.number(),
    slotStart: epochMs.nullable(),
    targetCounterId: z.string().nullable(),
    counterId: z.string().nullable(),
    officerId: z.string().nullable(),
    firstCalledAt: epochMs.nullable(),
    lastCalledAt: epochMs.nullable(),
    callCount: count,
    startedAt: epochMs.nullable(),
    finishedAt: epochMs.nullable(),
    outcome: z.enum(SERVICE_OUTCOMES).nullable(),
    closedAt: epochMs.nullable(),
    procedureId: z.string().nullable(),
    dossierCount: z.number().int().min(1),
    rating: z.enum(RATING_LEVELS).nullable(),
    ratedAt: epochMs.nullable(),
  })
  .meta({ id: 'Ticket', description: 'A ticket as anyone in the hall may see it: no person hash, no device.' });

export const waitEstimateSchema = z
  .strictObject({
    serviceId: z.string(),
    peopleAhead: count,
    estimatedWaitMinutes: count,
    meanServiceMinutes: z.number(),
    servers: z.number(),
    openCounters: count,
    basis: z.enum(['recent', 'default']),
  })
  .meta({ id: 'WaitEstimate' });

/** getServiceWaits: what a new normal ticket of each service would wait now, as the kiosk shows it before issuing. */
export const serviceWaitsResponse = z
  .strictObject({ seq: count, services: z.array(waitEstimateSchema) })
  .meta({ id: 'ServiceWaits', description: 'One estimate per service, as of the last durable command (seq).' });

/** issueTicket, and the ticket part of submitDossier and checkInAppointment. */
export const issueTicketResponseShape = {
  ticket: ticketSchema,
  estimate: waitEstimateSchema,
  /** `/t/<token>`: the ticket page's path. */
  statusPath: z.string(),
  /** What the ticket's QR carries. */
  qr: z.strictObject({ text: z.string(), opensPage: z.boolean() }),
};
export const issueTicketResponse = z.strictObject(issueTicketResponseShape).meta({ id: 'IssuedTicket' });

export const ticketStatusResponse = z.strictObject({
  id: z.string(),
  number: z.string(),
  serviceId: z.string(),
  status: z.enum(TICKET_STATUSES),
  priority: z.enum(PRIORITY_CLASSES),
  issuedAt: epochMs,
  counterNumber: z.number().int().nullable(),
  peopleAhead: count.nullable(),
  estimatedWaitMinutes: count.nullable(),
});

/** cancelTicket, returnTicket: the event log's sequence after the change. */
export const seqResponse = z.strictObject({ seq: count });

export const counterStateSchema = z
  .strictObject({
    id: z.string(),
    state: z.enum(COUNTER_STATES),
    officerId: z.string().nullable(),
    pauseReason: z.string().nullable(),
    currentTicketId: z.string().nullable(),
    priorityStreak: count,
    updatedAt: epochMs,
  })
  .meta({ id: 'CounterState' });

/** Every counter operation: the counter and its ticket after it. */
export const counterOperationResponse = z
  .strictObject({
    seq: count,
    counter: counterStateSchema.nullable(),
    ticket: ticketSchema.nullable(),
    /** The code of the dossier submitted with this ticket at the kiosk, if any (findDossier opens it). */
    dossierCode: z.string().nullable(),
  })
  .meta({ id: 'CounterOperationResult' });

const ratingWindow = z.strictObject({ ticketId: z.string(), closesAt: epochMs });

export const hallSnapshotSchema = z
  .strictObject({
    seq: count,
    now: epochMs,
    businessDate: z.string().nullable(),
    hall: z.strictObject({ id: z.string(), name: localized }),
    services: z.array(z.strictObject({ id: z.string(), prefix: z.string(), name: localized, waiting: count, estimate: waitEstimateSchema })),
    counters: z.array(
      z.strictObject({
        id: z.string(),
        number: z.number().int(),
        name: localized,
        state: z.enum(COUNTER_STATES),
        pauseReason: z.string().nullable(),
        serviceIds: z.array(z.string()),
        current: ticketSchema.nullable(),
        ratingWindow: ratingWindow.nullable(),
      }),
    ),
    queue: z.array(ticketSchema),
    recentCalls: z.array(
      z.strictObject({ seq: count, number: z.string(), counterId: z.string(), counterNumber: z.number().int(), at: epochMs, callCount: count }),
    ),
  })
  .meta({ id: 'HallSnapshot', description: 'Everything a screen needs at once; the stream continues from `seq`.' });

/** getHallConfig: the configuration as the terminals need it (no secrets, no retention periods). */
export const hallConfigResponse = z
  .strictObject({
    hall: hallInfoSchema,
    services: z.array(serviceSchema),
    counters: z.array(counterSchema),
    fields: z.array(fieldSchema),
    procedures: z.array(procedureSchema),
    forms: z.array(eformSchema),
    schedule: scheduleSchema,
    targets: targetsSchema,
    policy: z.strictObject({
      ratingWindowSeconds: z.number().int(),
      ratingLevels: z.union([z.literal(3), z.literal(5)]),
      elderlyAge: z.number().int(),
      priorityRatio: z.number().int(),
      maxDossiersPerTicket: z.number().int(),
    }),
    /** SHA-256 fingerprint of the hall CA terminals pin; null when the hall serves plain HTTP. */
    caFingerprint: z.string().nullable(),
    /** Where the hall's logo is served (getHallLogo, with its version), or null when it has none. */
    logoUrl: z.string().nullable(),
  })
  .meta({ id: 'HallConfig' });

export const pairDeviceResponse = z.strictObject({
  /** Null for a dashboard: its token is set as the HttpOnly device cookie instead (device-cookie.ts). */
  token: z.string().nullable(),
  device: z.strictObject({ id: z.string(), role: z.string(), name: z.string(), counterId: z.string().nullable() }),
  /** The hall CA's fingerprint the terminal pins from now on; null when the hall serves plain HTTP. */
  caFingerprint: z.string().nullable(),
});

export const staffLoginResponse = z.strictObject({
  sessionToken: z.string(),
  expiresAt: epochMs,
  staff: z.strictObject({ id: z.string(), displayName: z.string(), role: z.string() }),
  counterId: z.string().nullable(),
});

export const submitRatingResponse = z.strictObject({ ticketId: z.string(), level: z.enum(RATING_LEVELS) });

/** One row of a KPI table (wire.ts KpiRow; the arithmetic is in core/kpi.ts). */
export const kpiRowShape = {
  key: z.string(),
  tickets: count,
  served: count,
  noShows: count,
  waitMeanMin: z.number().nullable(),
  waitMedianMin: z.number().nullable(),
  waitP90Min: z.number().nullable(),
  withinWaitTargetPct: z.number().nullable(),
  serviceMeanMin: z.number().nullable(),
  withinServiceTargetPct: z.number().nullable(),
  ratings: count,
  satisfactionPct: z.number().nullable(),
};
export const kpiRowSchema = z.strictObject(kpiRowShape).meta({ id: 'KpiRow' });
/** A KPI row with the display name of its key (the period report). */
export const namedKpiRowSchema = z.strictObject({ ...kpiRowShape, name: z.string().nullable() }).meta({ id: 'NamedKpiRow' });

export const kpiReportResponse = z.strictObject({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(['none', 'service', 'counter', 'officer', 'procedure', 'day', 'hour', 'month', 'weekday_hour']),
  targets: targetsSchema,
  rows: z.array(kpiRowSchema),
});

export const todayKpisResponse = z.strictObject({ businessDate: z.string(), hall: kpiRowSchema, byService: z.array(kpiRowSchema) });

export const todayTimelineResponse = z.strictObject({
  businessDate: z.string(),
  at: epochMs,
  waitTargetMinutes: z.number(),
  stepMinutes: z.number(),
  /** UTC epoch milliseconds, increasing; the last one is now. */
  times: z.array(epochMs),
  services: z.array(z.strictObject({ serviceId: z.string(), waiting: z.array(count), waitMeanMin: z.array(z.number().nullable()) })),
});

export const priorityDeclarationsResponse = z.strictObject({
  from: z.string(),
  to: z.string(),
  days: z.array(z.strictObject({ businessDate: z.string(), tickets: count, verified: count, declared: count, confirmed: count, cleared: count })),
});

export const alertSchema = z
  .strictObject({
    id: z.string(),
    kind: z.enum(ALERT_KINDS),
    at: epochMs,
    serviceId: z.string().nullable(),
    counterId: z.string().nullable(),
    value: z.number(),
    target: z.number(),
    messageVi: z.string(),
    messageEn: z.string(),
    acknowledged: z.strictObject({ at: epochMs, by: z.string() }).nullable().optional(),
  })
  .meta({ id: 'Alert' });

export const alertsResponse = z.strictObject({ alerts: z.array(alertSchema) });
export const acknowledgeAlertResponse = z.strictObject({ alert: alertSchema });
export const helpRequestedResponse = z.strictObject({ alertId: z.string(), at: epochMs });
export const helpRequestsResponse = z.strictObject({ helpRequests: z.array(alertSchema) });
export const helpResolvedResponse = z.strictObject({ resolved: z.literal(true) });

export const staffingResponse = z.strictObject({
  at: epochMs,
  businessDate: z.string(),
  weekday: z.number().int(),
  hour: z.number().int(),
  history: z.strictObject({ from: z.string(), to: z.string() }),
  advice: z.array(
    z.strictObject({
      serviceId: z.string(),
      serviceName: z.string(),
      arrivalsPerHour: z.number(),
      meanServiceMinutes: z.number(),
      countersOpen: count,
      countersNeeded: count,
      projectedWaitMin: z.number().nullable(),
      action: z.enum(['open_more', 'enough', 'can_close']),
      messageVi: z.string(),
      messageEn: z.string(),
    }),
  ),
});

export const deviceHealthView = z.strictObject({
  kind: z.enum(DEVICE_KINDS),
  id: z.string(),
  state: z.enum(DEVICE_STATES),
  fault: z.enum(DEVICE_FAULTS).nullable(),
  detail: z.string().nullable(),
  since: epochMs,
});

export const devicesHealthResponse = z.strictObject({
  now: epochMs,
  terminals: z.array(
    z.strictObject({
      deviceId: z.string(),
      role: z.enum(['kiosk', 'counter', 'display']),
      name: z.string(),
      counterId: z.string().nullable(),
      reportedAt: epochMs.nullable(),
      silent: z.boolean(),
      devices: z.array(deviceHealthView),
    }),
  ),
});
