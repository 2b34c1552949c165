/**
 * Crafted uploads that attacked the earlier PDF check (issue "Hardening for a real hall LAN",
 * finding 1), built in the test, never stored:
 * - `quadraticTrailer`: a valid header and cross-reference table followed by thousands of
 *   `trailer<<` with no /Root: a regex `trailer\s*<<[\s\S]*\/Root…` over the rest of the file
 *   restarts at each one and scans to the end (time grows with the square of the size);
 * - `endlessObjectStreams`: thousands of `/Type /ObjStm … stream` with no `endstream`: searching
 *   the rest of the file for `endstream` once per stream is quadratic too;
 * - `zlibBomb`: object streams of deflated zeros, each inflating to `inflatedMiB` MiB.
 */
import { deflateSync } from 'node:zlib';

const HEADER = '%PDF-1.4\n';

export function quadraticTrailer(bytes: number): Buffer {
  const table = 'xref\n0 1\n0000000000 65535 f \n';
  const filler = 'trailer<<'.repeat(Math.ceil(bytes / 9));
  return Buffer.from(`${HEADER}${table}${filler}\nstartxref\n${HEADER.length}\n%%EOF\n`, 'latin1');
}

export function endlessObjectStreams(bytes: number): Buffer {
  const xref = '1 0 obj << /Type /XRef /Size 1 >>\n';
  const unit = '<< /Type /ObjStm /N 1 /First 0 >> stream\nxx\n';
  return Buffer.from(`${HEADER}${xref}${unit.repeat(Math.ceil(bytes / unit.length))}startxref\n${HEADER.length}\n%%EOF\n`, 'latin1');
}

/** `streams` object streams of one shared deflated block of `inflatedMiB` MiB of zeros. */
export function zlibBomb(inflatedMiB: number, streams: number): Buffer {
  const packed = deflateSync(Buffer.alloc(inflatedMiB * 1024 * 1024), { level: 9 });
  const parts: Buffer[] = [Buffer.from(`${HEADER}1 0 obj << /Type /XRef /Size 1 >>\n`, 'latin1')];
  for (let i = 0; i < streams; i++) {
    parts.push(
      Buffer.from(`${i + 2} 0 obj << /Type /ObjStm /N 1 /First 0 /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`, 'latin1'),
      packed,
      Buffer.from('\nendstream\nendobj\n', 'latin1'),
    );
  }
  parts.push(Buffer.from(`startxref\n${HEADER.length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}
