/**
 * The Transport face of a SANE document scanner, so the device manager's ManagedLink can report
 * its health and retry with backoff like every other device: open() succeeds when the scanner
 * answers `scanimage -d DEVICE -A` and rejects with DeviceError('unavailable') naming why not.
 * No bytes flow through it (scans go through the document scanner service): write() rejects.
 * A scan that finds the scanner gone calls lost(), which the link treats as a dropped connection.
 */
import { DeviceError } from '../../common/device-error.ts';
import { TransportEvents, type Transport } from '../../common/transport.ts';
import type { ScanFault } from './sane-status.ts';

export class SaneProbeTransport extends TransportEvents implements Transport {
  readonly uri: string;
  readonly #probe: () => Promise<ScanFault | null>;
  #open = false;

  constructor(uri: string, probe: () => Promise<ScanFault | null>) {
    super();
    this.uri = uri;
    this.#probe = probe;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  async open(): Promise<void> {
    if (this.#open) return;
    const fault = await this.#probe();
    if (fault !== null) throw new DeviceError('unavailable', `${this.uri}: ${fault.detail}`);
    this.#open = true;
  }

  async close(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    this.closeListeners.emit(null);
  }

  /** A scan found the scanner gone: the link hears a dropped connection and probes again with backoff. */
  lost(detail: string): void {
    if (!this.#open) return;
    this.#open = false;
    this.closeListeners.emit(new DeviceError('disconnected', `${this.uri}: ${detail}`));
  }

  async write(): Promise<void> {
    throw new DeviceError('unavailable', `${this.uri}: a document scanner takes no bytes; scan through scanDocument`);
  }
}
