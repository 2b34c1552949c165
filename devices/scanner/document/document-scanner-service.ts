/**
 * The document scanner of a kiosk or counter: `scanDocument(request)` digitises one paper into a
 * PDF with a Vietnamese OCR text layer (device contract, "Document scanner (SANE)").
 *   validate → scan every capture in one scanimage batch → refuse unless the count is exactly the
 *   confirmed pages plus one per noted page → page checks + preview + OCR per page → PDF →
 *   SHA-256 → `<idNumber>.<docTypeCode>`.
 * `captureCardBack()` is one capture of the card-sized area at 300 dpi, handed back as the image
 * (for the MRZ OCR of "Chụp mặt sau thẻ", devices/terminal/card-back-mrz.ts).
 * Every call resolves; faults are results. One scan at a time (a second call meanwhile is `busy`).
 * Nothing outlives the call: scan files are removed by the driver before it returns, and the
 * images, text and PDF are only in the returned value. The OCR worker is started on the first
 * page and ends with close().
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { DeviceResult, DocumentScanRequest, ScannedPage, ScannedPaper } from '../../../electron/common/device-contract.ts';
import { parseDeviceUri } from '../../common/device-uri.ts';
import { defaultDocumentScannerProfile, documentScannerProfile, type DocumentScannerProfile } from './document-scanner-profiles.ts';
import { OcrEngine } from './ocr-engine.ts';
import { checkPage } from './page-checks.ts';
import { previewPngBase64 } from './page-preview.ts';
import type { RasterImage } from './pnm-codec.ts';
import type { ScanFault } from './sane-status.ts';
import { planScan, ScanRequestError, type ScanPlan } from './scan-request.ts';
import { probeScanner, scanBatch, type ScanimageOptions } from './scanimage-driver.ts';
import { writeSearchablePdf, type PdfPageInput } from './searchable-pdf.ts';

/** Noto Sans (Debian fonts-noto-core): Latin with every Vietnamese letter. */
export const DEFAULT_PDF_FONT = '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf';

export interface DocumentScannerServiceOptions extends ScanimageOptions {
  /** A profile of document-scanner-profiles.ts; default by device (sane:test → sane-test, else flatbed). */
  readonly profile?: string;
  /** Scan area in millimetres instead of the profile's (tests use a small one to keep OCR quick). */
  readonly areaMm?: { readonly width: number; readonly height: number };
  /** Used when a request names no dpi: 200 (the floor for administrative papers) or 300 by site choice. */
  readonly defaultDpi?: 200 | 300;
  /** Backend options appended to the profile's (a site's tuning; the pnm backend's --filename in tests). */
  readonly backendOptions?: readonly string[];
  /** TrueType font with Vietnamese glyphs for the PDF text layer. */
  readonly fontPath?: string;
  readonly now?: () => number;
}

export interface DocumentScanner {
  readonly device: string;
  readonly profile: DocumentScannerProfile;
  scanDocument(request: DocumentScanRequest): Promise<DeviceResult<ScannedPaper>>;
  captureCardBack(): Promise<DeviceResult<RasterImage>>;
  /** Whether the scanner answers now; a fault says why not. */
  probe(): Promise<ScanFault | null>;
  /** Ends the OCR worker. */
  close(): Promise<void>;
}

/** The document-scanner side (SANE) a kiosk or counter's role APIs are given. */
export interface DocumentScannerService {
  scanDocument(request: DocumentScanRequest): Promise<DeviceResult<ScannedPaper>>;
  /** One capture of a card laid on the scanner (its back, for the MRZ); the image is the caller's alone. */
  captureCardBack(): Promise<DeviceResult<RasterImage>>;
}

/** OCR-B at 300 dpi gives the MRZ characters ~35 px of height: enough for tesseract, small to scan. */
export const CARD_BACK_DPI = 300;

const refuse = (fault: ScanFault['fault'], detail: string) => ({ ok: false, fault, detail }) as const;

function countMismatch(plan: ScanPlan, got: number, feeder: boolean): DeviceResult<never> {
  const want = plan.captures.length;
  const noted = plan.captures.filter((c) => c.withNote).length;
  const expected = `${want} capture${want === 1 ? '' : 's'} expected (${want - noted} confirmed page${want - noted === 1 ? '' : 's'} + ${noted} noted)`;
  if (got > want) return refuse('protocol_error', `the feeder held more pages than confirmed: ${expected}, more arrived; nothing was kept`);
  return refuse(feeder ? 'paper_out' : 'protocol_error', `the scanner delivered ${got} capture${got === 1 ? '' : 's'}, ${expected}; nothing was kept`);
}

