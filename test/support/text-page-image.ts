/**
 * Pages of printed Vietnamese text as a scanner would deliver them: the lines are typeset with
 * pdfkit in Noto Sans (Debian fonts-noto-core) and rasterised by pdftoppm (Debian poppler-utils)
 * at the requested resolution into a binary PPM (P6), the format `scanimage --format=pnm` writes.
 * Used by the document-scanner tests that need real text to OCR.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import PDFDocument from 'pdfkit';

const run = promisify(execFile);
export const NOTO_SANS = '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf';

export interface TextPageOptions {
  /** Page size in millimetres; default 100 × 60. */
  readonly widthMm?: number;
  readonly heightMm?: number;
  readonly dpi?: number;
  readonly fontSizePt?: number;
  /** Rotation of the text block in degrees (a skewed paper on the glass). */
  readonly rotateDeg?: number;
}

const MM = 72 / 25.4;

function pdfOf(lines: readonly string[], options: TextPageOptions): Promise<Buffer> {
  const width = (options.widthMm ?? 100) * MM;
  const height = (options.heightMm ?? 60) * MM;
  const doc = new PDFDocument({ size: [width, height], margin: 0 });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font(NOTO_SANS).fontSize(options.fontSizePt ?? 14);
  if (options.rotateDeg) doc.rotate(options.rotateDeg, { origin: [width / 2, height / 2] });
  doc.text(lines.map((l) => l.normalize('NFC')).join('\n'), 8 * MM, 8 * MM, { width: width - 16 * MM, lineGap: 4 });
  doc.end();
  return done;
}

/** The page as PPM bytes (P6, 8-bit RGB) at the given dpi (default 200). */
export async function textPagePpm(lines: readonly string[], options: TextPageOptions = {}): Promise<Buffer> {
  const dir = await mkdtemp(join(os.tmpdir(), 'text-page-'));
  try {
    await writeFile(join(dir, 'page.pdf'), await pdfOf(lines, options));
    await run('pdftoppm', ['-r', String(options.dpi ?? 200), '-singlefile', join(dir, 'page.pdf'), join(dir, 'page')]);
    return await readFile(join(dir, 'page.ppm'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
