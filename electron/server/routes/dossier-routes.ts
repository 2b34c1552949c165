/**
 * Dossier routes (electron/common/dossier-wire.ts has the contract). A draft belongs to the kiosk,
 * or to the officer and counter, that created it; staff on counter and dashboard devices read any
 * dossier. The paper upload reads its PDF body itself, after every other check passed.
 */
import { z } from 'zod';
import {
  createDossierRequest,
  MAX_PAPER_BYTES,
  PAPER_HEADERS,
  refuseDossierRequest,
  requestSupplementRequest,
  submitDossierRequest,
  type DossierResponse,
  type PaperResponse,
} from '../../common/dossier-wire.ts';
import { dossierResponse, paperResponse, submitDossierResponse } from '../../common/dossier-responses.ts';
import { DomainError } from '../../common/errors.ts';
import { emptyRequest } from '../../common/wire.ts';
import type { Access, Caller } from '../access.ts';
import type { DossierReception } from '../dossier-reception.ts';
import type { DossierActor, DossierService, PaperUpload } from '../dossier-service.ts';
import { route, type Route } from '../http/route.ts';
import type { RouteDeps } from './deps.ts';

const STAFF = ['officer', 'supervisor', 'admin'] as const;
/** Kiosks for their own drafts; counter devices with a logged-in officer. */
const PREPARE = { devices: ['kiosk', 'counter'] } as const;
const READ = { devices: ['counter', 'dashboard'], staff: STAFF } as const;
/** Reception decisions: an officer at a counter. */
const DECIDE = { devices: ['counter'], staff: STAFF } as const;

const paperHeaders = z.object({
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'the SHA-256 of the PDF as 64 hexadecimal digits'),
  pages: z.coerce.number().int().min(1).max(500),
  // Administrative papers are digitised at 200 dpi or more (PRODUCT.md; devices' DOCUMENT_DPIS: 200 or 300).
  dpi: z.coerce.number().int().min(200, 'a scan of administrative papers needs at least 200 dpi').max(1200),
  ocrConfidence: z.coerce.number().min(0).max(100).nullable(),
});

const HEADER_OF: Record<string, string> = PAPER_HEADERS;

/** The upload's headers as sent (strings), for the OpenAPI document and the check that they are there; their values: readPaperHeaders. */
const paperHeaderSchema = z.object({
  [PAPER_HEADERS.sha256]: z.string({ error: 'the SHA-256 of the PDF as 64 hexadecimal digits' }).describe('SHA-256 of the PDF, hexadecimal'),
  [PAPER_HEADERS.pages]: z.string({ error: 'the page count' }).describe('Page count'),
  [PAPER_HEADERS.dpi]: z.string({ error: 'the scan resolution in dpi' }).describe('Scan resolution'),
  [PAPER_HEADERS.ocrConfidence]: z.string().optional().describe('Mean OCR confidence, 0–100'),
});

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readPaperHeaders(headers: Record<string, string | string[] | undefined>): PaperUpload {
  const ocr = header(headers, PAPER_HEADERS.ocrConfidence);
  const result = paperHeaders.safeParse({
    sha256: header(headers, PAPER_HEADERS.sha256),
    pages: header(headers, PAPER_HEADERS.pages),
    dpi: header(headers, PAPER_HEADERS.dpi),
    ocrConfidence: ocr === undefined || ocr === '' ? null : ocr,
  });
  if (!result.success) {
    throw new DomainError('VALIDATION_FAILED', {
      issues: result.error.issues.map((i) => ({ path: HEADER_OF[String(i.path[0])] ?? String(i.path[0]), message: i.message, code: i.code })),
    });
  }
  return result.data;
}

