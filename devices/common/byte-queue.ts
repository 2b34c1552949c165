/**
 * ByteQueue: bytes arriving from a transport, read by a driver as "the next n bytes within a
 * timeout". Request/response protocols (DLE EOT status, keypad LED acks) use it so a late reply
 * to one request is never taken as the answer to the next: pending bytes are dropped with clear().
 */
import { DeviceError } from './device-error.ts';

interface Waiter {
  readonly count: number;
  readonly resolve: (bytes: Uint8Array) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class ByteQueue {
  #buffer: number[] = [];
  #waiter: Waiter | null = null;

  push(bytes: Uint8Array): void {
    for (const b of bytes) this.#buffer.push(b);
    this.#settle();
  }

  /** Drops bytes nobody asked for yet (stale replies). */
  clear(): void {
    this.#buffer = [];
  }

  /** Resolves with exactly `count` bytes; rejects with DeviceError('timeout') after timeoutMs. */
  read(count: number, timeoutMs: number): Promise<Uint8Array> {
    if (this.#waiter !== null) return Promise.reject(new DeviceError('busy', 'a read is already pending'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiter = null;
        reject(new DeviceError('timeout', `no reply within ${timeoutMs} ms (wanted ${count} byte(s))`));
      }, timeoutMs);
      this.#waiter = { count, resolve, reject, timer };
      this.#settle();
    });
  }

  /** Fails the pending read, e.g. because the link dropped. */
  fail(error: Error): void {
    const waiter = this.#waiter;
    if (waiter === null) return;
    this.#waiter = null;
    clearTimeout(waiter.timer);
    waiter.reject(error);
  }

  #settle(): void {
    const waiter = this.#waiter;
    if (waiter === null || this.#buffer.length < waiter.count) return;
    this.#waiter = null;
    clearTimeout(waiter.timer);
    waiter.resolve(Uint8Array.from(this.#buffer.splice(0, waiter.count)));
  }
}
