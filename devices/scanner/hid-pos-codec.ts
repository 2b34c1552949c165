/**
 * HID-POS barcode scanners (USB HID usage page 0x8C, "Bar Code Scanner"), input report layout
 * used by this driver (the common 64-byte form):
 *   byte 0      report id 0x02
 *   byte 1      number of data bytes in this report (0–56)
 *   bytes 2–4   symbology identifier (AIM, e.g. "]Q1" for QR)
 *   bytes 5–60  data, zero padded
 *   byte 63     bit 0: more reports follow for this code
 * A long code spans reports; HidPosAssembler joins them. Pure.
 */
import { concatBytes, utf8Bytes, utf8Text } from '../common/bytes.ts';

export const HID_POS_REPORT_ID = 0x02;
const REPORT_SIZE = 64;
const DATA_MAX = 56;

export class HidPosError extends Error {
  override readonly name = 'HidPosError';
}

export interface HidPosReport {
  readonly symbology: string;
  readonly data: Uint8Array;
  readonly more: boolean;
}

export function decodeHidPosReport(report: Uint8Array): HidPosReport {
  if (report.length !== REPORT_SIZE) throw new HidPosError(`report is ${report.length} bytes, expected ${REPORT_SIZE}`);
  if (report[0] !== HID_POS_REPORT_ID) throw new HidPosError(`report id ${report[0]} is not ${HID_POS_REPORT_ID}`);
  const length = report[1]!;
  if (length > DATA_MAX) throw new HidPosError(`data length ${length} exceeds ${DATA_MAX}`);
  return { symbology: utf8Text(report.subarray(2, 5)), data: report.slice(5, 5 + length), more: (report[63]! & 1) === 1 };
}

/** A code → its reports (the scanner side; used by the scanner simulator and tests). */
export function encodeHidPosReports(text: string, symbology = ']Q1'): Uint8Array[] {
  const data = utf8Bytes(text);
  const reports: Uint8Array[] = [];
  for (let at = 0; at < data.length || at === 0; at += DATA_MAX) {
    const part = data.subarray(at, at + DATA_MAX);
    const report = new Uint8Array(REPORT_SIZE);
    report[0] = HID_POS_REPORT_ID;
    report[1] = part.length;
    report.set(utf8Bytes(symbology).subarray(0, 3), 2);
    report.set(part, 5);
    report[63] = at + DATA_MAX < data.length ? 1 : 0;
    reports.push(report);
    if (data.length === 0) break;
  }
  return reports;
}

export class HidPosAssembler {
  #parts: Uint8Array[] = [];
  malformed = 0;

  /** One report in; the whole code's text when its last report arrived, else null. */
  push(report: Uint8Array): string | null {
    let decoded: HidPosReport;
    try {
      decoded = decodeHidPosReport(report);
    } catch (error) {
      if (!(error instanceof HidPosError)) throw error;
      this.malformed++;
      this.#parts = [];
      return null;
    }
    this.#parts.push(decoded.data);
    if (decoded.more) return null;
    const text = utf8Text(concatBytes(this.#parts));
    this.#parts = [];
    return text === '' ? null : text;
  }
}
