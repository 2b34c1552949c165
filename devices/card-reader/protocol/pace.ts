/**
 * PACE, terminal side (ICAO 9303-11 §4.4), ECDH generic mapping on brainpoolP256r1 with AES-128
 * (the CCCD's PACEInfo). Worked example: Appendix G.1.
 *   MSE:Set AT → GA1 (encrypted nonce) → GA2 (map keys, G~ = s·G + H) → GA3 (ephemeral keys)
 *   → GA4 (authentication tokens) → AES secure messaging with SSC 0.
 */
import { bytesEqual, bytesToBigInt, concat, uintBytes } from '../bytes.ts';
import { aesCbcDecrypt, aesCmac } from '../crypto/aes.ts';
import { P256R1, type Point, add, decodePoint, encodePoint, mustMultiply, randomScalar } from '../crypto/brainpool.ts';
import { KDF_ENC, KDF_MAC, kdf } from '../crypto/kdf.ts';
import { CardParseError, CardProtocolError } from '../errors.ts';
import { encodeOid, readTlv, tlv } from '../lds/ber.ts';
import { ID_PACE_ECDH_GM_AES_CBC_CMAC_128, type PaceInfo } from '../lds/card-access.ts';
import { type PacePassword, pacePasswordKey } from './access-key.ts';
import { SW_OK } from './apdu.ts';
import type { SendApdu } from './bac.ts';
import { SecureMessaging } from './secure-messaging.ts';

export const BRAINPOOL_P256R1_PARAMETER_ID = 13;

/** Password reference of MSE:Set AT (§4.4.4.1): 01 MRZ, 02 CAN. */
export function passwordReference(password: PacePassword): number {
  return password.kind === 'mrz' ? 0x01 : 0x02;
}

/** MSE:Set AT data: 80 <OID> 83 <password ref> 84 <parameterId>. */
export function mseSetAtData(protocol: string, password: PacePassword, parameterId: number): Uint8Array {
  const oid = encodeOid(protocol).subarray(2);
  return concat(tlv(0x80, oid), tlv(0x83, Uint8Array.of(passwordReference(password))), tlv(0x84, Uint8Array.of(parameterId)));
}

/** Authentication token input: 7F49 { 06 OID, 86 public point }. */
export function tokenInput(protocol: string, publicKey: Uint8Array): Uint8Array {
  return tlv(0x7f49, encodeOid(protocol), tlv(0x86, publicKey));
}

export function authenticationToken(ksMac: Uint8Array, protocol: string, publicKey: Uint8Array): Uint8Array {
  return aesCmac(ksMac, tokenInput(protocol, publicKey)).subarray(0, 8);
}

/** Mapped generator G~ = s·G + SK_map · PK_map,other (§4.4.3.3.1). */
export function mapGenerator(nonce: Uint8Array, mapPrivate: bigint, otherMapPublic: Point): Point {
  const h = mustMultiply(mapPrivate, otherMapPublic);
  const g = add(mustMultiply(bytesToBigInt(nonce), P256R1.g), h);
  if (g === null) throw new CardProtocolError('sm_error', 'PACE mapping gave the point at infinity');
  return g;
}

/** Session keys from the shared x coordinate. */
export function paceSessionKeys(shared: Point): { ksEnc: Uint8Array; ksMac: Uint8Array } {
  const x = uintBytes(shared.x, P256R1.size);
  return { ksEnc: kdf(x, KDF_ENC, 'aes128'), ksMac: kdf(x, KDF_MAC, 'aes128') };
}

/** Dynamic authentication data: 7C { tag value }. */
export function dynamicAuthData(tag: number, value: Uint8Array): Uint8Array {
  return tlv(0x7c, value.length === 0 ? new Uint8Array(0) : tlv(tag, value));
}

