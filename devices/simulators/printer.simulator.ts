/**
 * The ticket printer, device side: takes the bytes a driver sends, decodes them with the real
 * ESC/POS decoder, answers DLE EOT like the printer, and keeps the paper roll (rendered to PNG by
 * paper-roll.ts). Transport-free: printer-hosts.ts connects it to a TCP socket, a serial port
 * (socat PTY) or a MemoryTransport.
 *
 * Faults a test can set: paper out, paper near end, cover open, offline, the cover opening after
 * n more bytes of a job, and the link dropping after n more bytes (the host closes the link).
 * While the printer cannot print, received print data is discarded, as a real printer does.
 */
import type { PrinterStatus } from '../../electron/common/device-contract.ts';
import { concatBytes } from '../common/bytes.ts';
import type { EscPosCommand } from '../printer/escpos/command.ts';
import { decodeCp1258 } from '../printer/escpos/cp1258.ts';
import { decodeStream } from '../printer/escpos/decode.ts';
import { encodeProcessIdReply } from '../printer/escpos/process-id.ts';
import { encodeStatusByte } from '../printer/escpos/status.ts';
import { renderTextLine } from '../printer/fonts/bitmap-font.ts';
import type { PrinterProfile } from '../printer/printer-profile.ts';
import { createBitmap, type Bitmap } from '../printer/raster/bitmap.ts';
import { qrBitmap } from '../printer/ticket-render.ts';

export type RollItem = { readonly kind: 'image'; readonly bitmap: Bitmap } | { readonly kind: 'cut' };

export class PrinterSimulator {
  readonly profile: PrinterProfile;
  status: PrinterStatus = { online: true, paperNearEnd: false, paperOut: false, coverOpen: false };
  /** Everything printed, top to bottom. */
  readonly roll: RollItem[] = [];
  /** Every command decoded, printed or discarded, for tests. */
  readonly received: EscPosCommand[] = [];
  decodeErrors = 0;
  /** Answers GS ( H after printing, as profiles with processIdResponse do; false = a printer that never confirms. */
  answerProcessId: boolean;
  #pending: Uint8Array = new Uint8Array(0);
  #coverOpensAfter: number | null = null;
  #dropAfter: number | null = null;
  #onDrop: (() => void) | null = null;
  // Page state.
  #align: 'left' | 'center' | 'right' = 'left';
  #size = 1;
  #codePage = 0;
  #line: Uint8Array[] = [];
  #qrData: Uint8Array | null = null;
  #qrDots = 3;

  constructor(profile: PrinterProfile) {
    this.profile = profile;
    this.answerProcessId = profile.processIdResponse;
  }

  /** Tickets completed: cuts made while the printer could print. */
  get cuts(): number {
    return this.roll.filter((item) => item.kind === 'cut').length;
  }

  setStatus(change: Partial<PrinterStatus>): void {
    this.status = { ...this.status, ...change };
  }

  /** The cover opens once `bytes` more bytes have arrived (mid-job). */
  openCoverAfter(bytes: number): void {
    this.#coverOpensAfter = bytes;
  }

  /** The link drops once `bytes` more bytes have arrived; the host gives the callback that closes it. */
  dropAfter(bytes: number): void {
    this.#dropAfter = bytes;
  }

  onDrop(callback: () => void): void {
    this.#onDrop = callback;
  }

  /** Feeds bytes from the host; returns the reply bytes (status answers) to send back. */
  receive(chunk: Uint8Array): Uint8Array {
    let bytes = chunk;
    if (this.#dropAfter !== null) {
      if (bytes.length >= this.#dropAfter) {
        bytes = bytes.subarray(0, this.#dropAfter);
        this.#dropAfter = null;
        this.#process(bytes);
        this.#onDrop?.();
        return new Uint8Array(0);
      }
      this.#dropAfter -= bytes.length;
    }
    return this.#process(bytes);
  }

  #process(chunk: Uint8Array): Uint8Array {
    const opensAfter = this.#coverOpensAfter;
    if (opensAfter !== null) {
      if (chunk.length < opensAfter) this.#coverOpensAfter = opensAfter - chunk.length;
      else {
        this.#coverOpensAfter = null;
        const first = this.#decode(chunk.subarray(0, opensAfter));
        this.setStatus({ coverOpen: true });
        return concatBytes([first, this.#decode(chunk.subarray(opensAfter))]);
      }
    }
    return this.#decode(chunk);
  }

  #decode(chunk: Uint8Array): Uint8Array {
    const { commands, rest, errors } = decodeStream(concatBytes([this.#pending, chunk]));
    this.#pending = rest;
    this.decodeErrors += errors.length;
    const replies: number[] = [];
    for (const command of commands) {
      this.received.push(command);
      if (command.op === 'statusRequest') replies.push(encodeStatusByte(command.kind, this.status));
      else if (!this.#canPrint()) continue;
      // Process id: answered once everything before it was printed; a stopped printer stays silent.
      else if (command.op === 'processId' && this.answerProcessId) replies.push(...encodeProcessIdReply(command.id));
      else this.#apply(command);
    }
    return Uint8Array.from(replies);
  }

  #canPrint(): boolean {
    return this.status.online && !this.status.coverOpen && !this.status.paperOut;
  }

  #apply(command: EscPosCommand): void {
    const width = this.profile.dotsPerLine;
    switch (command.op) {
      case 'init':
        this.#align = 'left';
        this.#size = 1;
        this.#codePage = 0;
        this.#line = [];
        break;
      case 'codePage':
        this.#codePage = command.page;
        break;
      case 'align':
        this.#align = command.align;
        break;
      case 'textSize':
        this.#size = Math.min(command.width, command.height);
        break;
      case 'text':
        this.#line.push(command.bytes);
        break;
      case 'lineFeed':
        this.#flushLine(true);
        break;
      case 'feedLines':
        this.#flushLine(false);
        this.roll.push({ kind: 'image', bitmap: createBitmap(width, command.lines * 30) });
        break;
      case 'raster':
        this.#flushLine(false);
        this.roll.push({ kind: 'image', bitmap: { width: command.width, height: command.height, data: command.data } });
        break;
      case 'qrModuleSize':
        this.#qrDots = command.dots;
        break;
      case 'qrStore':
        this.#qrData = command.data;
        break;
      case 'qrPrint':
        if (this.#qrData !== null) this.roll.push({ kind: 'image', bitmap: qrBitmap(new TextDecoder().decode(this.#qrData), width, this.#qrDots) });
        break;
      case 'cut':
        this.#flushLine(false);
        this.roll.push({ kind: 'cut' });
        break;
      case 'emphasis':
      case 'qrModel':
      case 'qrErrorLevel':
      case 'statusRequest':
      case 'processId':
        break;
    }
  }

  #flushLine(always: boolean): void {
    if (this.#line.length === 0 && !always) return;
    const bytes = concatBytes(this.#line);
    this.#line = [];
    // Code page 0 is PC437, whose printable ASCII is shared with CP1258; other pages print as CP1258.
    const text = this.#codePage === 0 ? new TextDecoder('latin1').decode(bytes) : decodeCp1258(bytes);
    this.roll.push({ kind: 'image', bitmap: renderTextLine('body', text, this.profile.dotsPerLine, this.#align, this.#size) });
  }
}
