/** ISO/IEC 9797-1 padding method 2: append 0x80, then zeros up to a multiple of the block size (always adds). */
import { CardParseError } from '../errors.ts';

export function pad(data: Uint8Array, blockSize: number): Uint8Array {
  const out = new Uint8Array((Math.floor(data.length / blockSize) + 1) * blockSize);
  out.set(data);
  out[data.length] = 0x80;
  return out;
}

/** Removes method-2 padding; throws when the last non-zero byte is not 0x80. */
export function unpad(data: Uint8Array): Uint8Array {
  let i = data.length - 1;
  while (i >= 0 && data[i] === 0x00) i--;
  if (i < 0 || data[i] !== 0x80) throw new CardParseError('SM', 'bad ISO 9797-1 padding');
  return data.subarray(0, i);
}
