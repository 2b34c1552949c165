/** The 2D scanner, device side: a scanned text becomes the bytes the scanner sends (serial frame or HID-POS reports). */
import { encodeHidPosReports } from '../scanner/hid-pos-codec.ts';
import type { ScannerLink } from '../scanner/scanner-driver.ts';
import { encodeScanFrame } from '../scanner/serial-scan-framing.ts';
import type { MemoryTransport } from '../transports/memory-transport.ts';

export class ScannerSimulator {
  readonly link: ScannerLink;
  #sendTo: ((bytes: Uint8Array) => void) | null = null;

  constructor(link: ScannerLink) {
    this.link = link;
  }

  connect(sendTo: (bytes: Uint8Array) => void): void {
    this.#sendTo = sendTo;
  }

  scan(text: string): void {
    const chunks = this.link.kind === 'serial' ? [encodeScanFrame(text, this.link.framing)] : encodeHidPosReports(text);
    for (const chunk of chunks) this.#sendTo?.(chunk);
  }
}

export function connectMemoryScanner(simulator: ScannerSimulator, transport: MemoryTransport): void {
  simulator.connect((bytes) => transport.emitData(bytes));
}
