/**
 * Real small PDFs for dossier tests: one written by pdfkit (classic cross-reference table), and one
 * built by hand the way compact writers do it (page objects inside a FlateDecode object stream, a
 * cross-reference stream instead of a table, ISO 32000-1 §7.5.7–7.5.8).
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

/** A PDF of `pages` A4 pages with a line of text each, as pdfkit writes it. */
export function pdfkitPdf(pages = 1, text = 'Giay to kiem thu'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, compress: true, info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (let i = 0; i < pages; i++) doc.addPage().fontSize(14).text(`${text} ${i + 1}`, 72, 72);
    doc.end();
  });
}

/** A one-page PDF 1.5 whose objects live in an object stream, indexed by a cross-reference stream. */
export function objectStreamPdf(options: { withPage?: boolean } = {}): Buffer {
  const withPage = options.withPage ?? true;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    withPage ? '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' : '<< /Type /Pages /Kids [] /Count 0 >>',
    withPage ? '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>' : '<< /Producer (test) >>',
  ];
  let offsets = '';
  let body = '';
  objects.forEach((o, i) => {
    offsets += `${i + 1} ${body.length} `;
    body += `${o}\n`;
  });
  const first = offsets.length;
  const packed = deflateSync(Buffer.from(offsets + body, 'latin1'));
  const parts: Buffer[] = [Buffer.from('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const length = (): number => parts.reduce((n, p) => n + p.length, 0);
  const objStmAt = length();
  parts.push(Buffer.from(`4 0 obj\n<< /Type /ObjStm /N 3 /First ${first} /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`, 'latin1'), packed, Buffer.from('\nendstream\nendobj\n', 'latin1'));
  const xrefAt = length();
  // W [1 2 1]: type, offset or object-stream number, generation or index.
  const row = (type: number, field2: number, field3: number): number[] => [type, (field2 >> 8) & 0xff, field2 & 0xff, field3];
  const entries = Buffer.from([...row(0, 0, 255), ...row(2, 4, 0), ...row(2, 4, 1), ...row(2, 4, 2), ...row(1, objStmAt, 0), ...row(1, xrefAt, 0)]);
  parts.push(
    Buffer.from(`5 0 obj\n<< /Type /XRef /Size 6 /W [1 2 1] /Root 1 0 R /Length ${entries.length} >>\nstream\n`, 'latin1'),
    entries,
    Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'),
  );
  return Buffer.concat(parts);
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
