/**
 * The behaviour serial, TCP and usblp transports share: one write at a time, data and close
 * fan-out, a dropped link reported once as DeviceError('disconnected'). Each transport supplies
 * how to open its link; this class owns the Transport contract (devices/common/transport.ts).
 */
import { DeviceError, asDeviceError } from '../common/device-error.ts';
import { TransportEvents, type Transport } from '../common/transport.ts';

/** An opened link, as the concrete transports see it. */
export interface Link {
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface LinkEvents {
  data(bytes: Uint8Array): void;
  /** The link ended without close(): unplugged, peer closed, I/O error. */
  lost(error: unknown): void;
}

export abstract class StreamTransport extends TransportEvents implements Transport {
  readonly uri: string;
  #link: Link | null = null;
  #writing = false;

  protected constructor(uri: string) {
    super();
    this.uri = uri;
  }

  protected abstract connect(events: LinkEvents): Promise<Link>;

  get isOpen(): boolean {
    return this.#link !== null;
  }

  async open(): Promise<void> {
    if (this.#link !== null) return;
    let current: Link | null = null;
    const events: LinkEvents = {
      data: (bytes) => {
        if (this.#link === current) this.dataListeners.emit(bytes);
      },
      lost: (error) => {
        if (current === null || this.#link !== current) return;
        this.#link = null;
        const reason = asDeviceError(error, 'disconnected');
        this.closeListeners.emit(reason.code === 'disconnected' ? reason : new DeviceError('disconnected', reason.message, { cause: error }));
      },
    };
    try {
      current = await this.connect(events);
    } catch (error) {
      throw new DeviceError('unavailable', `${this.uri}: cannot open: ${asDeviceError(error).message}`, { cause: error });
    }
    this.#link = current;
  }

  async close(): Promise<void> {
    const link = this.#link;
    if (link === null) return;
    this.#link = null;
    await link.close().catch(() => undefined);
    this.closeListeners.emit(null);
  }

  async write(bytes: Uint8Array): Promise<void> {
    const link = this.#link;
    if (link === null) throw new DeviceError('disconnected', `${this.uri}: not open`);
    if (this.#writing) throw new DeviceError('busy', `${this.uri}: a write is already pending`);
    this.#writing = true;
    try {
      await link.write(bytes);
    } catch (error) {
      throw new DeviceError('disconnected', `${this.uri}: write failed: ${asDeviceError(error).message}`, { cause: error });
    } finally {
      this.#writing = false;
    }
  }
}
