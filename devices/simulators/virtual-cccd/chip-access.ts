/**
 * Chip side of BAC and PACE-GM (ICAO 9303-11 §4.3, §4.4) for the virtual CCCD. Each function takes
 * the command data and returns the response data, or a status word on refusal; the session keys
 * come back once the protocol completes.
 */
import { randomBytes } from 'node:crypto';
import { bytesEqual, concat, xor, bytesToBigInt } from '../../card-reader/bytes.ts';
import { aesCbcEncrypt } from '../../card-reader/crypto/aes.ts';
import { P256R1, type Point, decodePoint, encodePoint, mustMultiply, randomScalar } from '../../card-reader/crypto/brainpool.ts';
import { retailMac, tdesDecrypt, tdesEncrypt } from '../../card-reader/crypto/des.ts';
import { KDF_ENC, KDF_MAC, kdf } from '../../card-reader/crypto/kdf.ts';
import { type BacKeys, type PacePassword, pacePasswordKey } from '../../card-reader/protocol/access-key.ts';
import { authenticationToken, dynamicAuthData, mapGenerator, paceSessionKeys } from '../../card-reader/protocol/pace.ts';
import { SecureMessaging } from '../../card-reader/protocol/secure-messaging.ts';
import { ID_PACE_ECDH_GM_AES_CBC_CMAC_128 } from '../../card-reader/lds/card-access.ts';

export type ChipStep = { readonly data: Uint8Array; readonly sm?: SecureMessaging } | { readonly sw: number };

/** EXTERNAL AUTHENTICATE: checks M.IFD and RND.IC, answers E.IC ‖ M.IC, derives the 3DES session. */
export function chipBac(keys: BacKeys, rndIc: Uint8Array, data: Uint8Array): ChipStep {
  if (data.length !== 40) return { sw: 0x6700 };
  const eIfd = data.subarray(0, 32);
  if (!bytesEqual(retailMac(keys.kMac, eIfd), data.subarray(32))) return { sw: 0x6300 };
  const s = tdesDecrypt(keys.kEnc, eIfd);
  if (!bytesEqual(s.subarray(8, 16), rndIc)) return { sw: 0x6300 };
  const rndIfd = s.subarray(0, 8);
  const kIc = new Uint8Array(randomBytes(16));
  const eIc = tdesEncrypt(keys.kEnc, concat(rndIc, rndIfd, kIc));
  const seed = xor(s.subarray(16, 32), kIc);
  const ssc = bytesToBigInt(concat(rndIc.subarray(4), rndIfd.subarray(4)));
  return { data: concat(eIc, retailMac(keys.kMac, eIc)), sm: new SecureMessaging('3des', kdf(seed, KDF_ENC, '3des'), kdf(seed, KDF_MAC, '3des'), ssc) };
}

/** PACE-GM state machine of the chip: one instance per MSE:Set AT. */
export class ChipPace {
  private step = 1;
  private nonce: Uint8Array = new Uint8Array(0);
  private generator: Point | null = null;
  private ephemeralPrivate = 0n;
  private readonly kPi: Uint8Array;

  constructor(password: PacePassword) {
    this.kPi = pacePasswordKey(password);
  }

  /** GENERAL AUTHENTICATE step; `value` is the content of the inner tag of 7C. */
  next(value: Uint8Array): ChipStep {
    switch (this.step++) {
      case 1: {
        this.nonce = new Uint8Array(randomBytes(16));
        return { data: dynamicAuthData(0x80, aesCbcEncrypt(this.kPi, new Uint8Array(16), this.nonce)) };
      }
      case 2: {
        const terminalMap = this.point(value);
        if (terminalMap === null) return { sw: 0x6a80 };
        const mapPrivate = randomScalar();
        this.generator = mapGenerator(this.nonce, mapPrivate, terminalMap);
        return { data: dynamicAuthData(0x82, encodePoint(mustMultiply(mapPrivate, P256R1.g))) };
      }
      case 3: {
        const terminalEph = this.point(value);
        if (terminalEph === null || this.generator === null) return { sw: 0x6a80 };
        this.ephemeralPrivate = randomScalar();
        const chipEph = encodePoint(mustMultiply(this.ephemeralPrivate, this.generator));
        if (bytesEqual(chipEph, value)) return { sw: 0x6a80 };
        this.terminalEph = Uint8Array.from(value);
        this.chipEph = chipEph;
        return { data: dynamicAuthData(0x84, chipEph) };
      }
      case 4: {
        const { ksEnc, ksMac } = paceSessionKeys(mustMultiply(this.ephemeralPrivate, decodePoint(this.terminalEph)));
        // A wrong password gives the terminal another generator, hence other keys: its token cannot match.
        if (!bytesEqual(value, authenticationToken(ksMac, ID_PACE_ECDH_GM_AES_CBC_CMAC_128, this.chipEph))) return { sw: 0x6300 };
        return {
          data: dynamicAuthData(0x86, authenticationToken(ksMac, ID_PACE_ECDH_GM_AES_CBC_CMAC_128, this.terminalEph)),
          sm: new SecureMessaging('aes', ksEnc, ksMac, 0n),
        };
      }
      default:
        return { sw: 0x6985 };
    }
  }

  private terminalEph: Uint8Array = new Uint8Array(0);
  private chipEph: Uint8Array = new Uint8Array(0);

  private point(bytes: Uint8Array): Point | null {
    try {
      return decodePoint(bytes);
    } catch {
      return null;
    }
  }
}
