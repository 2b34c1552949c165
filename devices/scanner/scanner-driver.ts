/**
 * 2D scanner driver (tier 3): serial (prefix/suffix framing) or HID-POS reports → ScanResult with
 * the payload classified. The scanned text can be personal data (a CCCD QR): it goes only to the
 * listeners (the active screen), never into logs or health details.
 */
import type { ScanResult } from '../../electron/common/device-contract.ts';
import { Listeners, type Transport, type Unlisten } from '../common/transport.ts';
import { HidPosAssembler } from './hid-pos-codec.ts';
import { classifyScan } from './scan-classifier.ts';
import { DEFAULT_SCAN_FRAMING, ScanFramer, type ScanFraming } from './serial-scan-framing.ts';

export type ScannerLink = { readonly kind: 'serial'; readonly framing: ScanFraming } | { readonly kind: 'hid-pos' };

export const DEFAULT_SCANNER_LINK: ScannerLink = { kind: 'serial', framing: DEFAULT_SCAN_FRAMING };

export class ScannerDriver {
  readonly #scans = new Listeners<ScanResult>();
  readonly #now: () => number;
  readonly #framer: ScanFramer | null;
  readonly #hidPos: HidPosAssembler | null;

  constructor(transport: Transport, link: ScannerLink = DEFAULT_SCANNER_LINK, options: { readonly now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#framer = link.kind === 'serial' ? new ScanFramer(link.framing) : null;
    this.#hidPos = link.kind === 'hid-pos' ? new HidPosAssembler() : null;
    transport.onData((bytes) => {
      const texts = this.#framer?.push(bytes) ?? [];
      const code = this.#hidPos?.push(bytes) ?? null;
      if (code !== null) texts.push(code);
      for (const text of texts) this.#scans.emit({ kind: classifyScan(text), text: text.normalize('NFC'), at: this.#now() });
    });
  }

  onScan(listener: (scan: ScanResult) => void): Unlisten {
    return this.#scans.add(listener);
  }

  /** Payloads that could not be used (malformed reports, over-long or unframed lines). */
  get dropped(): number {
    return (this.#framer?.dropped ?? 0) + (this.#hidPos?.malformed ?? 0);
  }
}
