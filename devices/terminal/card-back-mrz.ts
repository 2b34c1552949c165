/**
 * "Chụp mặt sau thẻ": the kiosk's way to the chip when PACE with the CAN fails (a mistyped CAN, a
 * card without PACE, a reader that cannot do it) or when the citizen prefers it.
 *   scan():    the card's back is captured by the document scanner (or a camera), its MRZ read by
 *              OCR here on the device side (devices/card-reader/mrz, tesseract.js offline), and the
 *              MRZ key (document number, birth date, expiry) kept for the read that follows;
 *   resolve(): a readCard asking for `scanned-mrz` gets that key in its place, so the card reader
 *              service opens the chip with BAC and reads it as usual (DG1/DG13, EF.SOD, PA);
 *   wipe():    endSession forgets the key.
 * The MRZ is personal data: it never crosses the bridge (the page learns only that the scan
 * succeeded), is never logged, and only the key's three fields are kept, no longer than the
 * session. A scan whose check digits still fail after repair is `unreadable`: BAC with a misread
 * key could only fail, so the citizen is asked to scan again instead.
 */
import type { CardBackScan, CardReadRequest, DeviceResult } from '../../electron/common/device-contract.ts';
import { CardParseError } from '../card-reader/errors.ts';
import type { MrzOcrResult } from '../card-reader/mrz/ocr.ts';
import type { MrzAccessKey } from '../card-reader/protocol/access-key.ts';
import { encodePnm, type RasterImage } from '../scanner/document/pnm-codec.ts';
import { toGrey } from '../scanner/document/raster-ops.ts';

/** Where the card's back is photographed: the document scanner's card capture, or a camera. */
export interface CardBackCamera {
  captureCardBack(): Promise<DeviceResult<RasterImage>>;
}

/** Reads the MRZ of an image file (PNM, PNG or JPEG bytes): devices/card-reader/mrz/ocr.ts. */
export type MrzReader = (image: Uint8Array) => Promise<MrzOcrResult>;

export class ScannedMrzKey {
  readonly #camera: () => CardBackCamera | null;
  readonly #readMrz: MrzReader;
  #key: MrzAccessKey | null = null;
  /** Bumped by wipe(): a scan still running when the session ends keeps nothing. */
  #generation = 0;

  /** `camera` is asked at each scan (the scanner may be configured or not). */
  constructor(camera: () => CardBackCamera | null, readMrz: MrzReader) {
    this.#camera = camera;
    this.#readMrz = readMrz;
  }

  get held(): boolean {
    return this.#key !== null;
  }

  async scan(): Promise<DeviceResult<CardBackScan>> {
    const camera = this.#camera();
    if (camera === null) return { ok: false, fault: 'unavailable', detail: 'no document scanner or camera to photograph the card back' };
    const generation = ++this.#generation;
    this.#key = null;
    const capture = await camera.captureCardBack();
    if (!capture.ok) return capture;
    const image = encodePnm(toGrey(capture.value));
    let read: MrzOcrResult;
    try {
      read = await this.#readMrz(image);
    } catch (error) {
      // The parse error names a count or a layout problem, never the characters read.
      if (error instanceof CardParseError) return { ok: false, fault: 'unreadable', detail: `no MRZ in the image: ${error.message}` };
      throw error;
    } finally {
      // The photo shows the card's back (MRZ, fingerprint): overwritten once read.
      image.fill(0);
      capture.value.data.fill(0);
    }
    const { td1 } = read;
    if (td1.failedChecks.length > 0) return { ok: false, fault: 'unreadable', detail: `MRZ check digits fail (${td1.failedChecks.join(', ')}) after repair` };
    if (generation !== this.#generation) return { ok: false, fault: 'card_removed', detail: 'the session ended during the scan' };
    this.#key = { documentNumber: td1.documentNumber, dateOfBirth: td1.dateOfBirth, dateOfExpiry: td1.dateOfExpiry };
    return { ok: true, value: { repairs: read.repairs, confidence: Math.round(read.confidence) } };
  }

  /** The request with the scanned key in place of `scanned-mrz`; other keys pass as they are. */
  resolve(request: CardReadRequest): CardReadRequest | DeviceResult<never> {
    if (request.key.kind !== 'scanned-mrz') return request;
    if (this.#key === null) return { ok: false, fault: 'access_denied', detail: 'no MRZ key was scanned from the card back in this session' };
    return { ...request, key: { kind: 'mrz', ...this.#key } };
  }

  wipe(): void {
    this.#generation++;
    this.#key = null;
  }
}
