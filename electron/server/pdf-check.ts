/**
 * Is this upload a PDF? A structural check of a scanned paper before it is kept (ISO 32000-1):
 * - §7.5.2 header: the file starts with `%PDF-1.n` (or `%PDF-2.0`, ISO 32000-2);
 * - §7.5.5 trailer: the last kilobyte holds `startxref`, a byte offset, and `%%EOF`;
 * - §7.5.4 / §7.5.8 the offset points at a cross-reference table (`xref`, a subsection header, a
 *   20-byte entry, then a trailer naming /Root) or at a cross-reference stream (`N G obj << /Type /XRef`);
 * - §7.7.3.3 at least one page object (`/Type /Page`), looked for in the file and, for PDFs that
 *   pack objects into object streams (§7.5.7, /FlateDecode), inside those streams.
 * It does not render the PDF; it refuses what is certainly not one (a photo, a text file, a
 * truncated transfer) with a reason a person can act on.
 */
import { inflateSync } from 'node:zlib';

export type PdfProblem = 'not_pdf' | 'no_trailer' | 'bad_xref' | 'no_page';

export type PdfCheck =
  | { readonly ok: true; readonly version: string }
  | { readonly ok: false; readonly problem: PdfProblem; readonly detail: string };

const TAIL_BYTES = 1024;
const PAGE = /\/Type\s*\/Page(?![A-Za-z])/;

function fail(problem: PdfProblem, detail: string): PdfCheck {
  return { ok: false, problem, detail };
}

export function checkPdf(bytes: Uint8Array): PdfCheck {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = /^%PDF-(1\.[0-7]|2\.0)[\r\n\s%]/.exec(buf.subarray(0, 16).toString('latin1'));
  if (!header?.[1]) return fail('not_pdf', 'the file does not start with a %PDF-1.x header');
  const tailStart = Math.max(0, buf.length - TAIL_BYTES);
  const tail = buf.subarray(tailStart).toString('latin1');
  const trailer = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!trailer?.[1]) return fail('no_trailer', 'the file does not end with startxref and %%EOF: it is truncated or damaged');
  const offset = Number(trailer[1]);
  if (!Number.isSafeInteger(offset) || offset <= 0 || offset >= buf.length) {
    return fail('bad_xref', `startxref points outside the file (offset ${trailer[1]} of ${buf.length} bytes)`);
  }
  if (!crossReferenceAt(buf, offset)) return fail('bad_xref', `no cross-reference table or stream at offset ${offset}`);
  if (!hasPage(buf)) return fail('no_page', 'the file has no page object');
  return { ok: true, version: header[1] };
}

function crossReferenceAt(buf: Buffer, offset: number): boolean {
  const text = buf.subarray(offset, Math.min(buf.length, offset + 4096)).toString('latin1');
  const table = /^\s*xref\s+\d+\s+\d+\s*[\r\n]+\d{10} \d{5} [nf]/.exec(text);
  if (table) return /trailer\s*<<[\s\S]*\/Root\s+\d+\s+\d+\s+R/.test(buf.subarray(offset).toString('latin1'));
  return /^\s*\d+\s+\d+\s+obj\s*<<[\s\S]*?\/Type\s*\/XRef(?![A-Za-z])/.test(text);
}

function hasPage(buf: Buffer): boolean {
  const text = buf.toString('latin1');
  if (PAGE.test(text)) return true;
  // Object streams: the page dictionaries are compressed inside them.
  const objStm = /\/Type\s*\/ObjStm(?![A-Za-z])/g;
  for (let m = objStm.exec(text); m !== null; m = objStm.exec(text)) {
    const start = /stream\r?\n/.exec(text.slice(m.index, m.index + 2048));
    if (!start) continue;
    const dataStart = m.index + start.index + start[0].length;
    const dataEnd = text.indexOf('endstream', dataStart);
    if (dataEnd < 0) continue;
    try {
      if (PAGE.test(inflateSync(buf.subarray(dataStart, dataEnd)).toString('latin1'))) return true;
    } catch {
      // Not deflate data (or damaged): this stream holds no page we can see.
    }
  }
  return false;
}
