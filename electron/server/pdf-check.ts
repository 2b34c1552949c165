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
 *
 * Cost contract: time linear in the file's size plus the inflated bytes, memory bounded by the
 * limits. The whole file is only ever scanned with Buffer.indexOf from positions that move forward;
 * regular expressions run on windows of fixed size (16 bytes, 1, 4 and 8 KiB). Inflating stops at
 * `maxInflatedBytes` for all object streams together and at `maxObjectStreams` streams: a file
 * beyond them is refused as `too_complex` (a scanner's PDF is far below both). Callers on the
 * request thread run it in a worker with a deadline (pdf-checker.ts).
 */
import { inflateSync } from 'node:zlib';

export type PdfProblem = 'not_pdf' | 'no_trailer' | 'bad_xref' | 'no_page' | 'too_complex' | 'check_timeout';

export type PdfCheck = { readonly ok: true; readonly version: string } | { readonly ok: false; readonly problem: PdfProblem; readonly detail: string };

export interface PdfLimits {
  /** Bytes inflated from object streams, all streams of one file together. */
  readonly maxInflatedBytes: number;
  /** Object streams opened in one file. */
  readonly maxObjectStreams: number;
}

/** A scanned paper of 500 pages packs its page objects in a few streams of a few hundred KiB. */
export const DEFAULT_PDF_LIMITS: PdfLimits = { maxInflatedBytes: 16 * 1024 * 1024, maxObjectStreams: 256 };

const TAIL_BYTES = 1024;
const XREF_WINDOW = 4096;
const TRAILER_WINDOW = 8192;
const STREAM_KEYWORD_WINDOW = 2048;

function fail(problem: PdfProblem, detail: string): PdfCheck {
  return { ok: false, problem, detail };
}

export function checkPdf(bytes: Uint8Array, limits: PdfLimits = DEFAULT_PDF_LIMITS): PdfCheck {
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
  const page = findPage(buf, limits);
  if (page === 'too_complex') {
    return fail(
      'too_complex',
      `the file's object streams exceed the check's limits (${limits.maxObjectStreams} streams, ${limits.maxInflatedBytes} inflated bytes)`,
    );
  }
  if (!page) return fail('no_page', 'the file has no page object');
  return { ok: true, version: header[1] };
}

function crossReferenceAt(buf: Buffer, offset: number): boolean {
  const text = buf.subarray(offset, Math.min(buf.length, offset + XREF_WINDOW)).toString('latin1');
  if (/^\s*xref\s+\d+\s+\d+\s*[\r\n]+\d{10} \d{5} [nf]/.test(text)) {
    // The trailer follows the table: the first one after it, its dictionary within a window.
    const at = buf.indexOf('trailer', offset, 'latin1');
    if (at < 0) return false;
    const dict = buf.subarray(at, Math.min(buf.length, at + TRAILER_WINDOW)).toString('latin1');
    return /^trailer\s*<<[\s\S]*?\/Root\s+\d+\s+\d+\s+R/.test(dict);
  }
  return /^\s*\d+\s+\d+\s+obj\s*<<[\s\S]*?\/Type\s*\/XRef(?![A-Za-z])/.test(text);
}

/** PDF white-space characters (ISO 32000-1 §7.2.2, table 1). */
function isWhite(b: number | undefined): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
}

function isLetter(b: number | undefined): boolean {
  return b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));
}

function nameAt(buf: Buffer, at: number, name: string): boolean {
  return at >= 0 && at + name.length <= buf.length && buf.toString('latin1', at, at + name.length) === name && !isLetter(buf[at + name.length]);
}

/**
 * `/Type /Page` anywhere in `buf`. Each `/Type` is found with indexOf and the white space after it
 * skipped once: white-space runs after different `/Type` keys are disjoint, so this is linear.
 */
function hasPageObject(buf: Buffer): boolean {
  for (let i = buf.indexOf('/Type', 0, 'latin1'); i >= 0; i = buf.indexOf('/Type', i + 5, 'latin1')) {
    let j = i + 5;
    while (j < buf.length && isWhite(buf[j])) j += 1;
    if (nameAt(buf, j, '/Page')) return true;
  }
  return false;
}

/** `/Type` right before position `at` (white space between), for `/Type /ObjStm`. */
function typeKeyBefore(buf: Buffer, at: number): boolean {
  let j = at - 1;
  while (j >= 0 && isWhite(buf[j])) j -= 1;
  return j >= 4 && buf.toString('latin1', j - 4, j + 1) === '/Type';
}

/** Where the data of the stream whose dictionary is at `from` begins (after `stream` EOL), or -1. */
function streamDataStart(buf: Buffer, from: number): number {
  const end = Math.min(buf.length, from + STREAM_KEYWORD_WINDOW);
  for (let i = buf.indexOf('stream', from, 'latin1'); i >= 0 && i < end; i = buf.indexOf('stream', i + 6, 'latin1')) {
    const after = i + 6;
    if (buf[after] === 0x0a) return after + 1;
    if (buf[after] === 0x0d && buf[after + 1] === 0x0a) return after + 2;
  }
  return -1;
}

function findPage(buf: Buffer, limits: PdfLimits): boolean | 'too_complex' {
  if (hasPageObject(buf)) return true;
  // Object streams: the page dictionaries are compressed inside them.
  let budget = limits.maxInflatedBytes;
  let streams = 0;
  // The first `endstream` at or after the last search's start; searches only move forward.
  let endstream = -1;
  let noMoreEndstream = false;
  for (let i = buf.indexOf('/ObjStm', 0, 'latin1'); i >= 0; i = buf.indexOf('/ObjStm', i + 7, 'latin1')) {
    if (isLetter(buf[i + 7]) || !typeKeyBefore(buf, i)) continue;
    const dataStart = streamDataStart(buf, i);
    if (dataStart < 0) continue;
    if (endstream < dataStart) {
      if (noMoreEndstream) break;
      endstream = buf.indexOf('endstream', dataStart, 'latin1');
      if (endstream < 0) {
        noMoreEndstream = true;
        break;
      }
    }
    streams += 1;
    if (streams > limits.maxObjectStreams || budget <= 0) return 'too_complex';
    let inflated: Buffer;
    try {
      inflated = inflateSync(buf.subarray(dataStart, endstream), { maxOutputLength: budget });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return 'too_complex';
      continue; // not deflate data (or damaged): this stream holds no page we can see
    }
    budget -= inflated.length;
    if (hasPageObject(inflated)) return true;
  }
  return false;
}
