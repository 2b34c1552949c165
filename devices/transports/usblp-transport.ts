/**
 * usblp transport: a USB printer through the Linux usblp driver's character device
 * (/dev/usb/lp0). Writes go to the file; status bytes the printer sends back (DLE EOT replies)
 * are read from the same file descriptor. ENODEV/EIO mean the printer was unplugged.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { StreamTransport, type Link, type LinkEvents } from './stream-transport.ts';

const READ_SIZE = 64;

export class UsblpTransport extends StreamTransport {
  readonly #path: string;

  constructor(uri: string, path: string) {
    super(uri);
    this.#path = path;
  }

  protected async connect(events: LinkEvents): Promise<Link> {
    const file: FileHandle = await open(this.#path, 'r+');
    let closing = false;
    const buffer = new Uint8Array(READ_SIZE);
    // The reader loop: usblp reads return 0 bytes when the printer has nothing to say.
    const readLoop = async (): Promise<void> => {
      while (!closing) {
        const { bytesRead } = await file.read(buffer, 0, READ_SIZE, null);
        if (bytesRead > 0) events.data(buffer.slice(0, bytesRead));
        else await new Promise((r) => setTimeout(r, 50));
      }
    };
    readLoop().catch((error: unknown) => {
      if (!closing) events.lost(error);
    });
    return {
      write: async (bytes) => {
        let at = 0;
        while (at < bytes.length) {
          const { bytesWritten } = await file.write(bytes, at, bytes.length - at, null);
          at += bytesWritten;
        }
      },
      close: async () => {
        closing = true;
        await file.close();
      },
    };
  }
}
