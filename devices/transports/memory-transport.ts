/**
 * MemoryTransport: the complete in-memory twin of a Transport (as node-serialport's MockBinding).
 * It records every write, answers through a scripted responder (a function of the written bytes,
 * e.g. a device simulator), refuses overlapping writes like hardware, and lets a test inject
 * faults: fail the next write, refuse to open (unplugged), or drop the link at any moment.
 * Delivery of replies is asynchronous (a microtask later), as from a real device.
 */
import { DeviceError } from '../common/device-error.ts';
import { TransportEvents, type Transport } from '../common/transport.ts';

export type Responder = (written: Uint8Array) => Uint8Array | null | undefined;

export interface MemoryTransportOptions {
  readonly uri?: string;
  /** Answers each write; its bytes are delivered through onData. */
  readonly respond?: Responder;
}

/** Observable state of the twin, for tests and the simulators' health pages. */
export interface MemoryTransportStatus {
  readonly isOpen: boolean;
  readonly plugged: boolean;
  readonly writes: number;
  readonly bytesWritten: number;
}

export class MemoryTransport extends TransportEvents implements Transport {
  readonly uri: string;
  /** Every write, in order, as given. */
  readonly written: Uint8Array[] = [];
  #respond: Responder | null;
  #open = false;
  #plugged = true;
  #writing = false;
  #failNextWrite: DeviceError | null = null;

  constructor(options: MemoryTransportOptions = {}) {
    super();
    this.uri = options.uri ?? 'memory:';
    this.#respond = options.respond ?? null;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  status(): MemoryTransportStatus {
    return {
      isOpen: this.#open,
      plugged: this.#plugged,
      writes: this.written.length,
      bytesWritten: this.written.reduce((n, w) => n + w.length, 0),
    };
  }

  setResponder(respond: Responder | null): void {
    this.#respond = respond;
  }

  async open(): Promise<void> {
    if (!this.#plugged) throw new DeviceError('unavailable', `${this.uri}: device not present`);
    this.#open = true;
  }

  async close(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    this.closeListeners.emit(null);
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.#open) throw new DeviceError('disconnected', `${this.uri}: not open`);
    if (this.#writing) throw new DeviceError('busy', `${this.uri}: a write is already pending`);
    const fault = this.#failNextWrite;
    if (fault !== null) {
      this.#failNextWrite = null;
      throw fault;
    }
    this.#writing = true;
    try {
      await Promise.resolve();
      if (!this.#open) throw new DeviceError('disconnected', `${this.uri}: link dropped during write`);
      const copy = Uint8Array.from(bytes);
      this.written.push(copy);
      const reply = this.#respond?.(copy);
      if (reply && reply.length > 0) queueMicrotask(() => this.emitData(reply));
    } finally {
      this.#writing = false;
    }
  }

  /** Bytes from the device side, unasked (a key press, a scan). Ignored while closed, as on a real port. */
  emitData(bytes: Uint8Array): void {
    if (this.#open) this.dataListeners.emit(Uint8Array.from(bytes));
  }

  /** The next write rejects with this error (default: disconnected). */
  failNextWrite(error: DeviceError = new DeviceError('disconnected', `${this.uri}: injected write fault`)): void {
    this.#failNextWrite = error;
  }

  /** Cable pulled: an open link closes with DeviceError('disconnected'); open() fails until replug(). */
  unplug(): void {
    this.#plugged = false;
    if (!this.#open) return;
    this.#open = false;
    this.closeListeners.emit(new DeviceError('disconnected', `${this.uri}: device unplugged`));
  }

  replug(): void {
    this.#plugged = true;
  }
}
