/**
 * GS v 0 m xL xH yL yH d1…dk: print raster bit image. x = bytes per row, y = rows, m = 0 (normal
 * density; 1–3 and 48–51 scale the image, which the ticket never uses, so the decoder rejects them).
 * Data: MSB = leftmost dot, 1 = print. A printer's limit is its profile's dot width.
 */
import { u16le } from '../../common/bytes.ts';
import { GS, EscPosDecodeError, need, type Decoded, type EscPosCommand } from './command.ts';

export function encodeRaster(command: EscPosCommand): number[] | null {
  if (command.op !== 'raster') return null;
  const stride = Math.ceil(command.width / 8);
  if (command.data.length !== stride * command.height) {
    throw new RangeError(`raster data is ${command.data.length} bytes, expected ${stride}×${command.height}`);
  }
  return [GS, 0x76, 0x30, 0, ...u16le(stride), ...u16le(command.height), ...command.data];
}

export function decodeRaster(bytes: Uint8Array, at: number): Decoded | null {
  if (bytes[at] !== GS || bytes[at + 1] !== 0x76) return null;
  const zero = need(bytes, at + 2, at, 'GS v');
  if (zero !== 0x30) throw new EscPosDecodeError(at, `GS v: expected '0' (0x30), got 0x${zero.toString(16)}`, false);
  const m = need(bytes, at + 3, at, 'GS v 0 m');
  if (m !== 0 && m !== 0x30) throw new EscPosDecodeError(at, `GS v 0: scaled mode ${m} is not supported`, false);
  const stride = need(bytes, at + 4, at, 'GS v 0 xL') | (need(bytes, at + 5, at, 'GS v 0 xH') << 8);
  const height = need(bytes, at + 6, at, 'GS v 0 yL') | (need(bytes, at + 7, at, 'GS v 0 yH') << 8);
  if (stride === 0 || height === 0) throw new EscPosDecodeError(at, `GS v 0: empty image ${stride}×${height}`, false);
  const start = at + 8;
  const end = start + stride * height;
  if (end > bytes.length) throw new EscPosDecodeError(at, `GS v 0: image data is cut short (${bytes.length - start} of ${end - start} bytes)`, true);
  return { command: { op: 'raster', width: stride * 8, height, data: bytes.slice(start, end) }, next: end };
}
