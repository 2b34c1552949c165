/**
 * Transport: the byte pipe every driver receives as an argument (tier 1 of a device). Serial,
 * TCP, usblp files, HID and the in-memory twin implement it; drivers never know which one.
 *
 * Contract:
 * - open() resolves when bytes can flow; it rejects with DeviceError('unavailable') when the
 *   device cannot be reached. open() on an open transport is a no-op.
 * - write() resolves when the bytes left the process (not when the device acted on them); it
 *   rejects with DeviceError('disconnected') when the link is gone and ('busy') when another
 *   write is still pending, as hardware refuses overlapping writes.
 * - onData delivers bytes in arrival order; chunk boundaries carry no meaning (HID: one report per chunk).
 * - onClose fires once per open, with null after close() and a DeviceError when the link dropped.
 */
export type Unlisten = () => void;

export interface Transport {
  /** The configured URI, e.g. `tcp://192.0.2.10:9100`; for logs and health details. */
  readonly uri: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  close(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (bytes: Uint8Array) => void): Unlisten;
  onClose(listener: (error: Error | null) => void): Unlisten;
}

/** A small listener set, shared by the transports so each one's fan-out behaves the same. */
export class Listeners<T> {
  readonly #set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): Unlisten {
    this.#set.add(listener);
    return () => this.#set.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.#set]) listener(value);
  }

  get size(): number {
    return this.#set.size;
  }
}

/** The onData/onClose half of a Transport, shared by every implementation. */
export abstract class TransportEvents {
  protected readonly dataListeners = new Listeners<Uint8Array>();
  protected readonly closeListeners = new Listeners<Error | null>();

  onData(listener: (bytes: Uint8Array) => void): Unlisten {
    return this.dataListeners.add(listener);
  }

  onClose(listener: (error: Error | null) => void): Unlisten {
    return this.closeListeners.add(listener);
  }
}
