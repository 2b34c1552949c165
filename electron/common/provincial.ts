/**
 * The hall's side of the provincial one-stop system, as the kiosk, counter and dashboard see it:
 * dossier status lookup, appointments (hẹn giờ) and the outbox view. Request bodies are zod
 * schemas (validators and OpenAPI come from them); responses are types.
 */
import { z } from 'zod';
import type { LocalizedText } from './hall-config.ts';
import type { IssueTicketResponse } from './wire.ts';

/**
 * Dossier code (mã số hồ sơ), TT 01/2018 Điều 19 and TT 03/2025 Điều 13.3: agency code, the
 * reception date YYMMDD and a daily serial of at least 4 digits (regulations R1.7: permissive, the
 * serial may be longer and carry a 2-digit system prefix).
 */
export const DOSSIER_CODE = /^[0-9A-Z]+(\.[0-9A-Z]+)*-\d{6}-\d{4,10}$/;

/** The code as typed or scanned (spaces, lower case), or null when it cannot be a dossier code. */
export function normalizeDossierCode(raw: string): string | null {
  const code = raw.normalize('NFC').trim().toUpperCase();
  return code.length <= 64 && DOSSIER_CODE.test(code) ? code : null;
}

/**
 * Outbox topics and where each is delivered, relative to the provincial base URL. A topic names
 * the fact (`dossier.submitted`), its family the endpoint; an item whose topic has no endpoint is
 * refused at enqueue time, so nothing waits for a route that does not exist.
 */
export const OUTBOX_TOPIC = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

export function provincialPathOf(topic: string, aggregateId: string): string | null {
  if (!OUTBOX_TOPIC.test(topic)) return null;
  if (topic.startsWith('dossier.')) return `/v1/dossiers/${encodeURIComponent(aggregateId)}/events`;
  if (topic === 'queue.stats') return '/v1/queue-stats';
  if (topic === 'log.checkpoint') return '/v1/log-checkpoints';
  return null;
}

/** Where a dossier stands at the provincial system, as shown to the citizen. */
export const DOSSIER_STATES = ['received', 'processing', 'supplement_required', 'completed', 'returned', 'rejected', 'not_found'] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

export const DOSSIER_STATE_LABELS: Readonly<Record<DossierState, LocalizedText>> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  processing: { vi: 'Đang giải quyết', en: 'Being processed' },
  supplement_required: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Additional papers required' },
  completed: { vi: 'Đã có kết quả', en: 'Result ready' },
  returned: { vi: 'Đã trả kết quả', en: 'Result handed over' },
  rejected: { vi: 'Từ chối giải quyết', en: 'Refused' },
  not_found: { vi: 'Hồ sơ không tồn tại', en: 'No such dossier' },
};

export function isDossierState(value: unknown): value is DossierState {
  return typeof value === 'string' && (DOSSIER_STATES as readonly string[]).includes(value);
}

/** getDossierStatus: `updatedAt` is epoch ms of the provincial system's last change, null when unknown. */
export interface DossierStatusResponse {
  readonly code: string;
  readonly state: DossierState;
  readonly label: LocalizedText;
  readonly updatedAt: number | null;
}

/**
 * Appointment code: what the booking QR carries after its "LH:" or "HEN:" prefix (the scanner's
 * appointment_qr kind): 6–32 letters, digits or '-'. Compared in upper case.
 */
const APPOINTMENT_CODE = /^[A-Z0-9-]{6,32}$/;

/** The code of a scanned QR ("HEN:…", "LH:…") or a typed code, or null when it cannot be one. */
export function normalizeAppointmentCode(raw: string): string | null {
  const text = raw
    .normalize('NFC')
    .trim()
    .toUpperCase()
    .replace(/^(LH|HEN):/, '');
  return APPOINTMENT_CODE.test(text) ? text : null;
}

export const APPOINTMENT_STATES = ['booked', 'checked_in', 'cancelled', 'no_show'] as const;
export type AppointmentState = (typeof APPOINTMENT_STATES)[number];
export const APPOINTMENT_SOURCES = ['provincial', 'dashboard'] as const;
export type AppointmentSource = (typeof APPOINTMENT_SOURCES)[number];

/** An appointment as the API shows it: the person hash never leaves the server. */
export interface AppointmentView {
  readonly id: string;
  readonly code: string;
  readonly serviceId: string;
  readonly procedureId: string | null;
  /** Epoch ms. */
  readonly slotStart: number;
  readonly slotEnd: number;
  readonly source: AppointmentSource;
  readonly state: AppointmentState;
  readonly ticketId: string | null;
  readonly createdAt: number;
  readonly checkedInAt: number | null;
}

const viDate = z.string().regex(/^\d{2}\/\d{2}\/\d{4}$/, 'use dd/mm/yyyy, e.g. "23/11/2026"');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:mm, e.g. "09:30"');
const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

/** dd/mm/yyyy → YYYY-MM-DD, or null when the calendar has no such day. */
export function isoDateOfVi(date: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(date);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === iso ? iso : null;
}

/** createAppointment (dashboard): a slot on one business day in the hall's time zone. */
export const createAppointmentRequest = z
  .strictObject({
    serviceId: id,
    procedureId: id.optional(),
    date: viDate.refine((d) => isoDateOfVi(d) !== null, 'no such calendar date; use dd/mm/yyyy'),
    from: clock,
    to: clock,
    /** 12-digit ID number of the citizen: hashed at once for the fairness rule, never stored. */
    idNumber: z
      .string()
      .regex(/^\d{12}$/, 'the ID number has exactly 12 digits')
      .optional(),
  })
  .refine((b) => b.from < b.to, { message: '"from" must be earlier than "to"', path: ['to'] });
export type CreateAppointmentRequest = z.input<typeof createAppointmentRequest>;

/** checkInAppointment's answer: issueTicket's, plus the appointment now checked in. */
export interface CheckInResponse extends IssueTicketResponse {
  readonly appointment: AppointmentView;
}

/** checkInAppointment (kiosk): the scanned QR text or the typed code. */
export const checkInAppointmentRequest = z.strictObject({ code: z.string().min(1).max(64) });

/** syncAppointments: one business day, today when omitted. */
export const syncAppointmentsRequest = z.strictObject({ date: viDate.optional() });

/** enqueueQueueStats: a finished business day. */
export const enqueueQueueStatsRequest = z.strictObject({ date: viDate });

export interface AppointmentSyncResult {
  readonly date: string;
  readonly received: number;
  readonly created: number;
  readonly updated: number;
  readonly cancelled: number;
  /** Appointments not taken, with why (an unknown procedure code, a bad slot). */
  readonly skipped: readonly { readonly code: string; readonly reason: string }[];
}

/** One outbox item as the dashboard lists it (the payload stays on the server). */
export interface OutboxItemView {
  readonly id: number;
  readonly topic: string;
  readonly aggregateId: string;
  readonly aggregateSeq: number;
  readonly idempotencyKey: string;
  readonly createdAt: number;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lastError: string | null;
  readonly deliveredAt: number | null;
  readonly deadAt: number | null;
}

/** getOutbox. `sync.state`: running, or why nothing is being sent. */
export interface OutboxResponse {
  readonly counts: { readonly pending: number; readonly delivered: number; readonly dead: number };
  readonly sync: {
    readonly state: 'running' | 'not_configured' | 'missing_secret';
    readonly baseUrl: string | null;
    readonly lastRunAt: number | null;
    readonly lastError: string | null;
  };
  readonly pending: readonly OutboxItemView[];
  readonly deadLetters: readonly OutboxItemView[];
}
