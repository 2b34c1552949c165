/**
 * The dossier part of the wire protocol (hồ sơ prepared at the kiosk or the counter).
 *
 * Routes (all under /api/v1; roles in brackets):
 * - POST   /dossiers                                   createDossier [kiosk, officer]
 *     body CreateDossierRequest → 201 DossierResponse (state draft). The form is validated against
 *     the procedure's e-form (electron/common/eform.ts); problems come back as VALIDATION_FAILED with
 *     `details.problems: FormProblem[]`.
 * - PUT    /dossiers/{dossierId}/papers/{docTypeCode}  uploadPaper [kiosk, officer]
 *     body: the PDF bytes, `content-type: application/pdf`, at most MAX_PAPER_BYTES; headers
 *     PAPER_HEADERS (SHA-256 the client computed, page count, dpi, OCR confidence). Replaces the paper
 *     of the same type (a rescan). → 201 PaperResponse. A body that is not a PDF → INVALID_DOCUMENT;
 *     a hash that does not match → CORRUPT_UPLOAD; too large → PAYLOAD_TOO_LARGE. Nothing is kept.
 * - DELETE /dossiers/{dossierId}/papers/{docTypeCode}  removePaper [kiosk, officer] → 204
 * - POST   /dossiers/{dossierId}/submit                submitDossier [kiosk, officer]
 *     body SubmitDossierRequest → 200 SubmitDossierResponse: the dossier code
 *     `<agency code>-YYMMDD-NNNN`, and a queue ticket for the procedure's service. Idempotent: a
 *     repeated submit answers the same dossier and ticket.
 * - DELETE /dossiers/{dossierId}                       discardDossier [kiosk, officer] → 204 (drafts only;
 *     the kiosk discards an unsubmitted draft when the citizen's session ends)
 * - GET    /dossiers/{dossierId}                       getDossier [officer, supervisor; the kiosk for its own draft]
 * - GET    /dossiers?ticketId=… | ?code=…              findDossier [officer, supervisor] → DossierResponse
 *     (the counter opens the dossier of the ticket it called, or of a scanned receipt QR)
 * - GET    /dossiers/{dossierId}/papers/{paperId}/pdf  getPaperPdf [officer, supervisor] → application/pdf
 * - POST   /dossiers/{dossierId}/receive               receiveDossier [officer] → 200 DossierResponse
 *     (state received: the counter took the dossier in)
 *
 * A draft belongs to the kiosk (device) or the officer session that created it. Personal data (the
 * applicant and the form) is encrypted at rest on the hall server and deleted after the retention
 * period; the ID number is also kept as the hall's salted hash for statistics.
 */
import { z } from 'zod';
import { PRIORITY_CLASSES } from './domain.ts';
import type { FormData } from './eform.ts';
import type { ConsentRecord } from './privacy-notice.ts';
import { consentSchema, type IssueTicketResponse } from './wire.ts';

/**
 * draft → submitted → synced (delivered to the provincial system) → received (taken in at the
 * counter, Mẫu 01). At the counter the officer may instead ask for papers to be supplemented
 * (supplement_requested, Mẫu 02; the dossier can be received once they are brought) or refuse it
 * (refused, Mẫu 03; final).
 */
export const DOSSIER_STATES = ['draft', 'submitted', 'synced', 'received', 'supplement_requested', 'refused'] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

export { MAX_PAPER_BYTES, PAPER_HEADERS } from './dossier-papers.ts';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');
const dmy = z.string().regex(/^\d{2}\/\d{2}\/\d{4}$/, 'a date as dd/mm/yyyy');

/** How the applicant was identified: the chip (authenticated), the card's QR, the MRZ, or typed at the counter. */
export const IDENTITY_SOURCES = ['chip', 'qr', 'mrz', 'typed'] as const;
export type IdentitySource = (typeof IDENTITY_SOURCES)[number];

export const applicantSchema = z.strictObject({
  idNumber: z.string().regex(/^\d{12}$/, 'the ID number has exactly 12 digits'),
  fullName: z.string().trim().min(1).max(100),
  dateOfBirth: dmy,
  sex: z.enum(['Nam', 'Nữ']).nullable().default(null),
  placeOfResidence: z.string().max(300).nullable().default(null),
  source: z.enum(IDENTITY_SOURCES),
  /** Chip reads only: whether passive authentication verified the card. */
  verified: z.boolean().default(false),
});
export type Applicant = z.infer<typeof applicantSchema>;