export function createDocumentScannerService(uri: string, options: DocumentScannerServiceOptions = {}): DocumentScanner {
  const parsed = parseDeviceUri(uri);
  if (parsed.scheme !== 'sane') throw new Error(`document scanner URI '${uri}' must be sane:<device>, e.g. sane:test`);
  const device = parsed.device;
  const named = documentScannerProfile(options.profile ?? defaultDocumentScannerProfile(device));
  const tuned: DocumentScannerProfile = { ...named, backendOptions: [...named.backendOptions, ...(options.backendOptions ?? [])] };
  const profile: DocumentScannerProfile = options.areaMm !== undefined ? { ...tuned, areaMm: options.areaMm } : tuned;
  const fontPath = options.fontPath ?? DEFAULT_PDF_FONT;
  const now = options.now ?? Date.now;
  const ocr = new OcrEngine();
  let running = false;

  async function digitise(plan: ScanPlan): Promise<DeviceResult<ScannedPaper>> {
    const count = plan.captures.length + (profile.feeder ? 1 : 0);
    const batch = await scanBatch({ device, dpi: plan.dpi, profile, count }, options);
    if (!batch.ok) return refuse(batch.fault, batch.detail);
    if (batch.pages.length !== plan.captures.length) return countMismatch(plan, batch.pages.length, profile.feeder);

    let font: Uint8Array;
    try {
      font = await readFile(fontPath);
    } catch {
      return refuse('unavailable', `the PDF font ${fontPath} is missing (Debian package fonts-noto-core)`);
    }
    const pages: ScannedPage[] = [];
    const pdfPages: PdfPageInput[] = [];
    let confidence = 0;
    for (const [i, image] of batch.pages.entries()) {
      const check = checkPage(image);
      const text = await ocr.recognize(image, plan.dpi);
      confidence += text.confidence;
      pages.push({ index: i + 1, paperPage: plan.captures[i]!.paperPage, warnings: check.warnings, previewPngBase64: previewPngBase64(image) });
      pdfPages.push({ image, dpi: plan.dpi, words: text.words });
    }
    const pdf = await writeSearchablePdf(pdfPages, { font, createdAt: new Date(now()) });
    return {
      ok: true,
      value: {
        code: plan.code,
        docTypeCode: plan.docTypeCode,
        pdfBase64: Buffer.from(pdf).toString('base64'),
        sha256: createHash('sha256').update(pdf).digest('hex'),
        dpi: plan.dpi,
        colour: batch.pages.every((p) => p.channels === 3),
        pages,
        ocrConfidence: Math.round((confidence / pages.length) * 10) / 10,
      },
    };
  }

  /** Runs one scan at a time: a call while another runs is `busy`; a throw becomes a fault. */
  async function exclusive<T>(what: string, work: () => Promise<DeviceResult<T>>): Promise<DeviceResult<T>> {
    if (running) return refuse('busy', 'another paper is being scanned');
    running = true;
    try {
      return await work();
    } catch (error) {
      return refuse('protocol_error', `${what} failed: ${error instanceof Error ? error.message : String(error)}; nothing was kept`);
    } finally {
      running = false;
    }
  }

  async function captureCardBack(): Promise<DeviceResult<RasterImage>> {
    const batch = await scanBatch({ device, dpi: CARD_BACK_DPI, profile: { ...profile, areaMm: profile.cardAreaMm }, count: 1 }, options);
    if (!batch.ok) return refuse(batch.fault, batch.detail);
    const image = batch.pages[0];
    if (image === undefined) return refuse(profile.feeder ? 'paper_out' : 'protocol_error', 'the scanner delivered no image of the card');
    return { ok: true, value: image };
  }

  return {
    device,
    profile,
    captureCardBack: () => exclusive('capturing the card', captureCardBack),
    async scanDocument(request) {
      let plan: ScanPlan;
      try {
        plan = planScan(request, options.defaultDpi ?? 200);
      } catch (error) {
        if (error instanceof ScanRequestError) return refuse('protocol_error', `invalid scan request: ${error.message}`);
        throw error;
      }
      return exclusive('digitising', () => digitise(plan));
    },
    probe: () => probeScanner(device, options),
    close: () => ocr.close(),
  };
}
