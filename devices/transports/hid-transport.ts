/**
 * HID transport (node-hid): rating keypads and HID-POS scanners. One input report per onData
 * chunk (report id first when the device numbers its reports); write() sends one output report.
 * node-hid's device object is blocking-free (async API) and reports unplugging as an 'error'.
 */
import HID from 'node-hid';
import { StreamTransport, type Link, type LinkEvents } from './stream-transport.ts';

export class HidTransport extends StreamTransport {
  readonly #vendorId: number;
  readonly #productId: number;

  constructor(uri: string, vendorId: number, productId: number) {
    super(uri);
    this.#vendorId = vendorId;
    this.#productId = productId;
  }

  protected async connect(events: LinkEvents): Promise<Link> {
    const device = await HID.HIDAsync.open(this.#vendorId, this.#productId);
    let closing = false;
    device.on('data', (report: Buffer) => events.data(new Uint8Array(report)));
    device.on('error', (error: unknown) => {
      if (!closing) events.lost(error);
    });
    return {
      write: async (bytes) => {
        await device.write(Array.from(bytes));
      },
      close: async () => {
        closing = true;
        await device.close();
      },
    };
  }
}
