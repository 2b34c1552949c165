/**
 * Basic Access Control, terminal side (ICAO 9303-11 §4.3, worked example in Appendix D.3).
 * GET CHALLENGE → EXTERNAL AUTHENTICATE → session keys and SSC → 3DES secure messaging.
 */
import { randomBytes } from 'node:crypto';
import { bytesEqual, bytesToBigInt, concat, xor } from '../bytes.ts';
import { retailMac, tdesDecrypt, tdesEncrypt } from '../crypto/des.ts';
import { KDF_ENC, KDF_MAC, kdf } from '../crypto/kdf.ts';
import { CardProtocolError } from '../errors.ts';
import { type BacKeys, type MrzAccessKey, bacKeys } from './access-key.ts';
import { type CommandApdu, type ResponseApdu, SW_OK } from './apdu.ts';
import { SecureMessaging } from './secure-messaging.ts';

export type SendApdu = (command: CommandApdu) => Promise<ResponseApdu>;
export type RandomSource = (length: number) => Uint8Array;

export const defaultRandom: RandomSource = (n) => new Uint8Array(randomBytes(n));

/** E.IFD ‖ M.IFD for EXTERNAL AUTHENTICATE. */
export function bacAuthenticationData(keys: BacKeys, rndIc: Uint8Array, rndIfd: Uint8Array, kIfd: Uint8Array): Uint8Array {
  const eIfd = tdesEncrypt(keys.kEnc, concat(rndIfd, rndIc, kIfd));
  return concat(eIfd, retailMac(keys.kMac, eIfd));
}

/** Checks the chip's answer and derives the session (KSenc, KSmac, SSC). */
export function bacSession(keys: BacKeys, rndIc: Uint8Array, rndIfd: Uint8Array, kIfd: Uint8Array, answer: Uint8Array): SecureMessaging {
  if (answer.length !== 40) throw new CardProtocolError('sm_error', `EXTERNAL AUTHENTICATE answered ${answer.length} bytes, expected 40`);
  const eIc = answer.subarray(0, 32);
  if (!bytesEqual(retailMac(keys.kMac, eIc), answer.subarray(32))) throw new CardProtocolError('sm_error', 'BAC: chip MAC mismatch');
  const r = tdesDecrypt(keys.kEnc, eIc);
  if (!bytesEqual(r.subarray(0, 8), rndIc) || !bytesEqual(r.subarray(8, 16), rndIfd)) throw new CardProtocolError('sm_error', 'BAC: chip nonces do not match');
  const seed = xor(kIfd, r.subarray(16, 32));
  const ssc = bytesToBigInt(concat(rndIc.subarray(4), rndIfd.subarray(4)));
  return new SecureMessaging('3des', kdf(seed, KDF_ENC, '3des'), kdf(seed, KDF_MAC, '3des'), ssc);
}

/** Runs BAC over plain APDUs; a refused key rejects with CardProtocolError('access_denied'). */
export async function performBac(send: SendApdu, key: MrzAccessKey, random: RandomSource = defaultRandom): Promise<SecureMessaging> {
  const keys = bacKeys(key);
  const challenge = await send({ cla: 0x00, ins: 0x84, p1: 0, p2: 0, ne: 8 });
  if (challenge.sw !== SW_OK || challenge.data.length !== 8) throw new CardProtocolError('status', 'GET CHALLENGE failed', challenge.sw);
  const rndIfd = random(8);
  const kIfd = random(16);
  const auth = await send({ cla: 0x00, ins: 0x82, p1: 0, p2: 0, data: bacAuthenticationData(keys, challenge.data, rndIfd, kIfd), ne: 40 });
  if (auth.sw !== SW_OK) throw new CardProtocolError('access_denied', 'BAC refused: document number, date of birth or expiry is wrong', auth.sw);
  return bacSession(keys, challenge.data, rndIfd, kIfd, auth.data);
}
