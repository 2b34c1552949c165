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
import { concatBytes } from '../common/bytes.ts';
import { DeviceError, asDeviceError } from '../common/device-error.ts';
import { inOrder, type InOrder } from '../common/in-order.ts';
import type { Transport } from '../common/transport.ts';
import { EscPosDecodeError, type StatusKind } from './escpos/command.ts';
import { encodeCommand } from './escpos/encode.ts';
import { PROCESS_ID_HEADER, PROCESS_ID_REPLY_LENGTH, decodeProcessIdReply } from './escpos/process-id.ts';
import { STATUS_KINDS, StatusByteError, decodeStatusBytes } from './escpos/status.ts';
import { printerFault } from './printer-status.ts';

/** How often the status is read while waiting for a job's process id. */
const CONFIRM_STEP_MS = 500;

export interface PrinterDriverOptions {
  /** How long one DLE EOT reply may take. */
  readonly replyTimeoutMs?: number;
  /** Bytes per write; large jobs are sent in chunks so a dropped link is noticed mid-job. */
  readonly chunkBytes?: number;
  /** The printer answers GS ( H (profile.processIdResponse): a job is confirmed by its process id. */
  readonly processIdConfirm?: boolean;
  /** How long a job may take to print before its process id answer is given up. */
  readonly jobTimeoutMs?: number;
}

export class PrinterDriver {
  readonly #transport: Transport;
  /** DLE EOT answers (one byte each, bit 0 always clear). */
  readonly #replies = new ByteQueue();
  /** Process id answers (7 bytes starting 0x37, whose bit 0 is set: never a status byte). */
  readonly #processIds = new ByteQueue();
  #processIdBytesLeft = 0;
  readonly #replyTimeoutMs: number;
  readonly #chunkBytes: number;
  readonly #processIdConfirm: boolean;
  readonly #jobTimeoutMs: number;
  #nextProcessId = 0;
  /** Jobs and status reads, one at a time. */
  readonly #serial: InOrder = inOrder();
  /** The last status the printer reported (before or after a job), null before the first. */
  lastStatus: PrinterStatus | null = null;

  constructor(transport: Transport, options: PrinterDriverOptions = {}) {
    this.#transport = transport;
    this.#replyTimeoutMs = options.replyTimeoutMs ?? 1000;
    this.#chunkBytes = options.chunkBytes ?? 4096;
    this.#processIdConfirm = options.processIdConfirm ?? false;
    this.#jobTimeoutMs = options.jobTimeoutMs ?? 20_000;
    transport.onData((bytes) => this.#route(bytes));
    transport.onClose((error) => {
      const reason = error ?? new DeviceError('disconnected', `${transport.uri}: closed`);
      this.#replies.fail(reason);
      this.#processIds.fail(reason);
    });
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
        const processId = String(this.#nextProcessId++ % 10_000).padStart(4, '0');
        const bytes = this.#processIdConfirm ? concatBytes([job, encodeCommand({ op: 'processId', id: processId })]) : job;
        this.#processIds.clear();
        for (let at = 0; at < bytes.length; at += this.#chunkBytes) {
          await this.#transport.write(bytes.subarray(at, at + this.#chunkBytes));
        }
        const printed = this.#processIdConfirm ? await this.#awaitProcessId(processId) : null;
        const after = await this.#readStatus();
        const fault = printerFault(after);
        if (fault !== null) return { ok: false, fault, detail: 'printer reported a fault after the job; ticket not confirmed' };
        if (printed !== null) return { ok: false, fault: printed.code, detail: printed.message };
        return { ok: true, value: null };
      } catch (error) {
        return failure(error);
      }
    });
  }

  /**
   * Null when the printer answered with this job's id; otherwise why not. While the job prints,
   * the status is read every CONFIRM_STEP_MS: a printer that stopped (cover opened, paper out)
   * never answers, and the kiosk learns it at once instead of after the job timeout.
   */
  async #awaitProcessId(id: string): Promise<DeviceError | null> {
    for (let waited = 0; waited < this.#jobTimeoutMs; waited += CONFIRM_STEP_MS) {
      try {
        const answer = decodeProcessIdReply(await this.#processIds.read(PROCESS_ID_REPLY_LENGTH, CONFIRM_STEP_MS));
        return answer === id ? null : new DeviceError('protocol_error', `printer confirmed process ${answer}, expected ${id}`);
      } catch (error) {
        if (error instanceof EscPosDecodeError) return new DeviceError('protocol_error', error.message);
        if (asDeviceError(error).code !== 'timeout') throw error;
      }
      const fault = printerFault(await this.#readStatus());
      // The status read after the job names the fault.
      if (fault !== null) return new DeviceError('timeout', `printer stopped (${fault}) before confirming the job`);
    }
    return new DeviceError('timeout', `printer did not confirm the job within ${this.#jobTimeoutMs} ms`);
  }

  /** Splits incoming bytes between status answers and process id answers. */
  #route(bytes: Uint8Array): void {
    for (const b of bytes) {
      if (this.#processIdBytesLeft === 0 && b === PROCESS_ID_HEADER) this.#processIdBytesLeft = PROCESS_ID_REPLY_LENGTH;
      if (this.#processIdBytesLeft > 0) {
        this.#processIdBytesLeft--;
        this.#processIds.push(Uint8Array.of(b));
      } else this.#replies.push(Uint8Array.of(b));
    }
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
}

function failure(error: unknown): { ok: false; fault: DeviceError['code']; detail: string } {
  const e = asDeviceError(error);
  return { ok: false, fault: e.code, detail: e.message };
}
