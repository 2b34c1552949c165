/**
 * Access keys for BAC and PACE (ICAO 9303-11 §9.7.2 and §9.7.3).
 * MRZ_information = document number (9 chars, '<'-padded) + cd + DOB (YYMMDD) + cd + DOE + cd.
 * For the CCCD the document number is the last 9 digits of the 12-digit ID; the CAN is the last 6.
 */
import { ascii } from '../bytes.ts';
import { type Cipher, KDF_ENC, KDF_MAC, KDF_PACE, kdf, sha1 } from '../crypto/kdf.ts';
import { CardParseError } from '../errors.ts';
import { checkDigit } from '../mrz/check-digit.ts';

export interface MrzAccessKey {
  readonly documentNumber: string;
  /** YYMMDD */
  readonly dateOfBirth: string;
  /** YYMMDD */
  readonly dateOfExpiry: string;
}

export type PacePassword = { readonly kind: 'can'; readonly can: string } | { readonly kind: 'mrz'; readonly key: MrzAccessKey };

const YYMMDD = /^\d{6}$/;

export function mrzInformation(key: MrzAccessKey): string {
  const doc = key.documentNumber.toUpperCase();
  if (!/^[0-9A-Z<]{1,}$/.test(doc)) throw new CardParseError('access key', 'document number must be letters, digits or <');
  if (!YYMMDD.test(key.dateOfBirth) || !YYMMDD.test(key.dateOfExpiry)) throw new CardParseError('access key', 'dates must be YYMMDD');
  const docField = doc.length < 9 ? doc.padEnd(9, '<') : doc;
  return `${docField}${checkDigit(docField)}${key.dateOfBirth}${checkDigit(key.dateOfBirth)}${key.dateOfExpiry}${checkDigit(key.dateOfExpiry)}`;
}

export interface BacKeys {
  readonly kEnc: Uint8Array;
  readonly kMac: Uint8Array;
}

/** Document basic access keys: Kseed = SHA-1(MRZ_information)[0..16], KEnc = KDF(Kseed, 1), KMAC = KDF(Kseed, 2). */
export function bacKeys(key: MrzAccessKey): BacKeys {
  const seed = sha1(ascii(mrzInformation(key))).subarray(0, 16);
  return { kEnc: kdf(seed, KDF_ENC, '3des'), kMac: kdf(seed, KDF_MAC, '3des') };
}

/** Kπ = KDF(K, 3): K = SHA-1(MRZ_information) for MRZ, the CAN's ISO 8859-1 bytes (no hash) for CAN. */
export function pacePasswordKey(password: PacePassword, cipher: Cipher = 'aes128'): Uint8Array {
  if (password.kind === 'can') {
    if (!/^\d{6}$/.test(password.can)) throw new CardParseError('access key', 'the CAN must be 6 digits');
    return kdf(ascii(password.can), KDF_PACE, cipher);
  }
  return kdf(sha1(ascii(mrzInformation(password.key))), KDF_PACE, cipher);
}

/** CAN of a CCCD: the last 6 digits of the 12-digit personal identification number. */
export function canFromIdNumber(id12: string): string {
  if (!/^\d{12}$/.test(id12)) throw new CardParseError('access key', 'the ID number must be 12 digits');
  return id12.slice(6);
}
