/**
 * Secure messaging (ICAO 9303-11 §9.8; ISO/IEC 7816-4 §10): DO85/DO87 (encrypted data), DO97 (Le),
 * DO99 (status), DO8E (MAC), with 3DES (after BAC) or AES (after PACE). Both directions: the
 * terminal protects commands and unprotects responses; the virtual card does the reverse with
 * the same keys and counter. The send sequence counter (SSC) is incremented before every MAC,
 * once for the command and once for its response; one missed step breaks the next MAC.
 */
import { bytesEqual, concat, uintBytes } from '../bytes.ts';
import { aesCbcDecrypt, aesCbcEncrypt, aesCmac, aesEcbEncrypt } from '../crypto/aes.ts';
import { retailMac, tdesDecrypt, tdesEncrypt } from '../crypto/des.ts';
import { pad, unpad } from '../crypto/padding.ts';
import { CardParseError, CardProtocolError } from '../errors.ts';
import { readTlvList, tlv } from '../lds/ber.ts';
import {
  type CommandApdu,
  type ResponseApdu,
  SW_SM_OBJECTS_INCORRECT,
  SW_SM_OBJECTS_MISSING,
  decodeCommand,
  decodeResponse,
  encodeCommand,
  encodeResponse,
} from './apdu.ts';

export type SmCipher = '3des' | 'aes';

export class SecureMessaging {
  readonly cipher: SmCipher;
  private readonly ksEnc: Uint8Array;
  private readonly ksMac: Uint8Array;
  private counter: bigint;
  private readonly blockSize: number;

  constructor(cipher: SmCipher, ksEnc: Uint8Array, ksMac: Uint8Array, ssc: bigint) {
    this.cipher = cipher;
    this.ksEnc = Uint8Array.from(ksEnc);
    this.ksMac = Uint8Array.from(ksMac);
    this.counter = ssc;
    this.blockSize = cipher === '3des' ? 8 : 16;
  }

  get ssc(): bigint {
    return this.counter;
  }

  /** Overwrites the session keys; the object is unusable afterwards. */
  wipe(): void {
    this.ksEnc.fill(0);
    this.ksMac.fill(0);
  }

  private sscBytes(): Uint8Array {
    return uintBytes(this.counter, this.blockSize);
  }

  private mac(data: Uint8Array): Uint8Array {
    const input = concat(this.sscBytes(), data);
    if (this.cipher === '3des') return retailMac(this.ksMac, input);
    return aesCmac(this.ksMac, pad(input, 16)).subarray(0, 8);
  }

  private iv(): Uint8Array {
    return aesEcbEncrypt(this.ksEnc, this.sscBytes());
  }

  private encrypt(plain: Uint8Array): Uint8Array {
    const padded = pad(plain, this.blockSize);
    return this.cipher === '3des' ? tdesEncrypt(this.ksEnc, padded) : aesCbcEncrypt(this.ksEnc, this.iv(), padded);
  }

  private decrypt(cipherText: Uint8Array): Uint8Array {
    if (cipherText.length === 0 || cipherText.length % this.blockSize !== 0)
      throw new CardProtocolError('sm_error', 'encrypted data is not a whole number of blocks');
    const plain = this.cipher === '3des' ? tdesDecrypt(this.ksEnc, cipherText) : aesCbcDecrypt(this.ksEnc, this.iv(), cipherText);
    try {
      return unpad(plain);
    } catch {
      throw new CardProtocolError('sm_error', 'decrypted data has bad padding');
    }
  }

  private paddedHeader(c: CommandApdu): Uint8Array {
    return pad(Uint8Array.of(c.cla | 0x0c, c.ins, c.p1, c.p2), this.blockSize);
  }

  // ── Terminal side ─────────────────────────────────────────────────────────────────────────

  /** Wraps a plain command; extended length when the protected body exceeds 255 bytes or Ne > 256. */
  protect(c: CommandApdu): Uint8Array {
    this.counter++;
    const dataDo =
      c.data === undefined || c.data.length === 0
        ? new Uint8Array(0)
        : (c.ins & 1) === 1
          ? tlv(0x85, this.encrypt(c.data))
          : tlv(0x87, Uint8Array.of(0x01), this.encrypt(c.data));
    const leDo = c.ne === undefined ? new Uint8Array(0) : c.ne <= 256 ? tlv(0x97, Uint8Array.of(c.ne & 0xff)) : tlv(0x97, uintBytes(c.ne & 0xffff, 2));
    const cc = this.mac(concat(this.paddedHeader(c), dataDo, leDo));
    const body = concat(dataDo, leDo, tlv(0x8e, cc));
    const extended = body.length > 255 || (c.ne ?? 0) > 256;
    return encodeCommand({ cla: c.cla | 0x0c, ins: c.ins, p1: c.p1, p2: c.p2, data: body, ne: extended ? 65536 : 256 }, extended);
  }

