/**
 * ESC/POS commands as data. Every encoder in this folder turns one of these into bytes and the
 * decoder (decode.ts) turns bytes back into the same values, so tests read a print job as
 * `[init, align center, raster …, qr …, cut]`. References: Epson "ESC/POS Application Programming
 * Guide", command pages named beside each family.
 */
export type Align = 'left' | 'center' | 'right';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';
export type CutMode = 'full' | 'partial';
/** DLE EOT n: 1 printer, 2 offline cause, 4 roll paper sensor. */
export type StatusKind = 1 | 2 | 4;

export type EscPosCommand =
  | { readonly op: 'init' }
  | { readonly op: 'codePage'; readonly page: number }
  | { readonly op: 'align'; readonly align: Align }
  | { readonly op: 'emphasis'; readonly on: boolean }
  | { readonly op: 'textSize'; readonly width: number; readonly height: number }
  | { readonly op: 'text'; readonly bytes: Uint8Array }
  | { readonly op: 'lineFeed' }
  | { readonly op: 'feedLines'; readonly lines: number }
  | { readonly op: 'cut'; readonly mode: CutMode; readonly feed: number }
  | { readonly op: 'raster'; readonly width: number; readonly height: number; readonly data: Uint8Array }
  | { readonly op: 'qrModel'; readonly model: 1 | 2 }
  | { readonly op: 'qrModuleSize'; readonly dots: number }
  | { readonly op: 'qrErrorLevel'; readonly level: QrErrorLevel }
  | { readonly op: 'qrStore'; readonly data: Uint8Array }
  | { readonly op: 'qrPrint' }
  | { readonly op: 'statusRequest'; readonly kind: StatusKind }
  | { readonly op: 'processId'; readonly id: string };

export type EscPosOp = EscPosCommand['op'];

/** A command decoded at a byte offset, and where the next one starts. */
export interface Decoded {
  readonly command: EscPosCommand;
  readonly next: number;
}

/** Malformed bytes: where, why, and whether more bytes could complete them (a stream cut mid-command). */
export class EscPosDecodeError extends Error {
  override readonly name = 'EscPosDecodeError';
  constructor(
    readonly offset: number,
    readonly reason: string,
    readonly truncated: boolean,
  ) {
    super(`ESC/POS decode error at byte ${offset}: ${reason}`);
  }
}

export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

/** Byte at i, or a truncation error naming what was being read. */
export function need(bytes: Uint8Array, i: number, start: number, what: string): number {
  const b = bytes[i];
  if (b === undefined) throw new EscPosDecodeError(start, `${what} is cut short`, true);
  return b;
}

export function checkByte(value: number, what: string, min = 0, max = 255): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${what} must be ${min}–${max}, got ${value}`);
  return value;
}
