/**
 * A paper's upload (dossier-wire.ts, uploadPaper): its size limit and the headers that describe it.
 * Apart from the wire schemas so the renderer reads them without zod.
 */
/** One paper's PDF: the hall refuses larger uploads (a 300 dpi colour page is about 1 MB as JPEG). */
export const MAX_PAPER_BYTES = 25 * 1024 * 1024;

export const PAPER_HEADERS = {
  sha256: 'x-paper-sha256',
  pages: 'x-paper-pages',
  dpi: 'x-paper-dpi',
  ocrConfidence: 'x-paper-ocr-confidence',
} as const;
