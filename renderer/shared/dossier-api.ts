/**
 * Client of the dossier routes (electron/common/dossier-wire.ts), the dossier status lookup and the
 * appointment check-in, on top of HallApi: same credentials, same HallApiError codes. The paper
 * upload sends the PDF bytes the document scanner produced, with the PAPER_HEADERS the server
 * checks (SHA-256, pages, dpi, OCR confidence).
 */
import type { ScannedPaper } from '../../electron/common/device-contract.ts';
import { PAPER_HEADERS } from '../../electron/common/dossier-papers.ts';
import type { BodyOf, CheckInResponse, DossierResponse, DossierStatusView, PaperResponse, SubmitDossierResponse } from './api/types.ts';
import type { HallApi } from './hall-api.ts';

export type { DossierStatusView } from './api/types.ts';

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

export class DossierApi {
  readonly #api: HallApi;

  constructor(api: HallApi) {
    this.#api = api;
  }

  create(body: BodyOf<'/api/v1/dossiers', 'post'>): Promise<DossierResponse> {
    return this.#api.call('post', '/api/v1/dossiers', { body });
  }

  uploadPaper(dossierId: string, docTypeCode: string, paper: ScannedPaper): Promise<PaperResponse> {
    return this.#api.callBytes(
      'put',
      '/api/v1/dossiers/{dossierId}/papers/{docTypeCode}',
      { dossierId, docTypeCode },
      base64ToBytes(paper.pdfBase64),
      'application/pdf',
      paperUploadHeaders(paper),
    );
  }

  async removePaper(dossierId: string, docTypeCode: string): Promise<void> {
    await this.#api.call('delete', '/api/v1/dossiers/{dossierId}/papers/{docTypeCode}', { params: { dossierId, docTypeCode } });
  }

  submit(dossierId: string, body: BodyOf<'/api/v1/dossiers/{dossierId}/submit', 'post'>): Promise<SubmitDossierResponse> {
    return this.#api.call('post', '/api/v1/dossiers/{dossierId}/submit', { params: { dossierId }, body });
  }

  /** Drafts only (the kiosk discards an unsubmitted draft when the session ends). */
  async discard(dossierId: string): Promise<void> {
    await this.#api.call('delete', '/api/v1/dossiers/{dossierId}', { params: { dossierId } });
  }

  get(dossierId: string): Promise<DossierResponse> {
    return this.#api.call('get', '/api/v1/dossiers/{dossierId}', { params: { dossierId } });
  }

  findByTicket(ticketId: string): Promise<DossierResponse> {
    return this.#api.call('get', '/api/v1/dossiers', { query: { ticketId } });
  }

  findByCode(code: string): Promise<DossierResponse> {
    return this.#api.call('get', '/api/v1/dossiers', { query: { code: cleanCode(code) } });
  }

  paperPdf(dossierId: string, paperId: string): Promise<Blob> {
    return this.#api.download('/api/v1/dossiers/{dossierId}/papers/{paperId}/pdf', { dossierId, paperId });
  }

  receive(dossierId: string): Promise<DossierResponse> {
    return this.#api.call('post', '/api/v1/dossiers/{dossierId}/receive', { params: { dossierId } });
  }

  requestSupplement(dossierId: string, body: BodyOf<'/api/v1/dossiers/{dossierId}/request-supplement', 'post'>): Promise<DossierResponse> {
    return this.#api.call('post', '/api/v1/dossiers/{dossierId}/request-supplement', { params: { dossierId }, body });
  }

  refuse(dossierId: string, body: BodyOf<'/api/v1/dossiers/{dossierId}/refuse', 'post'>): Promise<DossierResponse> {
    return this.#api.call('post', '/api/v1/dossiers/{dossierId}/refuse', { params: { dossierId }, body });
  }

  /** The A5 PDF of the latest decision (Mẫu 01, 02 or 03). */
  receiptPdf(dossierId: string): Promise<Blob> {
    return this.#api.download('/api/v1/dossiers/{dossierId}/receipt', { dossierId });
  }

  status(code: string): Promise<DossierStatusView> {
    return this.#api.call('get', '/api/v1/dossier-status/{code}', { params: { code: cleanCode(code) } });
  }

  /** `code` is the appointment QR's text as scanned, or the code as typed. */
  checkInAppointment(code: string): Promise<CheckInResponse> {
    return this.#api.call('post', '/api/v1/appointments/check-in', { body: { code: code.normalize('NFC').trim() } });
  }
}
