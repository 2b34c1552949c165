/** Byte utilities shared by the card-reader layers. Uint8Array everywhere; hex is upper case. */
import { concatBytes } from '../common/bytes.ts';

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').toUpperCase();
}

/** Parses hex, ignoring spaces; throws on odd length or a non-hex digit. */
export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) throw new Error(`not a hex string (${clean.length} chars)`);
  return new Uint8Array(Buffer.from(clean, 'hex'));
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  return concatBytes(parts);
}

/** Constant-time for equal lengths (MAC and hash checks), unlike devices/common's bytesEqual. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length !== b.length) throw new Error('xor of arrays of different length');
  return a.map((v, i) => v ^ (b[i] ?? 0));
}

/** Big-endian unsigned integer of `length` bytes. */
export function uintBytes(value: bigint | number, length: number): Uint8Array {
  let v = BigInt(value);
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${hex(bytes)}`);
}

export function ascii(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/** Overwrites a buffer with zeros (privacy: card data is wiped at the end of a session). */
export function wipe(bytes: Uint8Array | null | undefined): void {
  bytes?.fill(0);
}
