/**
 * The HTTP and WebSocket wire protocol of the hall server, version 1: request bodies as zod
 * schemas (validators and OpenAPI come from them) and response shapes as types.
 */
import { z } from 'zod';
import {
  PRIORITY_CLASSES,
  RATING_LEVELS,
  RATING_LEVELS_WITH_REASON,
  SERVICE_OUTCOMES,
  type CounterStateName,
  type PriorityClass,
  type PublicTicket,
  type TicketStatus,
  type WaitEstimate,
} from './domain.ts';
import type { ErrorBody } from './errors.ts';
import { PRIVACY_NOTICES, PRIVACY_NOTICE_VERSIONS } from './privacy-notice.ts';
import type { TicketQr } from './ticket-link.ts';

export const PROTOCOL_VERSION = 1;
/** Request bodies above this size are refused with PAYLOAD_TOO_LARGE before parsing. */
export const MAX_BODY_BYTES = 16 * 1024;

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

/** 12-digit personal identification number (số định danh cá nhân); hashed at once, never stored. */
export const idNumberSchema = z.string().regex(/^\d{12}$/, 'the ID number has exactly 12 digits');

const base64 = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil(maxBytes / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

/**
 * The raw chip files a kiosk read from a CCCD (base64): EF.SOD and DG1 (the MRZ: ID number, birth
 * date, sex). The hall server re-runs passive authentication on them with its own trust store
 * (server/chip-check.ts) before it believes the birth date; nothing of them is stored. DG13, with
 * the citizen's ethnicity, religion, parents and addresses, never leaves the card reader.
 */
export const chipEvidenceSchema = z.strictObject({ sod: base64(6 * 1024), dg1: base64(256) });
export type ChipEvidence = z.output<typeof chipEvidenceSchema>;

/**
 * A citizen's consent to a personal-data notice (privacy-notice.ts Consent): only the version of
 * the notice the hall shows now is accepted.
 */
export const consentSchema = z
  .strictObject({
    notice: z.enum(PRIVACY_NOTICES),
    version: z.string().min(1).max(32),
    language: z.enum(['vi', 'en']),
    givenAt: z.number().int().positive(),
  })
  .refine((c) => c.version === PRIVACY_NOTICE_VERSIONS[c.notice], {
    message: 'not the version of the notice this hall shows; reload the kiosk so that it shows the current one',
    path: ['version'],
  });

/**
 * `priority` is what the citizen asks for; the hall decides (core/priority.ts): elderly from a chip
 * it verified, other classes as declared. `chip`: the card's raw files, when the card was read.
 */
export const issueTicketRequest = z
  .strictObject({
    serviceId: id,
    priority: z.enum(PRIORITY_CLASSES).default('normal'),
    idNumber: idNumberSchema.optional(),
    chip: chipEvidenceSchema.optional(),
    procedureId: id.optional(),
    /** Appointment check-in: the booked slot start (epoch ms). Requires priority "appointment". */
    slotStart: z.number().int().positive().optional(),
    /** Proxy mode: a representative's dossiers on this one ticket, up to the hall's policy.maxDossiersPerTicket. */
    dossierCount: z.number().int().min(1).max(20).default(1),
    /**
     * The citizen's consent to the `identify` notice (privacy-notice.ts), required with an ID number
     * or a chip: nothing read from a card reaches the hall without it. Recorded as consent.given.
     */
    consent: consentSchema.optional(),
  })
  .superRefine((b, ctx) => {
    const identified = b.idNumber !== undefined || b.chip !== undefined;
    if (identified && b.consent === undefined)
      ctx.addIssue({ code: 'custom', path: ['consent'], message: 'an ID number or a chip is sent only with the citizen’s consent to the identify notice' });
    if (b.consent !== undefined && b.consent.notice !== 'identify')
      ctx.addIssue({ code: 'custom', path: ['consent', 'notice'], message: 'a ticket records consent to the identify notice' });
  });
export type IssueTicketRequest = z.input<typeof issueTicketRequest>;

export const callTicketRequest = z
  .strictObject({
    ticketId: id.optional(),
    number: z
      .string()
      .regex(/^[A-Z]{1,2}\d{3,4}$/, 'a ticket number such as A015')
      .optional(),
  })
  .refine((b) => (b.ticketId === undefined) !== (b.number === undefined), { message: 'give either ticketId or number' });

export const openCounterRequest = z.strictObject({});
export const pauseCounterRequest = z.strictObject({ reason: z.string().trim().min(1).max(200) });
/**
 * `procedureId`: the procedure the officer actually handled (a quick-path ticket has none; a kiosk
 * ticket may name another), so the figures by procedure (TT 01/2018, QĐ 766) count it there.
 */
export const finishServiceRequest = z.strictObject({ outcome: z.enum(SERVICE_OUTCOMES), procedureId: id.optional() });
export const transferTicketRequest = z
  .strictObject({ toServiceId: id.optional(), toCounterId: id.optional() })
  .refine((b) => b.toServiceId !== undefined || b.toCounterId !== undefined, { message: 'name toServiceId, toCounterId or both' });
/** One business day of getPriorityDeclarations (store/priority-queries.ts). */
export interface PriorityDay {
  readonly businessDate: string;
  readonly tickets: number;
  /** elderly from a chip the hall verified. */
  readonly verified: number;
  /** Every declared priority, whatever the officer decided: still declared + confirmed + cleared. */
  readonly declared: number;
  readonly confirmed: number;
  readonly cleared: number;
}

export interface PriorityDeclarationsResponse {
  readonly from: string;
  readonly to: string;
  readonly days: readonly PriorityDay[];
}

/** The serving officer's word on a declared priority (core/priority.ts reviewPriority). */
export const reviewPriorityRequest = z.strictObject({ decision: z.enum(['confirmed', 'cleared']) });
export const returnTicketRequest = z.strictObject({ position: z.enum(['first', 'last']) });
export const cancelTicketRequest = z.strictObject({ reason: z.string().trim().max(200).optional() });
export const pairDeviceRequest = z.strictObject({ code: z.string().regex(/^\d{4}-?\d{4}$/, 'the 8-digit pairing code, e.g. 1234-5678') });
export const staffLoginRequest = z.strictObject({
  username: z.string().min(1).max(64),
  pin: z.string().regex(/^\d{6,8}$/, 'a PIN of 6 to 8 digits'),
});
export const emptyRequest = z.strictObject({});
/** How long after a key press its rating may still reach the hall: the keypad sender's retry budget, plus slack. */
export const MAX_PRESS_AGE_MS = 90_000;

/**
 * A citizen's rating (submitRating). A reason is allowed only with dissatisfied / very_dissatisfied.
 * `pressedMsAgo`: a keypad's rating sent late (retried after a network fault) says how long ago the
 * key was pressed, by the device's own clock; the hall judges the window at that moment.
 */
export const submitRatingRequest = z
  .strictObject({
    level: z.enum(RATING_LEVELS),
    reason: z.string().trim().min(1).max(200).optional(),
    pressedMsAgo: z.number().int().min(0).max(MAX_PRESS_AGE_MS).optional(),
  })
  .refine((b) => b.reason === undefined || RATING_LEVELS_WITH_REASON.includes(b.level), {
    message: 'a reason is allowed only with dissatisfied or very_dissatisfied',
    path: ['reason'],
  });
export type SubmitRatingRequest = z.input<typeof submitRatingRequest>;

export interface SubmitRatingResponse {
  readonly ticketId: string;
  readonly level: (typeof RATING_LEVELS)[number];
}

/** The open rating window of a counter: the finished ticket and when the window closes (epoch ms). */
export interface RatingWindowView {
  readonly ticketId: string;
  readonly closesAt: number;
}

export interface IssueTicketResponse {
  readonly ticket: PublicTicket;
  readonly estimate: WaitEstimate;
  /** Path of the public page of this ticket on the hall server: `/t/<token>` (common/ticket-link.ts). */
  readonly statusPath: string;
  /** What the ticket's QR carries: the page under the hall's publicBaseUrl, or only the ticket code. */
  readonly qr: TicketQr;
}

export interface TicketStatusResponse {
  readonly id: string;
  readonly number: string;
  readonly serviceId: string;
  readonly status: TicketStatus;
  readonly priority: PriorityClass;
  readonly issuedAt: number;
  readonly counterNumber: number | null;
  /** Only while waiting. */
  readonly peopleAhead: number | null;
  readonly estimatedWaitMinutes: number | null;
}

export interface CounterView {
  readonly id: string;
  readonly number: number;
  readonly name: { readonly vi: string; readonly en: string };
  readonly state: CounterStateName;
  readonly pauseReason: string | null;
  readonly serviceIds: readonly string[];
  readonly current: PublicTicket | null;
  /** Open while the citizen of the last finished service may rate it; null otherwise. */
  readonly ratingWindow: RatingWindowView | null;
}

export interface ServiceView {
  readonly id: string;
  readonly prefix: string;
  readonly name: { readonly vi: string; readonly en: string };
  readonly waiting: number;
  readonly estimate: WaitEstimate;
}

export interface RecentCall {
  readonly seq: number;
  readonly number: string;
  readonly counterId: string;
  readonly counterNumber: number;
  readonly at: number;
  readonly callCount: number;
}

export interface HallSnapshot {
  readonly seq: number;
  readonly now: number;
  readonly businessDate: string | null;
  readonly hall: { readonly id: string; readonly name: { readonly vi: string; readonly en: string } };
  readonly services: readonly ServiceView[];
  readonly counters: readonly CounterView[];
  /** Open tickets not at a counter: waiting and held, in no particular order. */
  readonly queue: readonly PublicTicket[];
  readonly recentCalls: readonly RecentCall[];
}

/** An event as broadcast: public data only (no person hash, no device id, no chain hashes). */
export interface StreamEvent {
  readonly seq: number;
  readonly type: string;
  readonly at: number;
  readonly ticketId: string | null;
  readonly counterId: string | null;
  readonly data: unknown;
}

// ---- WebSocket /api/v1/stream -----------------------------------------------------------------

export const streamHello = z.strictObject({
  type: z.literal('hello'),
  protocol: z.literal(PROTOCOL_VERSION),
  /** The device token; omitted by a plain-browser app, whose upgrade request carries the device cookie. */
  token: z.string().min(1).max(200).optional(),
  /** The last sequence this client applied; omitted on first connect. */
  lastSeq: z.number().int().min(0).optional(),
});
export type StreamHello = z.infer<typeof streamHello>;

export type StreamServerMessage =
  | { readonly type: 'welcome'; readonly protocol: number; readonly role: string; readonly serverTime: number; readonly resume: 'snapshot' | 'replay' }
  | { readonly type: 'snapshot'; readonly seq: number; readonly snapshot: HallSnapshot }
  | { readonly type: 'event'; readonly seq: number; readonly event: StreamEvent }
  | { readonly type: 'error'; readonly error: ErrorBody['error'] }
  | KpisUpdatedMessage
  | AlertMessage;

/**
 * Today's KPIs (hall-wide and by service), pushed to dashboard and display clients at most once
 * per throttle interval (5 s) after events change them. Rows have the getKpis row shape.
 */
export interface KpisUpdatedMessage {
  readonly type: 'kpis.updated';
  readonly at: number;
  readonly businessDate: string;
  readonly hall: KpiRow;
  readonly byService: readonly KpiRow[];
}

/**
 * One row of a KPI table (getKpis, exports, kpis.updated); the arithmetic is in core/kpi.ts.
 * Minutes have 2 decimals, percentages 1; null where the group has no data.
 */
export interface KpiRow {
  /** Service, counter, officer or procedure id; `YYYY-MM-DD`, `YYYY-MM-DD HH:00` or `YYYY-MM`;
   *  for weekday_hour `D HH:00` with D the ISO weekday (1 = Monday … 7 = Sunday); or 'all'. */
  readonly key: string;
  readonly tickets: number;
  /** Tickets with status done. */
  readonly served: number;
  /** Tickets with status no_show. */
  readonly noShows: number;
  readonly waitMeanMin: number | null;
  readonly waitMedianMin: number | null;
  readonly waitP90Min: number | null;
  readonly withinWaitTargetPct: number | null;
  readonly serviceMeanMin: number | null;
  readonly withinServiceTargetPct: number | null;
  /** Number of ratings. */
  readonly ratings: number;
  readonly satisfactionPct: number | null;
}

/** A supervisor alert raised or cleared (dashboard clients); the same alerts as getAlerts. */
export interface AlertMessage {
  readonly type: 'alert';
  /** `acknowledged`: a supervisor acknowledged it; it stays raised while its cause lasts. */
  readonly state: 'raised' | 'cleared' | 'acknowledged';
  readonly alert: Alert;
}

export const ALERT_KINDS = [
  'projected_wait',
  'satisfaction_low',
  'counter_idle',
  'help_requested',
  'login_locked',
  'device_flooding',
  'wait_over_target',
  'service_over_target',
  'pause_too_long',
  'device_fault',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** A live alert for supervisors (rules in core/alerts.ts). */
export interface Alert {
  /** Stable per kind and subject, e.g. "counter_idle:quay-2", "help_requested:<kiosk device id>". */
  readonly id: string;
  readonly kind: AlertKind;
  readonly at: number;
  readonly serviceId: string | null;
  readonly counterId: string | null;
  /** The measured figure (minutes or percent) and the target it breaks. */
  readonly value: number;
  readonly target: number;
  readonly messageVi: string;
  readonly messageEn: string;
  /** A supervisor acknowledged it (the alert stays while its cause lasts); absent or null until then. */
  readonly acknowledged?: { readonly at: number; readonly by: string } | null;
}
