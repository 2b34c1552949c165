/**
 * Validation of a DocumentScanRequest and the captures it asks for. Pure.
 * Digitisation rules (TT 01/2023/TT-VPCP Điều 8.2, in docs/devices.md): as many images as input
 * pages, in order; a page carrying a sticky note is captured twice, first with the note, then with
 * the note lifted. Errors name the field and the fix, never the value of the ID number.
 */
import type { DocumentScanRequest } from '../../../electron/common/device-contract.ts';

export const MAX_PAPER_PAGES = 200;
export const DOCUMENT_DPIS = [200, 300] as const;

export interface Capture {
  /** The paper page this capture shows, 1-based. */
  readonly paperPage: number;
  /** True for the first of a noted page's two captures (note in place). */
  readonly withNote: boolean;
}

export interface ScanPlan {
  readonly code: string;
  readonly docTypeCode: string;
  readonly dpi: 200 | 300;
  readonly captures: readonly Capture[];
}

export class ScanRequestError extends Error {
  override readonly name = 'ScanRequestError';
}

const DOC_TYPE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export function planScan(request: DocumentScanRequest, defaultDpi: 200 | 300): ScanPlan {
  if (typeof request !== 'object' || request === null)
    throw new ScanRequestError('the scan request must be an object { docTypeCode, idNumber, pages, notedPages?, dpi? }');
  const { docTypeCode, idNumber, pages } = request;
  if (typeof idNumber !== 'string' || !/^\d{12}$/.test(idNumber)) throw new ScanRequestError('idNumber must be the 12-digit personal ID number (digits only)');
  if (typeof docTypeCode !== 'string' || !DOC_TYPE_CODE.test(docTypeCode)) {
    throw new ScanRequestError(
      `docTypeCode '${String(docTypeCode).slice(0, 40)}' is not a document-type code: use 1–40 letters, digits, '.', '_' or '-', starting with a letter or digit`,
    );
  }
  if (typeof pages !== 'number' || !Number.isInteger(pages) || pages < 1 || pages > MAX_PAPER_PAGES) {
    throw new ScanRequestError(`pages ${String(pages)} is not a page count: use a whole number from 1 to ${MAX_PAPER_PAGES}`);
  }
  const noted = request.notedPages ?? [];
  if (!Array.isArray(noted)) throw new ScanRequestError('notedPages must be a list of page numbers');
  const seen = new Set<number>();
  for (const page of noted) {
    if (typeof page !== 'number' || !Number.isInteger(page) || page < 1 || page > pages) {
      throw new ScanRequestError(`notedPages: ${String(page)} is not a page of this ${pages}-page paper (use 1–${pages})`);
    }
    if (seen.has(page)) throw new ScanRequestError(`notedPages: page ${page} is listed twice`);
    seen.add(page);
  }
  const dpi = request.dpi ?? defaultDpi;
  if (!DOCUMENT_DPIS.includes(dpi)) throw new ScanRequestError(`dpi ${String(dpi)} is not offered: use 200 or 300`);
  const captures: Capture[] = [];
  for (let page = 1; page <= pages; page++) {
    if (seen.has(page)) captures.push({ paperPage: page, withNote: true });
    captures.push({ paperPage: page, withNote: false });
  }
  return { code: `${idNumber}.${docTypeCode}`, docTypeCode, dpi, captures };
}
