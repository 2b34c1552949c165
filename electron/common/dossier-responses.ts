/**
 * The answers of the dossier, provincial-sync, appointment and outbox routes as zod schemas
 * (hall-responses.ts says why: one contract for the server's serializer, the OpenAPI document and
 * the renderer's generated client). Browser apps import this module for types only.
 */
import { z } from 'zod';
import { DOSSIER_STATES, IDENTITY_SOURCES, RECEIPT_FORMS } from './dossier-wire.ts';
import { issueTicketResponseShape } from './hall-responses.ts';
import { PRIVACY_NOTICES } from './privacy-notice.ts';
import { APPOINTMENT_SOURCES, APPOINTMENT_STATES, DOSSIER_STATES as PROVINCIAL_DOSSIER_STATES } from './provincial.ts';

const epochMs = z.number().int();
const count = z.number().int().min(0);

export const paperViewSchema = z
  .strictObject({
    id: z.string(),
    docTypeCode: z.string(),
    name: z.string(),
    code: z.string(),
    sha256: z.string(),
    pages: count,
    dpi: count,
    bytes: count,
    ocrConfidence: z.number().nullable(),
    uploadedAt: epochMs,
  })
  .meta({ id: 'Paper' });

const address = z.strictObject({ province: z.string(), district: z.string().optional(), ward: z.string(), street: z.string() });
const leafValue = z.union([z.string(), address]);

export const dossierViewSchema = z
  .strictObject({
    id: z.string(),
    code: z.string().nullable(),
    state: z.enum(DOSSIER_STATES),
    procedure: z.strictObject({ id: z.string(), code: z.string(), name: z.string(), serviceId: z.string() }),
    formId: z.string().nullable(),
    applicant: z.strictObject({
      idNumber: z.string(),
      fullName: z.string(),
      dateOfBirth: z.string(),
      sex: z.enum(['Nam', 'Nữ']).nullable(),
      placeOfResidence: z.string().nullable(),
      source: z.enum(IDENTITY_SOURCES),
      verified: z.boolean(),
    }),
    /** The e-form's values: text, an address, or the items of a repeated group. */
    form: z.record(z.string(), z.union([leafValue, z.array(z.record(z.string(), leafValue))])),
    papers: z.array(paperViewSchema),
    missingPapers: z.array(z.strictObject({ docTypeCode: z.string(), name: z.string() })),
    ticketId: z.string().nullable(),
    ticketNumber: z.string().nullable(),
    channel: z.enum(['kiosk', 'counter']),
    createdAt: epochMs,
    submittedAt: epochMs.nullable(),
    syncedAt: epochMs.nullable(),
    receivedAt: epochMs.nullable(),
    outcome: z
      .strictObject({
        form: z.enum(RECEIPT_FORMS),
        receiptNo: z.string(),
        decidedAt: epochMs,
        staffName: z.string().nullable(),
        dueDate: z.string().nullable(),
        period: z.string().nullable(),
        items: z.array(z.string()),
        reason: z.string().nullable(),
      })
      .nullable(),
    consent: z
      .strictObject({
        notice: z.enum(PRIVACY_NOTICES),
        version: z.string(),
        language: z.enum(['vi', 'en']),
        givenAt: epochMs,
        recordedAt: epochMs,
      })
      .nullable(),
  })
  .meta({ id: 'Dossier' });

export const dossierResponse = z.strictObject({ dossier: dossierViewSchema });
export const paperResponse = z.strictObject({ paper: paperViewSchema });
export const submitDossierResponse = z.strictObject({ ...issueTicketResponseShape, dossier: dossierViewSchema });

export const dossierStatusResponse = z.strictObject({
  code: z.string(),
  state: z.enum(PROVINCIAL_DOSSIER_STATES),
  label: z.strictObject({ vi: z.string(), en: z.string() }),
  updatedAt: epochMs.nullable(),
});

export const appointmentViewSchema = z
  .strictObject({
    id: z.string(),
    code: z.string(),
    serviceId: z.string(),
    procedureId: z.string().nullable(),
    slotStart: epochMs,
    slotEnd: epochMs,
    source: z.enum(APPOINTMENT_SOURCES),
    state: z.enum(APPOINTMENT_STATES),
    ticketId: z.string().nullable(),
    createdAt: epochMs,
    checkedInAt: epochMs.nullable(),
  })
  .meta({ id: 'Appointment' });

export const appointmentListResponse = z.strictObject({ date: z.string(), appointments: z.array(appointmentViewSchema) });
export const checkInResponse = z.strictObject({ ...issueTicketResponseShape, appointment: appointmentViewSchema });
export const appointmentSyncResponse = z.strictObject({
  date: z.string(),
  received: count,
  created: count,
  updated: count,
  cancelled: count,
  skipped: z.array(z.strictObject({ code: z.string(), reason: z.string() })),
});

export const outboxItemSchema = z
  .strictObject({
    id: z.number().int(),
    topic: z.string(),
    aggregateId: z.string(),
    aggregateSeq: z.number().int(),
    idempotencyKey: z.string(),
    createdAt: epochMs,
    attempts: count,
    nextAttemptAt: epochMs,
    lastError: z.string().nullable(),
    deliveredAt: epochMs.nullable(),
    deadAt: epochMs.nullable(),
  })
  .meta({ id: 'OutboxItem' });

export const outboxResponse = z.strictObject({
  counts: z.strictObject({ pending: count, delivered: count, dead: count }),
  sync: z.strictObject({
    state: z.enum(['running', 'not_configured', 'missing_secret']),
    baseUrl: z.string().nullable(),
    lastRunAt: epochMs.nullable(),
    lastError: z.string().nullable(),
  }),
  pending: z.array(outboxItemSchema),
  deadLetters: z.array(outboxItemSchema),
});

export const enqueueQueueStatsResponse = z.strictObject({
  id: z.number().int(),
  aggregateSeq: z.number().int(),
  idempotencyKey: z.string(),
  /** False when the day was already queued (nothing was added). */
  created: z.boolean(),
  /** The business day as asked, dd/mm/yyyy. */
  businessDate: z.string(),
});
