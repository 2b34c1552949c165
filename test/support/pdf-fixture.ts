/**
 * Real small PDFs for dossier tests: one written by pdfkit (classic cross-reference table), and one
 * built by hand the way compact writers do it (page objects inside a FlateDecode object stream, a
 * cross-reference stream instead of a table, ISO 32000-1 §7.5.7–7.5.8).
 */
import { createHash, randomBytes } from 'node:crypto';
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
    for (let i = 0; i < pages; i++)
      doc
        .addPage()
        .fontSize(14)
        .text(`${text} ${i + 1}`, 72, 72);
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
  parts.push(
    Buffer.from(`4 0 obj\n<< /Type /ObjStm /N 3 /First ${first} /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`, 'latin1'),
    packed,
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  );
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

/**
 * A one-page PDF of about `bytes` bytes, the size of a large scan: the page shows one uncompressed
 * grey image of random pixels (classic cross-reference table). Random, so nothing compresses it.
 */
export function scanSizedPdf(bytes: number): Buffer {
  const width = 2_480; // A4 at 300 dpi
  const height = Math.max(1, Math.floor((bytes - 1_024) / width));
  const pixels = randomBytes(width * height);
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (b: Buffer): void => {
    parts.push(b);
    length += b.length;
  };
  const object = (n: number, text: string): void => {
    offsets[n] = length;
    push(Buffer.from(`${n} 0 obj\n${text}\nendobj\n`, 'latin1'));
  };
  push(Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  object(3, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>`);
  offsets[4] = length;
  push(
    Buffer.from(
      `4 0 obj\n<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${pixels.length} >>\nstream\n`,
      'latin1',
    ),
  );
  push(pixels);
  push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  const draw = 'q 595 0 0 842 0 0 cm /Im1 Do Q';
  object(5, `<< /Length ${draw.length} >>\nstream\n${draw}\nendstream`);
  const xrefAt = length;
  const rows = [1, 2, 3, 4, 5].map((n) => `${String(offsets[n]).padStart(10, '0')} 00000 n \n`).join('');
  push(Buffer.from(`xref\n0 6\n0000000000 65535 f \n${rows}trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}
