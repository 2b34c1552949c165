/**
 * Client of the dossier routes (electron/common/dossier-wire.ts), the dossier status lookup and the
 * appointment check-in, on top of HallApi: same credentials, same HallApiError codes. The paper
 * upload sends the PDF bytes the document scanner produced, with the PAPER_HEADERS the server
 * checks (SHA-256, pages, dpi, OCR confidence).
 */
import type { ScannedPaper } from '../../electron/common/device-contract.ts';
import { PAPER_HEADERS } from '../../electron/common/dossier-papers.ts';
import type { CreateDossierRequest, DossierResponse, PaperResponse, RefuseDossierRequest, RequestSupplementRequest, SubmitDossierRequest, SubmitDossierResponse } from '../../electron/common/dossier-wire.ts';
import type { IssueTicketResponse } from '../../electron/common/wire.ts';
import type { HallApi } from './hall-api.ts';
import type { Localized } from './hall-types.ts';

/** getDossierStatus: where a dossier stands at the provincial system. */
export interface DossierStatusView {
  readonly code: string;
  readonly state: string;
  readonly label: Localized;
  /** Epoch ms of the last change, null when unknown. */
  readonly updatedAt: number | null;
}

/** Decodes standard base64 (the device wire carries the PDF as base64) into bytes. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The upload headers of a scanned paper. `pages` is the number of PDF pages (a noted page is in the
 * PDF twice), which is what the server can check against the file.
 */
export function paperUploadHeaders(paper: ScannedPaper): Record<string, string> {
  return {
    [PAPER_HEADERS.sha256]: paper.sha256.toLowerCase(),
    [PAPER_HEADERS.pages]: String(paper.pages.length),
    [PAPER_HEADERS.dpi]: String(paper.dpi),
    [PAPER_HEADERS.ocrConfidence]: String(Math.round(paper.ocrConfidence * 10) / 10),
  };
}

/** Typed or scanned dossier code as the routes take it: NFC, trimmed, spaces dropped, upper case. */
export function cleanCode(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/g, '').toUpperCase();
}

const enc = encodeURIComponent;

export class DossierApi {
  readonly #api: HallApi;

  constructor(api: HallApi) {
    this.#api = api;
  }

  create(body: CreateDossierRequest): Promise<DossierResponse> {
    return this.#api.request('POST', '/api/v1/dossiers', body);
  }

  uploadPaper(dossierId: string, docTypeCode: string, paper: ScannedPaper): Promise<PaperResponse> {
    return this.#api.requestBytes('PUT', `/api/v1/dossiers/${enc(dossierId)}/papers/${enc(docTypeCode)}`, base64ToBytes(paper.pdfBase64), 'application/pdf', paperUploadHeaders(paper));
  }

  removePaper(dossierId: string, docTypeCode: string): Promise<unknown> {
    return this.#api.request('DELETE', `/api/v1/dossiers/${enc(dossierId)}/papers/${enc(docTypeCode)}`);
  }

  submit(dossierId: string, body: SubmitDossierRequest): Promise<SubmitDossierResponse> {
    return this.#api.request('POST', `/api/v1/dossiers/${enc(dossierId)}/submit`, body);
  }

  /** Drafts only (the kiosk discards an unsubmitted draft when the session ends). */
  discard(dossierId: string): Promise<unknown> {
    return this.#api.request('DELETE', `/api/v1/dossiers/${enc(dossierId)}`);
  }

  get(dossierId: string): Promise<DossierResponse> {
    return this.#api.request('GET', `/api/v1/dossiers/${enc(dossierId)}`);
  }

  findByTicket(ticketId: string): Promise<DossierResponse> {
    return this.#api.request('GET', `/api/v1/dossiers?ticketId=${enc(ticketId)}`);
  }

  findByCode(code: string): Promise<DossierResponse> {
    return this.#api.request('GET', `/api/v1/dossiers?code=${enc(cleanCode(code))}`);
  }

  paperPdf(dossierId: string, paperId: string): Promise<Blob> {
    return this.#api.download(`/api/v1/dossiers/${enc(dossierId)}/papers/${enc(paperId)}/pdf`);
  }

  receive(dossierId: string): Promise<DossierResponse> {
    return this.#api.request('POST', `/api/v1/dossiers/${enc(dossierId)}/receive`, {});
  }

  requestSupplement(dossierId: string, body: RequestSupplementRequest): Promise<DossierResponse> {
    return this.#api.request('POST', `/api/v1/dossiers/${enc(dossierId)}/request-supplement`, body);
  }

  refuse(dossierId: string, body: RefuseDossierRequest): Promise<DossierResponse> {
    return this.#api.request('POST', `/api/v1/dossiers/${enc(dossierId)}/refuse`, body);
  }

  /** The A5 PDF of the latest decision (Mẫu 01, 02 or 03). */
  receiptPdf(dossierId: string): Promise<Blob> {
    return this.#api.download(`/api/v1/dossiers/${enc(dossierId)}/receipt`);
  }

  status(code: string): Promise<DossierStatusView> {
    return this.#api.request('GET', `/api/v1/dossier-status/${enc(cleanCode(code))}`);
  }

  /** `code` is the appointment QR's text as scanned, or the code as typed. */
  checkInAppointment(code: string): Promise<IssueTicketResponse> {
    return this.#api.request('POST', '/api/v1/appointments/check-in', { code: code.normalize('NFC').trim() });
  }
}
