/** Key derivation (ICAO 9303-11 §9.7.1) and the BAC/PACE password keys (§9.7.3). */
import { createHash } from 'node:crypto';
import { concat, uintBytes } from '../bytes.ts';
import { adjustParity } from './des.ts';

export const KDF_ENC = 1;
export const KDF_MAC = 2;
export const KDF_PACE = 3;

export type Cipher = '3des' | 'aes128' | 'aes192' | 'aes256';

export function sha1(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha1').update(data).digest());
}

/** KDF(K, c): 3DES → SHA-1, first 16 bytes, parity adjusted; AES-128 → SHA-1[0..16]; AES-192/256 → SHA-256. */
export function kdf(secret: Uint8Array, counter: number, cipher: Cipher): Uint8Array {
  const input = concat(secret, uintBytes(counter, 4));
  switch (cipher) {
    case '3des':
      return adjustParity(sha1(input).subarray(0, 16));
    case 'aes128':
      return sha1(input).subarray(0, 16);
    case 'aes192':
      return new Uint8Array(createHash('sha256').update(input).digest()).subarray(0, 24);
    case 'aes256':
      return new Uint8Array(createHash('sha256').update(input).digest());
  }
}