export const createDossierRequest = z.strictObject({
  procedureId: id,
  applicant: applicantSchema,
  /** Values keyed by the e-form's field ids; validated on the server against the procedure's form. */
  form: z.record(z.string(), z.unknown()),
  /**
   * The citizen's consent to the `dossier` notice (NĐ 13/2023; privacy-notice.ts), given before
   * anything was read for the dossier: kept with the draft and recorded as consent.given.
   */
  consent: consentSchema.refine((c) => c.notice === 'dossier', { message: 'a dossier records consent to the dossier notice', path: ['notice'] }),
});
export type CreateDossierRequest = z.input<typeof createDossierRequest>;

export const submitDossierRequest = z.strictObject({
  priority: z.enum(PRIORITY_CLASSES).default('normal'),
});
export type SubmitDossierRequest = z.input<typeof submitDossierRequest>;

export interface PaperView {
  readonly id: string;
  readonly docTypeCode: string;
  /** The paper's name in the procedure (thành phần hồ sơ). */
  readonly name: string;
  /** `<12-digit ID>.<document-type code>`. */
  readonly code: string;
  readonly sha256: string;
  readonly pages: number;
  readonly dpi: number;
  readonly bytes: number;
  readonly ocrConfidence: number | null;
  readonly uploadedAt: number;
}

export interface DossierView {
  readonly id: string;
  /** null until submitted. */
  readonly code: string | null;
  readonly state: DossierState;
  readonly procedure: { readonly id: string; readonly code: string; readonly name: string; readonly serviceId: string };
  readonly formId: string | null;
  readonly applicant: Applicant;
  readonly form: FormData;
  readonly papers: readonly PaperView[];
  /** Required papers of the procedure that must be digitised and are not yet. */
  readonly missingPapers: readonly { readonly docTypeCode: string; readonly name: string }[];
  readonly ticketId: string | null;
  readonly ticketNumber: string | null;
  readonly channel: 'kiosk' | 'counter';
  readonly createdAt: number;
  readonly submittedAt: number | null;
  readonly syncedAt: number | null;
  readonly receivedAt: number | null;
  /** The latest reception decision (Mẫu 01, 02 or 03), null before the counter decided. */
  readonly outcome: DossierOutcomeView | null;
  /** The citizen's consent to the dossier notice; null only for drafts made before it was kept. */
  readonly consent: ConsentRecord | null;
}

/** The official forms the counter prints on A5 (TT 01/2018/TT-VPCP Điều 9). */
export const RECEIPT_FORMS = ['01', '02', '03'] as const;
export type ReceiptForm = (typeof RECEIPT_FORMS)[number];

/** The officer's latest reception decision and the form printed for it. */
export interface DossierOutcomeView {
  readonly form: ReceiptForm;
  /** Number in the year's register of that form, "0007/2026". */
  readonly receiptNo: string;
  readonly decidedAt: number;
  readonly staffName: string | null;
  /** Mẫu 01: the result is due on this date (YYYY-MM-DD, hall time). */
  readonly dueDate: string | null;
  /** Mẫu 01: the processing time in the receipt's words ("03 ngày làm việc"). */
  readonly period: string | null;
  /** Mẫu 02: what to supplement; Mẫu 03: empty. */
  readonly items: readonly string[];
  /** Mẫu 02 (optional) and 03 (required): the reason. */
  readonly reason: string | null;
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .transform((s) => s.normalize('NFC'));

export const requestSupplementRequest = z.strictObject({
  /** Each paper or content to supplement or correct, in the officer's words. */
  items: z.array(text(300)).min(1, 'name at least one paper or content to supplement').max(20),
  reason: text(500).nullable().default(null),
});
export type RequestSupplementRequest = z.input<typeof requestSupplementRequest>;

export const refuseDossierRequest = z.strictObject({
  /** The specific reason, as printed on the refusal (Mẫu 03). */
  reason: text(500),
});
export type RefuseDossierRequest = z.input<typeof refuseDossierRequest>;

export interface DossierResponse {
  readonly dossier: DossierView;
}

export interface PaperResponse {
  readonly paper: PaperView;
}

/** The dossier with its code, and the queue ticket as issueTicket answers it. */
export interface SubmitDossierResponse extends IssueTicketResponse {
  readonly dossier: DossierView;
}
