/**
 * Serial transport (serialport): printers, keypads and scanners on RS-232/USB-serial, and the
 * socat PTYs the tests use. `drain()` after each write: write() resolves once the bytes reached
 * the OS, so a job is not reported sent while it still sits in a user-space buffer.
 */
import { SerialPort } from 'serialport';
import { StreamTransport, type Link, type LinkEvents } from './stream-transport.ts';

export class SerialTransport extends StreamTransport {
  readonly #path: string;
  readonly #baudRate: number;

  constructor(uri: string, path: string, baudRate: number) {
    super(uri);
    this.#path = path;
    this.#baudRate = baudRate;
  }

  protected async connect(events: LinkEvents): Promise<Link> {
    const port = new SerialPort({ path: this.#path, baudRate: this.#baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    let closing = false;
    port.on('data', (chunk: Buffer) => events.data(new Uint8Array(chunk)));
    port.on('close', (error: unknown) => {
      if (!closing) events.lost(error ?? new Error('port closed'));
    });
    port.on('error', (error) => events.lost(error));
    return {
      write: (bytes) =>
        new Promise<void>((resolve, reject) => {
          port.write(Buffer.from(bytes), (error) => {
            if (error) return reject(error);
            port.drain((drainError) => (drainError ? reject(drainError) : resolve()));
          });
        }),
      close: () =>
        new Promise<void>((resolve) => {
          closing = true;
          if (!port.isOpen) return resolve();
          port.close(() => resolve());
        }),
    };
  }
}
