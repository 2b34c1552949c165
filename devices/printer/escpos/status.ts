/**
 * Real-time status, DLE EOT n (Epson ESC/POS "DLE EOT"). The printer answers each request with one
 * byte, even while offline: bits 1 and 4 are always 1, bits 0 and 7 always 0 (mask 0x93 = 0x12).
 *   n=1 printer status:  bit 3 offline
 *   n=2 offline cause:   bit 2 cover open, bit 5 stopped by paper end
 *   n=4 paper sensor:    bits 2–3 paper near end, bits 5–6 paper out
 */
import type { PrinterStatus } from '../../../electron/common/device-contract.ts';
import { DLE, EOT, EscPosDecodeError, need, type Decoded, type EscPosCommand, type StatusKind } from './command.ts';

export const STATUS_KINDS: readonly StatusKind[] = [1, 2, 4];

export function encodeStatusRequest(command: EscPosCommand): number[] | null {
  return command.op === 'statusRequest' ? [DLE, EOT, command.kind] : null;
}

export function decodeStatusRequest(bytes: Uint8Array, at: number): Decoded | null {
  if (bytes[at] !== DLE) return null;
  const eot = need(bytes, at + 1, at, 'DLE EOT');
  if (eot !== EOT) throw new EscPosDecodeError(at, `DLE 0x${eot.toString(16)} is not a supported real-time command`, false);
  const n = need(bytes, at + 2, at, 'DLE EOT n');
  if (!STATUS_KINDS.includes(n as StatusKind)) throw new EscPosDecodeError(at, `DLE EOT: status kind ${n} is not 1, 2 or 4`, false);
  return { command: { op: 'statusRequest', kind: n as StatusKind }, next: at + 3 };
}

/** The printer's reply byte for one kind (used by the simulators; the printer side of the codec). */
export function encodeStatusByte(kind: StatusKind, status: PrinterStatus): number {
  let byte = 0x12;
  // Cover open and paper end take an Epson printer offline too.
  if (kind === 1 && (!status.online || status.coverOpen || status.paperOut)) byte |= 0x08;
  if (kind === 2) {
    if (status.coverOpen) byte |= 0x04;
    if (status.paperOut) byte |= 0x20;
  }
  if (kind === 4) {
    if (status.paperNearEnd || status.paperOut) byte |= 0x0c;
    if (status.paperOut) byte |= 0x60;
  }
  return byte;
}

export class StatusByteError extends Error {
  override readonly name = 'StatusByteError';
}

/** The three reply bytes (kinds 1, 2, 4 in that order) → PrinterStatus. Rejects bytes whose fixed bits are wrong. */
export function decodeStatusBytes(replies: Readonly<Record<StatusKind, number>>): PrinterStatus {
  for (const kind of STATUS_KINDS) {
    const byte = replies[kind];
    if (!Number.isInteger(byte) || byte < 0 || byte > 255 || (byte & 0x93) !== 0x12) {
      throw new StatusByteError(`DLE EOT ${kind} reply 0x${byte.toString(16)} is not a status byte (fixed bits 0x93 must read 0x12)`);
    }
  }
  const paperOut = (replies[4] & 0x60) !== 0 || (replies[2] & 0x20) !== 0;
  const coverOpen = (replies[2] & 0x04) !== 0;
  return {
    online: (replies[1] & 0x08) === 0,
    paperNearEnd: (replies[4] & 0x0c) !== 0 && !paperOut,
    paperOut,
    coverOpen,
  };
}