/** The body length a request declares (Content-Length), or null (chunked, or not a number). */
function declaredLength(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

/** The acting device and, on counter and dashboard devices, the logged-in staff member. */
function actorOf(access: Access, caller: Caller, sessionToken: string | null): DossierActor {
  const device = caller.device;
  if (!device) throw new DomainError('UNAUTHENTICATED');
  if (device.role === 'kiosk') return { deviceId: device.id, deviceRole: device.role, staffId: null, staffName: null };
  const staff = caller.staff ?? access.staffForSession(device, sessionToken);
  if (!(STAFF as readonly string[]).includes(staff.role)) throw new DomainError('FORBIDDEN', { staffRole: staff.role, allowed: STAFF });
  return { deviceId: device.id, deviceRole: device.role, staffId: staff.id, staffName: staff.displayName };
}

export function dossierRoutes(deps: RouteDeps, dossiers: DossierService, reception: DossierReception): Route[] {
  const actor = (caller: Caller, sessionToken: string | null): DossierActor => actorOf(deps.access, caller, sessionToken);
  return [
    route({
      method: 'POST',
      path: '/api/v1/dossiers',
      operationId: 'createDossier',
      tag: 'dossiers',
      logs: ['consent.given'],
      summary:
        "Start a draft dossier: procedure, applicant, e-form (validated against the procedure's form) and the citizen's consent to the dossier notice (kept with the draft). Kiosk, or an officer on a counter.",
      access: PREPARE,
      success: { status: 201, body: dossierResponse },
      body: createDossierRequest,
      handler: ({ body, caller, sessionToken }) => {
        const response: DossierResponse = { dossier: dossiers.create(actor(caller, sessionToken), body) };
        return { status: 201, body: response };
      },
    }),
    route({
      method: 'PUT',
      path: '/api/v1/dossiers/:dossierId/papers/:docTypeCode',
      operationId: 'uploadPaper',
      tag: 'dossiers',
      logs: [],
      summary: `Upload one scanned paper as application/pdf (at most ${MAX_PAPER_BYTES} bytes), replacing the paper of that type.`,
      access: PREPARE,
      success: { status: 201, body: paperResponse },
      rawBody: { contentType: 'application/pdf', limit: MAX_PAPER_BYTES },
      headers: paperHeaderSchema,
      // The headers' values, who may upload, whether the procedure takes this paper and whether its
      // declared length fits the device's draft storage are known before the body is read: a
      // malformed upload is refused without reading up to MAX_PAPER_BYTES first.
      beforeBody: ({ params, caller, sessionToken, headers }) => {
        readPaperHeaders(headers);
        dossiers.checkUpload(actor(caller, sessionToken), params.dossierId ?? '', params.docTypeCode ?? '', declaredLength(headers['content-length']));
      },
      handler: async ({ params, caller, sessionToken, headers, body }) => {
        const who = actor(caller, sessionToken);
        const meta = readPaperHeaders(headers);
        const dossierId = params.dossierId ?? '';
        const docTypeCode = params.docTypeCode ?? '';
        if (!Buffer.isBuffer(body)) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { expected: 'application/pdf' }, 'Send the paper as application/pdf.');
        const response: PaperResponse = { paper: await dossiers.uploadPaper(who, dossierId, docTypeCode, meta, body) };
        return { status: 201, body: response };
      },
    }),
    route({
      method: 'DELETE',
      path: '/api/v1/dossiers/:dossierId/papers/:docTypeCode',
      operationId: 'removePaper',
      tag: 'dossiers',
      logs: [],
      summary: 'Remove a scanned paper from a draft.',
      access: PREPARE,
      success: { status: 204 },
      body: emptyRequest,
      handler: ({ params, caller, sessionToken }) => {
        dossiers.removePaper(actor(caller, sessionToken), params.dossierId ?? '', params.docTypeCode ?? '');
        return { status: 204, body: null };
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/dossiers/:dossierId/submit',
      operationId: 'submitDossier',
      tag: 'dossiers',
      logs: ['dossier.submitted', 'ticket.issued'],
      summary: "Submit a draft: assigns the dossier code and issues the queue ticket for the procedure's service. Idempotent.",
      access: PREPARE,
      success: { body: submitDossierResponse },
      body: submitDossierRequest,
      handler: ({ params, body, caller, sessionToken }) => ({
        status: 200,
        body: dossiers.submit(actor(caller, sessionToken), params.dossierId ?? '', body.priority),
      }),
    }),
    route({
      method: 'DELETE',
      path: '/api/v1/dossiers/:dossierId',
      operationId: 'discardDossier',
      tag: 'dossiers',
      logs: [],
      summary: "Discard a draft and everything in it (the kiosk does when the citizen's session ends).",
      access: PREPARE,
      success: { status: 204 },
      body: emptyRequest,
      handler: ({ params, caller, sessionToken }) => {
        dossiers.discard(actor(caller, sessionToken), params.dossierId ?? '');
        return { status: 204, body: null };
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/dossiers/:dossierId',
      operationId: 'getDossier',
      tag: 'dossiers',
      logs: ['dossier.viewed'],
      summary: 'One dossier: staff on counter and dashboard devices; a kiosk only its own draft.',
      access: { devices: ['kiosk', 'counter', 'dashboard'] },
      success: { body: dossierResponse },
      handler: ({ params, caller, sessionToken }) => {
        const response: DossierResponse = { dossier: dossiers.get(actor(caller, sessionToken), params.dossierId ?? '') };
        return { status: 200, body: response };
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/dossiers',
      operationId: 'findDossier',
      tag: 'dossiers',
      logs: ['dossier.viewed'],
      summary: "The dossier of a queue ticket (the counter's called ticket) or of a dossier code (the receipt QR).",
      access: READ,
      success: { body: dossierResponse },
      query: z.object({
        ticketId: z.string().optional().describe('Queue ticket id'),
        code: z.string().optional().describe('Dossier code, <agency code>-YYMMDD-NNNN'),
      }),
      handler: ({ query, caller, sessionToken }) => {
        const who = actor(caller, sessionToken);
        const ticketId = query.ticketId ?? null;
        const code = query.code ?? null;
        if ((ticketId === null) === (code === null) || (ticketId ?? code ?? '') === '') {
          throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'ticketId', message: 'give exactly one of ticketId and code', code: 'custom' }] });
        }
        const dossier = ticketId !== null ? dossiers.findByTicket(who, ticketId) : dossiers.findByCode(who, code ?? '');
        const response: DossierResponse = { dossier };
        return { status: 200, body: response };
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/dossiers/:dossierId/papers/:paperId/pdf',
      operationId: 'getPaperPdf',
      tag: 'dossiers',
      logs: ['dossier.paper_downloaded'],
      summary: 'The PDF of one scanned paper (logged as dossier.paper_downloaded with the officer).',
      access: READ,
      success: { contentType: 'application/pdf' },
      handler: ({ params, caller, sessionToken }) => {
        const file = dossiers.paperPdf(actor(caller, sessionToken), params.dossierId ?? '', params.paperId ?? '');
        return { status: 200, body: null, file: { contentType: 'application/pdf', fileName: file.fileName, bytes: file.bytes } };
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/dossiers/:dossierId/receive',
      operationId: 'receiveDossier',
      tag: 'dossiers',
      logs: ['dossier.received'],
      summary: 'The counter receives the dossier (state received): the due date of the result is computed and Mẫu 01 numbered. Idempotent.',
      access: DECIDE,
      success: { body: dossierResponse },
      body: emptyRequest,
      handler: ({ params, caller, sessionToken }) => {
        const response: DossierResponse = { dossier: reception.receive(actor(caller, sessionToken), params.dossierId ?? '') };
        return { status: 200, body: response };
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/dossiers/:dossierId/request-supplement',
      operationId: 'requestSupplement',
      tag: 'dossiers',
      logs: ['dossier.supplement_requested'],
      summary: 'The counter asks for papers to be supplemented (state supplement_requested, Mẫu 02); the dossier can be received later.',
      access: DECIDE,
      success: { body: dossierResponse },
      body: requestSupplementRequest,
      handler: ({ params, body, caller, sessionToken }) => {
        const response: DossierResponse = { dossier: reception.requestSupplement(actor(caller, sessionToken), params.dossierId ?? '', body) };
        return { status: 200, body: response };
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/dossiers/:dossierId/refuse',
      operationId: 'refuseDossier',
      tag: 'dossiers',
      logs: ['dossier.refused'],
      summary: 'The counter refuses the dossier with its reason (state refused, Mẫu 03). Final.',
      access: DECIDE,
      success: { body: dossierResponse },
      body: refuseDossierRequest,
      handler: ({ params, body, caller, sessionToken }) => {
        const response: DossierResponse = { dossier: reception.refuse(actor(caller, sessionToken), params.dossierId ?? '', body) };
        return { status: 200, body: response };
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/dossiers/:dossierId/receipt',
      operationId: 'getReceiptPdf',
      tag: 'dossiers',
      logs: [],
      summary: 'The A5 PDF of the latest decision: Mẫu 01 (received, with the due date), 02 (supplement) or 03 (refusal).',
      access: READ,
      success: { contentType: 'application/pdf' },
      handler: async ({ params }) => {
        const file = await reception.receipt(params.dossierId ?? '');
        return { status: 200, body: null, file: { contentType: 'application/pdf', fileName: file.fileName, bytes: file.bytes } };
      },
    }),
  ];
}