  /**
   * Unwraps a response. A plain 6987/6988 (or a MAC mismatch) means the session is broken:
   * CardProtocolError('sm_error'); the caller re-authenticates. Other plain status words come back
   * as they are (chips answer some checking errors without SM).
   */
  unprotect(bytes: Uint8Array): ResponseApdu {
    this.counter++;
    const r = decodeResponse(bytes);
    if (r.data.length === 0) {
      if (r.sw === SW_SM_OBJECTS_INCORRECT || r.sw === SW_SM_OBJECTS_MISSING)
        throw new CardProtocolError('sm_error', 'card rejected the secure-messaging objects', r.sw);
      if (r.sw === 0x9000) throw new CardProtocolError('sm_error', 'response without secure-messaging objects', r.sw);
      return r;
    }
    let objects;
    try {
      objects = readTlvList(r.data);
    } catch (e) {
      throw new CardProtocolError('sm_error', `malformed secure-messaging response: ${(e as Error).message}`);
    }
    const macDo = objects.find((o) => o.tag === 0x8e);
    if (macDo === undefined) throw new CardProtocolError('sm_error', 'response without DO8E');
    const covered = concat(...objects.filter((o) => o.offset < macDo.offset).map((o) => o.raw));
    if (!bytesEqual(this.mac(covered), macDo.value)) throw new CardProtocolError('sm_error', 'response MAC mismatch');
    const statusDo = objects.find((o) => o.tag === 0x99);
    const sw = statusDo !== undefined && statusDo.value.length === 2 ? ((statusDo.value[0] ?? 0) << 8) | (statusDo.value[1] ?? 0) : r.sw;
    const enc = objects.find((o) => o.tag === 0x87 || o.tag === 0x85);
    if (enc === undefined) return { data: new Uint8Array(0), sw };
    if (enc.tag === 0x87 && enc.value[0] !== 0x01) throw new CardProtocolError('sm_error', 'DO87 without padding indicator 01');
    return { data: this.decrypt(enc.tag === 0x87 ? enc.value.subarray(1) : enc.value), sw };
  }

  // ── Chip side (virtual card) ──────────────────────────────────────────────────────────────

  /** Verifies and decrypts a protected command; throws CardProtocolError('sm_error') on any defect. */
  unprotectCommand(bytes: Uint8Array): CommandApdu {
    this.counter++;
    let c: CommandApdu;
    let objects;
    try {
      c = decodeCommand(bytes);
      objects = readTlvList(c.data ?? new Uint8Array(0));
    } catch (e) {
      if (e instanceof CardParseError) throw new CardProtocolError('sm_error', e.message);
      throw e;
    }
    if ((c.cla & 0x0c) !== 0x0c) throw new CardProtocolError('sm_error', 'command is not protected');
    const macDo = objects.find((o) => o.tag === 0x8e);
    if (macDo === undefined) throw new CardProtocolError('sm_error', 'command without DO8E');
    const covered = concat(...objects.filter((o) => o.offset < macDo.offset).map((o) => o.raw));
    if (!bytesEqual(this.mac(concat(this.paddedHeader(c), covered)), macDo.value)) throw new CardProtocolError('sm_error', 'command MAC mismatch');
    const enc = objects.find((o) => o.tag === 0x87 || o.tag === 0x85);
    const leDo = objects.find((o) => o.tag === 0x97);
    const plain: { cla: number; ins: number; p1: number; p2: number; data?: Uint8Array; ne?: number } = { cla: c.cla & ~0x0c, ins: c.ins, p1: c.p1, p2: c.p2 };
    if (enc !== undefined) plain.data = this.decrypt(enc.tag === 0x87 ? enc.value.subarray(1) : enc.value);
    if (leDo !== undefined) {
      const v = leDo.value.reduce((n, b) => n * 256 + b, 0);
      plain.ne = v === 0 ? (leDo.value.length === 1 ? 256 : 65536) : v;
    }
    return plain;
  }

  /** Protects a response: DO87 (when there is data), DO99, DO8E, then the status word. */
  protectResponse(data: Uint8Array, sw: number): Uint8Array {
    this.counter++;
    const dataDo = data.length === 0 ? new Uint8Array(0) : tlv(0x87, Uint8Array.of(0x01), this.encrypt(data));
    const statusDo = tlv(0x99, Uint8Array.of(sw >> 8, sw & 0xff));
    const cc = this.mac(concat(dataDo, statusDo));
    return encodeResponse(concat(dataDo, statusDo, tlv(0x8e, cc)), sw);
  }
}
