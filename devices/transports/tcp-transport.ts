/**
 * TCP transport: network printers on port 9100 (raw printing, "JetDirect"). Keep-alive detects a
 * printer that vanished from the LAN; the connect timeout keeps a kiosk from hanging on a dead IP.
 */
import net from 'node:net';
import { StreamTransport, type Link, type LinkEvents } from './stream-transport.ts';

export class TcpTransport extends StreamTransport {
  readonly #host: string;
  readonly #port: number;
  readonly #connectTimeoutMs: number;

  constructor(uri: string, host: string, port: number, connectTimeoutMs = 3000) {
    super(uri);
    this.#host = host;
    this.#port = port;
    this.#connectTimeoutMs = connectTimeoutMs;
  }

  protected async connect(events: LinkEvents): Promise<Link> {
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host: this.#host, port: this.#port });
      s.setTimeout(this.#connectTimeoutMs, () => s.destroy(new Error(`connect timed out after ${this.#connectTimeoutMs} ms`)));
      s.once('connect', () => {
        s.setTimeout(0);
        s.removeAllListeners('error');
        resolve(s);
      });
      s.once('error', reject);
    });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 5000);
    let closing = false;
    let lostError: unknown = null;
    socket.on('data', (chunk: Buffer) => events.data(new Uint8Array(chunk)));
    socket.on('error', (error) => {
      lostError = error;
    });
    socket.on('close', () => {
      if (!closing) events.lost(lostError ?? new Error('connection closed by the printer'));
    });
    return {
      write: (bytes) =>
        new Promise<void>((resolve, reject) => {
          if (socket.destroyed) return reject(new Error('socket closed'));
          socket.write(bytes, (error) => (error ? reject(error) : resolve()));
        }),
      close: () =>
        new Promise<void>((resolve) => {
          closing = true;
          if (socket.destroyed) return resolve();
          socket.once('close', () => resolve());
          socket.end();
          setTimeout(() => socket.destroy(), 500).unref();
        }),
    };
  }
}
