/** AES for PACE and AES secure messaging (ICAO 9303-11 §9.8.6.2): CBC, ECB and CMAC (RFC 4493). */
import { createCipheriv, createDecipheriv } from 'node:crypto';

function algorithm(key: Uint8Array, mode: 'cbc' | 'ecb'): string {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) throw new Error(`AES key of ${key.length} bytes`);
  return `aes-${key.length * 8}-${mode}`;
}

function run(enc: boolean, alg: string, key: Uint8Array, iv: Uint8Array | null, data: Uint8Array): Uint8Array {
  const c = enc ? createCipheriv(alg, key, iv) : createDecipheriv(alg, key, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

export function aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return run(true, algorithm(key, 'cbc'), key, iv, data);
}

export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return run(false, algorithm(key, 'cbc'), key, iv, data);
}

export function aesEcbEncrypt(key: Uint8Array, block: Uint8Array): Uint8Array {
  return run(true, algorithm(key, 'ecb'), key, null, block);
}

function shiftLeft(block: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = (((block[i] ?? 0) << 1) | ((block[i + 1] ?? 0) >> 7)) & 0xff;
  return out;
}

function subkey(prev: Uint8Array): Uint8Array {
  const k = shiftLeft(prev);
  if ((prev[0] ?? 0) & 0x80) k[15] = (k[15] ?? 0) ^ 0x87;
  return k;
}

/** AES-CMAC (RFC 4493), full 16 bytes; secure messaging and PACE tokens use the first 8. */
export function aesCmac(key: Uint8Array, data: Uint8Array): Uint8Array {
  const k1 = subkey(aesEcbEncrypt(key, new Uint8Array(16)));
  const k2 = subkey(k1);
  const blocks = Math.max(1, Math.ceil(data.length / 16));
  const complete = data.length > 0 && data.length % 16 === 0;
  const last = new Uint8Array(16);
  const tail = data.subarray((blocks - 1) * 16);
  last.set(tail);
  if (!complete) last[tail.length] = 0x80;
  const k = complete ? k1 : k2;
  for (let i = 0; i < 16; i++) last[i] = (last[i] ?? 0) ^ (k[i] ?? 0);
  const body = new Uint8Array(blocks * 16);
  body.set(data.subarray(0, (blocks - 1) * 16));
  body.set(last, (blocks - 1) * 16);
  const chained = aesCbcEncrypt(key, new Uint8Array(16), body);
  return chained.subarray(chained.length - 16);
}
