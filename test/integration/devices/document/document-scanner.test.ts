/**
 * The document scanner end to end: the real `scanimage` with SANE's test backend (sane-utils),
 * tesseract.js OCR, the PDF checked with poppler's pdfinfo and pdftotext. A small scan area keeps
 * OCR quick. Faults the test backend cannot make come from stand-in scanimage scripts.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { DeviceResult, ScannedPaper } from '../../../../electron/common/device-contract.ts';
import { createDocumentScannerService, type DocumentScanner } from '../../../../devices/scanner/document/document-scanner-service.ts';
import { fakeScanimageFailing, fakeScanimageHanging, fakeScanimageWriting, type FakeScanimage } from '../../../support/fake-scanimage.ts';
import { textPagePpm } from '../../../support/text-page-image.ts';

const run = promisify(execFile);
const ID = '079203000001';
const SMALL_AREA = { width: 40, height: 50 };

let work = '';
let scans = '';
const scanners: DocumentScanner[] = [];
const fakes: FakeScanimage[] = [];

function scanner(uri: string, options: Parameters<typeof createDocumentScannerService>[1] = {}): DocumentScanner {
  const s = createDocumentScannerService(uri, { areaMm: SMALL_AREA, tempDir: scans, ...options });
  scanners.push(s);
  return s;
}

async function pdfOf(result: DeviceResult<ScannedPaper>, name: string): Promise<{ paper: ScannedPaper; path: string; info: string }> {
  assert.equal(result.ok, true, result.ok ? '' : `${result.fault}: ${result.detail}`);
  const paper = (result as { value: ScannedPaper }).value;
  const path = join(work, name);
  await writeFile(path, Buffer.from(paper.pdfBase64, 'base64'));
  const { stdout } = await run('pdfinfo', [path]);
  return { paper, path, info: stdout };
}

/** pdfinfo's page size, checked against the scan area at the dpi within one pixel (backends round the area to whole pixels). */
function assertPageSize(info: string, dpi: number): void {
  const m = /^Page size:\s+([\d.]+) x ([\d.]+) pts$/m.exec(info);
  assert.ok(m, info);
  const pixel = 72 / dpi;
  assert.ok(Math.abs(Number(m[1]) - (SMALL_AREA.width / 25.4) * 72) <= pixel, `width ${m[1]} pt at ${dpi} dpi`);
  assert.ok(Math.abs(Number(m[2]) - (SMALL_AREA.height / 25.4) * 72) <= pixel, `height ${m[2]} pt at ${dpi} dpi`);
}

/** What the scans left in their temp folder (this file's own, so other tests' scans running meanwhile do not count). */
async function leftovers(): Promise<string[]> {
  return readdir(scans);
}

before(async () => {
  work = await mkdtemp(join(os.tmpdir(), 'document-scanner-test-'));
  scans = join(work, 'scans');
  await mkdir(scans);
});
after(async () => {
  for (const s of scanners) await s.close();
  for (const f of fakes) await f.remove();
  await rm(work, { recursive: true, force: true });
});

