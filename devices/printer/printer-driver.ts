/**
 * Printer driver (tier 3): status through DLE EOT, printing with a status check before and after.
 * A print resolves ok only when the printer, asked after the job, reports no fault: a kiosk never
 * hands out a ticket that did not print (it shows the on-screen e-ticket instead).
 *
 * The transport is given, open or not; the device manager opens and reopens it. Operations run
 * one at a time in call order. Faults are results, never throws (device contract).
 * DLE EOT is a real-time command: the printer answers at once, even offline or with a full
 * buffer, so the status after a job is read as soon as the job's bytes were accepted; a fault
 * that struck while the job was received (cover opened, paper ran out) shows in it.
 */
import type { DeviceResult, PrinterStatus } from '../../electron/common/device-contract.ts';
import { ByteQueue } from '../common/byte-queue.ts';
import { DeviceError, asDeviceError } from '../common/device-error.ts';
import type { Transport } from '../common/transport.ts';
import type { StatusKind } from './escpos/command.ts';
import { encodeCommand } from './escpos/encode.ts';
import { STATUS_KINDS, StatusByteError, decodeStatusBytes } from './escpos/status.ts';
import { printerFault } from './printer-status.ts';

export interface PrinterDriverOptions {
  /** How long one DLE EOT reply may take. */
  readonly replyTimeoutMs?: number;
  /** Bytes per write; large jobs are sent in chunks so a dropped link is noticed mid-job. */
  readonly chunkBytes?: number;
}

export class PrinterDriver {
  readonly #transport: Transport;
  readonly #replies = new ByteQueue();
  readonly #replyTimeoutMs: number;
  readonly #chunkBytes: number;
  #queue: Promise<unknown> = Promise.resolve();
  /** The last status the printer reported (before or after a job), null before the first. */
  lastStatus: PrinterStatus | null = null;

  constructor(transport: Transport, options: PrinterDriverOptions = {}) {
    this.#transport = transport;
    this.#replyTimeoutMs = options.replyTimeoutMs ?? 1000;
    this.#chunkBytes = options.chunkBytes ?? 4096;
    transport.onData((bytes) => this.#replies.push(bytes));
    transport.onClose((error) => this.#replies.fail(error ?? new DeviceError('disconnected', `${transport.uri}: closed`)));
  }

  /** The printer's status, or the fault that kept us from reading it (disconnected, timeout, protocol_error). */
  status(): Promise<DeviceResult<PrinterStatus>> {
    return this.#serial(async () => {
      try {
        return { ok: true, value: await this.#readStatus() };
      } catch (error) {
        return failure(error);
      }
    });
  }

  /** Prints the bytes of one job (see ticket-job.ts) and confirms it. */
  print(job: Uint8Array): Promise<DeviceResult<null>> {
    return this.#serial(async () => {
      try {
        const before = await this.#readStatus();
        const refused = printerFault(before);
        if (refused !== null) return { ok: false, fault: refused, detail: 'printer not ready; job not sent' };
        for (let at = 0; at < job.length; at += this.#chunkBytes) {
          await this.#transport.write(job.subarray(at, at + this.#chunkBytes));
        }
        const after = await this.#readStatus();
        const fault = printerFault(after);
        if (fault !== null) return { ok: false, fault, detail: 'printer reported a fault after the job; ticket not confirmed' };
        return { ok: true, value: null };
      } catch (error) {
        return failure(error);
      }
    });
  }

  async #readStatus(): Promise<PrinterStatus> {
    if (!this.#transport.isOpen) throw new DeviceError('disconnected', `${this.#transport.uri}: not connected`);
    this.#replies.clear();
    const replies: Partial<Record<StatusKind, number>> = {};
    for (const kind of STATUS_KINDS) {
      await this.#transport.write(encodeCommand({ op: 'statusRequest', kind }));
      const [byte] = await this.#replies.read(1, this.#replyTimeoutMs);
      replies[kind] = byte ?? 0;
    }
    try {
      this.lastStatus = decodeStatusBytes(replies as Record<StatusKind, number>);
      return this.lastStatus;
    } catch (error) {
      if (error instanceof StatusByteError) throw new DeviceError('protocol_error', error.message);
      throw error;
    }
  }

  #serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(operation, operation);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

function failure(error: unknown): { ok: false; fault: DeviceError['code']; detail: string } {
  const e = asDeviceError(error);
  return { ok: false, fault: e.code, detail: e.message };
}
