/**
 * 2-key 3DES for BAC and 3DES secure messaging (ICAO 9303-11 §9.8.6.1 / Appendix D).
 * OpenSSL 3 dropped single DES ('des-cbc' throws ERR_OSSL_EVP_UNSUPPORTED), so single-DES steps run
 * as des-ede3 with K‖K‖K, which is the same function.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { pad } from './padding.ts';

const ZERO_IV = new Uint8Array(8);

function ede3(key16: Uint8Array): Uint8Array {
  const k = new Uint8Array(24);
  k.set(key16);
  k.set(key16.subarray(0, 8), 16);
  return k;
}

function run(mode: 'enc' | 'dec', algorithm: string, key24: Uint8Array, iv: Uint8Array | null, data: Uint8Array): Uint8Array {
  const c = mode === 'enc' ? createCipheriv(algorithm, key24, iv) : createDecipheriv(algorithm, key24, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

/** 3DES-CBC, IV 0, no padding (input a multiple of 8). */
export function tdesEncrypt(key16: Uint8Array, data: Uint8Array): Uint8Array {
  return run('enc', 'des-ede3-cbc', ede3(key16), ZERO_IV, data);
}

export function tdesDecrypt(key16: Uint8Array, data: Uint8Array): Uint8Array {
  return run('dec', 'des-ede3-cbc', ede3(key16), ZERO_IV, data);
}

function singleDes(mode: 'enc' | 'dec', key8: Uint8Array, block: Uint8Array): Uint8Array {
  const k = new Uint8Array(24);
  k.set(key8, 0);
  k.set(key8, 8);
  k.set(key8, 16);
  return run(mode, 'des-ede3-ecb', k, null, block);
}

/**
 * ISO/IEC 9797-1 MAC algorithm 3 (retail MAC) with padding method 2: single-DES CBC with Ka over
 * every block, then E_Ka(D_Kb(h)) on the last one. Returns 8 bytes.
 */
export function retailMac(key16: Uint8Array, data: Uint8Array): Uint8Array {
  const ka = key16.subarray(0, 8);
  const kb = key16.subarray(8, 16);
  const padded = pad(data, 8);
  const chained = run('enc', 'des-ede3-cbc', ede3(concatKey(ka)), ZERO_IV, padded);
  const h = chained.subarray(chained.length - 8);
  return singleDes('enc', ka, singleDes('dec', kb, h));
}

function concatKey(ka: Uint8Array): Uint8Array {
  const k = new Uint8Array(16);
  k.set(ka);
  k.set(ka, 8);
  return k;
}

/** Sets the DES odd-parity bit (LSB) of every byte; DES ignores it, ICAO prints adjusted keys. */
export function adjustParity(key: Uint8Array): Uint8Array {
  return key.map((b) => {
    let ones = 0;
    for (let v = b >> 1; v > 0; v >>= 1) ones += v & 1;
    return (b & 0xfe) | (ones % 2 === 0 ? 1 : 0);
  });
}