describe('document scanner over scanimage -d test', () => {
  it('digitises two papers (1 page; 2 pages with a noted page captured twice) into coded PDFs of the right size', async () => {
    const s = scanner('sane:test');
    const first = await pdfOf(await s.scanDocument({ idNumber: ID, docTypeCode: 'KS', pages: 1 }), 'ks.pdf');
    assert.equal(first.paper.code, `${ID}.KS`);
    assert.match(first.info, /^Pages:\s+1$/m);
    assertPageSize(first.info, 200);
    assert.deepEqual(
      first.paper.pages.map((p) => [p.index, p.paperPage, p.warnings]),
      [[1, 1, []]],
    );

    const second = await pdfOf(await s.scanDocument({ idNumber: ID, docTypeCode: 'HK.01', pages: 2, notedPages: [2], dpi: 300 }), 'hk.pdf');
    assert.equal(second.paper.code, `${ID}.HK.01`);
    assert.equal(second.paper.dpi, 300);
    assert.equal(second.paper.colour, true);
    assert.match(second.info, /^Pages:\s+3$/m);
    assertPageSize(second.info, 300);
    assert.deepEqual(
      second.paper.pages.map((p) => [p.index, p.paperPage]),
      [
        [1, 1],
        [2, 2],
        [3, 2],
      ],
    );
    const pdf = Buffer.from(second.paper.pdfBase64, 'base64');
    assert.equal(second.paper.sha256, createHash('sha256').update(pdf).digest('hex'));
    for (const page of second.paper.pages) assert.equal(Buffer.from(page.previewPngBase64, 'base64').subarray(1, 4).toString(), 'PNG');
    assert.deepEqual(await leftovers(), []);
  });

  it('refuses a feeder that holds more pages than confirmed, and one that runs out, with the counts', async () => {
    // The test backend's feeder holds 10 sheets.
    const s = scanner('sane:test', { profile: 'sane-test-adf', areaMm: { width: 10, height: 10 } });
    const more = await s.scanDocument({ idNumber: ID, docTypeCode: 'KS', pages: 1, notedPages: [1] });
    assert.deepEqual(more, {
      ok: false,
      fault: 'protocol_error',
      detail: 'the feeder held more pages than confirmed: 2 captures expected (1 confirmed page + 1 noted), more arrived; nothing was kept',
    });
    const fewer = await s.scanDocument({ idNumber: ID, docTypeCode: 'KS', pages: 12 });
    assert.deepEqual(fewer, {
      ok: false,
      fault: 'paper_out',
      detail: 'the scanner delivered 10 captures, 12 captures expected (12 confirmed pages + 0 noted); nothing was kept',
    });
    assert.deepEqual(await leftovers(), []);
  });

  it('maps backend statuses to faults: cover open, feeder jammed, device missing', async () => {
    const cover = await fakeScanimageFailing(8, 'Scanner cover is open');
    const jam = await fakeScanimageFailing(6, 'Document feeder jammed');
    fakes.push(cover, jam);
    const open = await scanner('sane:test', { command: cover.command }).scanDocument({ idNumber: ID, docTypeCode: 'KS', pages: 1 });
    assert.deepEqual(open, { ok: false, fault: 'cover_open', detail: 'the scanner cover is open (Scanner cover is open)' });
    const jammed = await scanner('sane:test', { command: jam.command }).scanDocument({ idNumber: ID, docTypeCode: 'KS', pages: 1 });
    assert.equal(jammed.ok === false && jammed.fault, 'offline');
    const missing = scanner('sane:epson2:libusb:001:004');
    const result = await missing.scanDocument({ idNumber: ID, docTypeCode: 'KS', pages: 1 });
    assert.equal(result.ok === false && result.fault, 'disconnected');
    assert.match((result as { detail: string }).detail, /scanner not found or not answering \(open of device epson2:libusb:001:004 failed/);
    assert.equal((await missing.probe())?.fault, 'disconnected');
    assert.equal(await scanner('sane:test').probe(), null);
  });

  it('stops a scanner that never finishes at the timeout: scanimage is ended and nothing is kept', async () => {
    const hanging = await fakeScanimageHanging();
    fakes.push(hanging);
    const result = await scanner('sane:test', { command: hanging.command, timeoutMs: 2000 }).scanDocument({ idNumber: ID, docTypeCode: 'KS', pages: 1 });
    assert.deepEqual(result, { ok: false, fault: 'timeout', detail: 'the scanner did not finish within 2 s' });
    const pid = Number(await readFile(join(hanging.dir, 'pid'), 'utf8'));
    assert.ok(pid > 0);
    assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
    assert.deepEqual(await leftovers(), []);
  });

  it('refuses a truncated image stream with a clear fault and keeps nothing', async () => {
    const whole = await textPagePpm(['Giấy khai sinh'], { widthMm: 40, heightMm: 20 });
    const truncated = await fakeScanimageWriting([whole, whole.subarray(0, whole.length - 5000)]);
    fakes.push(truncated);
    const result = await scanner('sane:test', { command: truncated.command }).scanDocument({ idNumber: ID, docTypeCode: 'KS', pages: 2 });
    assert.equal(result.ok, false);
    assert.equal(result.ok === false && result.fault, 'protocol_error');
    assert.match(
      (result as { detail: string }).detail,
      /^the scanner sent a corrupt image for capture 2: truncated image data: the header announces \d+×\d+ colour \(\d+ bytes\), only \d+ arrived; nothing was kept$/,
    );
    assert.deepEqual(await leftovers(), []);
  });

  it('refuses an invalid request before scanning', async () => {
    const result = await scanner('sane:test').scanDocument({ idNumber: '12345', docTypeCode: 'KS', pages: 1 });
    assert.deepEqual(result, {
      ok: false,
      fault: 'protocol_error',
      detail: 'invalid scan request: idNumber must be the 12-digit personal ID number (digits only)',
    });
  });
});

describe('document scanner text layer', () => {
  it('puts the Vietnamese OCR text in the PDF, where pdftotext finds it, and flags a blank page', async () => {
    const text = await textPagePpm(['Cộng hòa xã hội chủ nghĩa Việt Nam', 'Giấy chứng nhận quyền sử dụng đất'], { widthMm: 120, heightMm: 30 });
    const white = await textPagePpm([], { widthMm: 120, heightMm: 30 });
    const fake = await fakeScanimageWriting([text, white]);
    fakes.push(fake);
    const { paper, path } = await pdfOf(
      await scanner('sane:test', { command: fake.command }).scanDocument({ idNumber: ID, docTypeCode: 'QSDD', pages: 2 }),
      'qsdd.pdf',
    );
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', path, '-']);
    const words = stdout.normalize('NFC');
    for (const word of ['Cộng', 'hòa', 'Việt', 'Nam', 'Giấy', 'chứng', 'nhận', 'quyền', 'sử', 'dụng', 'đất'])
      assert.ok(words.includes(word), `'${word}' not in: ${words}`);
    assert.deepEqual(
      paper.pages.map((p) => p.warnings),
      [[], ['blank_page']],
    );
    assert.ok(paper.ocrConfidence > 40, `confidence ${paper.ocrConfidence}`);
  });
});
