/**
 * Text bytes: a run of printable bytes (0x20–0xff) in the selected code page. The ticket prints
 * Vietnamese as raster by default; text runs carry ASCII, or code-page text for profiles that
 * declare a Vietnamese code page (see codepage.ts).
 */
import type { Decoded, EscPosCommand } from './command.ts';

export function encodeText(command: EscPosCommand): number[] | null {
  if (command.op !== 'text') return null;
  for (const b of command.bytes) if (b < 0x20) throw new RangeError(`text contains control byte 0x${b.toString(16)}`);
  return [...command.bytes];
}

export function decodeText(bytes: Uint8Array, at: number): Decoded | null {
  let end = at;
  while (end < bytes.length && (bytes[end] ?? 0) >= 0x20) end++;
  if (end === at) return null;
  return { command: { op: 'text', bytes: bytes.slice(at, end) }, next: end };
}
