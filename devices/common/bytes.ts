/** Byte helpers shared by codecs and drivers: pure, no I/O. */

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** "1b 40 0a": for logs and test messages. */
export function toHex(bytes: Uint8Array, max = 64): string {
  const shown = Array.from(bytes.subarray(0, max), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > max ? `${shown} …(+${bytes.length - max})` : shown;
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error(`not a hex byte string: '${hex}'`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Little-endian 16-bit value as [low, high], the byte order ESC/POS uses for sizes. */
export function u16le(value: number): [number, number] {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) throw new RangeError(`not a 16-bit value: ${value}`);
  return [value & 0xff, value >> 8];
}

/** ASCII text to bytes; every char must be 0x00–0x7f. */
export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) throw new RangeError(`not ASCII at ${i}: '${text}'`);
    out[i] = code;
  }
  return out;
}

/** UTF-8 encode/decode without node:buffer (devices/common is language-only). */
const UTF8_ENCODER = new TextEncoder();
const UTF8_DECODER = new TextDecoder('utf-8', { fatal: false });
export function utf8Bytes(text: string): Uint8Array {
  return UTF8_ENCODER.encode(text);
}
export function utf8Text(bytes: Uint8Array): string {
  return UTF8_DECODER.decode(bytes);
}
