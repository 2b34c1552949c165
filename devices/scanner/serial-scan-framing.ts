/**
 * Serial 2D scanners send each code as  [prefix] payload suffix  where the suffix is CR, LF or
 * CR LF (set on the scanner by configuration barcodes) and the prefix is optional. The framer
 * takes bytes in any chunking and returns payloads as UTF-8 text (scanners in UTF-8 mode, which
 * CCCD QR codes with Vietnamese names need). An over-long line without a suffix is dropped and
 * counted, so a scanner in the wrong mode cannot grow memory without bound.
 */
import { concatBytes, utf8Bytes, utf8Text } from '../common/bytes.ts';

export type ScanSuffix = 'CR' | 'LF' | 'CRLF';

export interface ScanFraming {
  readonly prefix: string;
  readonly suffix: ScanSuffix;
  /** Longest payload accepted, in bytes. */
  readonly maxBytes: number;
}

export const DEFAULT_SCAN_FRAMING: ScanFraming = { prefix: '', suffix: 'CR', maxBytes: 4096 };

const SUFFIX_BYTES: Readonly<Record<ScanSuffix, readonly number[]>> = { CR: [0x0d], LF: [0x0a], CRLF: [0x0d, 0x0a] };

export function encodeScanFrame(text: string, framing: ScanFraming = DEFAULT_SCAN_FRAMING): Uint8Array {
  return concatBytes([utf8Bytes(framing.prefix), utf8Bytes(text), Uint8Array.from(SUFFIX_BYTES[framing.suffix])]);
}

export class ScanFramer {
  readonly #framing: ScanFraming;
  #buffer: number[] = [];
  /** Payloads dropped: too long, or without the configured prefix. */
  dropped = 0;

  constructor(framing: ScanFraming = DEFAULT_SCAN_FRAMING) {
    this.#framing = framing;
  }

  push(chunk: Uint8Array): string[] {
    const out: string[] = [];
    const end = SUFFIX_BYTES[this.#framing.suffix];
    const last = end[end.length - 1]!;
    for (const b of chunk) {
      this.#buffer.push(b);
      if (b === last && this.#buffer.length >= end.length && end.every((e, i) => this.#buffer[this.#buffer.length - end.length + i] === e)) {
        const payload = this.#buffer.slice(0, this.#buffer.length - end.length);
        this.#buffer = [];
        const text = this.#payload(payload);
        if (text !== null) out.push(text);
      } else if (this.#buffer.length > this.#framing.maxBytes + end.length + 64) {
        this.#buffer = [];
        this.dropped++;
      }
    }
    return out;
  }

  #payload(bytes: number[]): string | null {
    // A CRLF scanner read as CR leaves the LF at the start of the next payload: strip stray CR/LF.
    const text = utf8Text(Uint8Array.from(bytes)).replace(/^[\r\n]+|[\r\n]+$/g, '');
    if (text === '') return null;
    if (!text.startsWith(this.#framing.prefix) || bytes.length > this.#framing.maxBytes) {
      this.dropped++;
      return null;
    }
    return text.slice(this.#framing.prefix.length);
  }
}