export function readDynamicAuthData(data: Uint8Array, tag: number): Uint8Array {
  try {
    const outer = readTlv(data);
    if (outer.tag !== 0x7c) throw new CardParseError('PACE', 'response is not dynamic authentication data (7C)');
    const inner = readTlv(outer.value);
    if (inner.tag !== tag) throw new CardParseError('PACE', `expected tag ${tag.toString(16)} in 7C`);
    return inner.value;
  } catch (e) {
    if (e instanceof CardParseError) throw new CardProtocolError('sm_error', `PACE: ${e.message}`);
    throw e;
  }
}

export interface PaceRandom {
  /** Ephemeral private keys, in order: mapping key, then key-agreement key. */
  scalar(): bigint;
}

export const defaultPaceRandom: PaceRandom = { scalar: randomScalar };

function pickPaceInfo(infos: readonly PaceInfo[]): PaceInfo {
  const info = infos.find(
    (i) => i.protocol === ID_PACE_ECDH_GM_AES_CBC_CMAC_128 && (i.parameterId ?? BRAINPOOL_P256R1_PARAMETER_ID) === BRAINPOOL_P256R1_PARAMETER_ID,
  );
  if (info === undefined) throw new CardProtocolError('unsupported', 'the card offers no PACE ECDH-GM AES-128 on brainpoolP256r1');
  return info;
}

/**
 * Runs PACE over plain APDUs. A wrong password shows up as a failed token check or a 63xx/6982
 * status from the chip: CardProtocolError('access_denied').
 */
export async function performPace(
  send: SendApdu,
  password: PacePassword,
  infos: readonly PaceInfo[],
  random: PaceRandom = defaultPaceRandom,
): Promise<SecureMessaging> {
  const info = pickPaceInfo(infos);
  const protocol = info.protocol;
  const kPi = pacePasswordKey(password);
  const mse = await send({ cla: 0x00, ins: 0x22, p1: 0xc1, p2: 0xa4, data: mseSetAtData(protocol, password, BRAINPOOL_P256R1_PARAMETER_ID) });
  if (mse.sw !== SW_OK) throw new CardProtocolError(mse.sw === 0x6a80 ? 'unsupported' : 'status', 'MSE:Set AT refused', mse.sw);

  const ga = async (step: number, tag: number, value: Uint8Array, last = false): Promise<Uint8Array> => {
    const r = await send({ cla: last ? 0x00 : 0x10, ins: 0x86, p1: 0, p2: 0, data: dynamicAuthData(tag, value), ne: 256 });
    if (r.sw !== SW_OK) {
      const denied = (r.sw & 0xff00) === 0x6300 || r.sw === 0x6982;
      throw new CardProtocolError(denied ? 'access_denied' : 'status', `PACE step ${step} refused${denied ? ': wrong CAN or MRZ key' : ''}`, r.sw);
    }
    return readDynamicAuthData(r.data, tag + 1);
  };

  const nonce = aesCbcDecrypt(kPi, new Uint8Array(16), await ga(1, 0x80 - 1, new Uint8Array(0)));
  const mapPrivate = random.scalar();
  const mapPublic = encodePoint(mustMultiply(mapPrivate, P256R1.g));
  const chipMap = decodePoint(await ga(2, 0x81, mapPublic));
  const generator = mapGenerator(nonce, mapPrivate, chipMap);
  nonce.fill(0);
  const ephPrivate = random.scalar();
  const ephPublic = encodePoint(mustMultiply(ephPrivate, generator));
  const chipEphBytes = await ga(3, 0x83, ephPublic);
  const chipEph = decodePoint(chipEphBytes);
  if (bytesEqual(chipEphBytes, ephPublic)) throw new CardProtocolError('sm_error', 'PACE: chip echoed the terminal key');
  const { ksEnc, ksMac } = paceSessionKeys(mustMultiply(ephPrivate, chipEph));
  const chipToken = await ga(4, 0x85, authenticationToken(ksMac, protocol, chipEphBytes), true);
  if (!bytesEqual(chipToken, authenticationToken(ksMac, protocol, ephPublic)))
    throw new CardProtocolError('access_denied', 'PACE: chip token mismatch (wrong CAN or MRZ key)');
  return new SecureMessaging('aes', ksEnc, ksMac, 0n);
}
