/**
 * EF.CardAccess (ICAO 9303-11 §9.2): SecurityInfos, of which the terminal needs the PACEInfo.
 * Supported: id-PACE-ECDH-GM-AES-CBC-CMAC-128 with standard parameters 13 (brainpoolP256r1),
 * which is what the CCCD offers.
 */
import { fromHex } from '../bytes.ts';
import { CardParseError } from '../errors.ts';
import { children, decodeOid, decodeSmallInteger, expectTlv } from './ber.ts';

export const ID_PACE_ECDH_GM_AES_CBC_CMAC_128 = '0.4.0.127.0.7.2.2.4.2.2';
const ID_PACE_PREFIX = '0.4.0.127.0.7.2.2.4.';

/**
 * The EF.CardAccess that Vietnamese apps hard-code (spec §2.2): TA v1, CA-ECDH-AES-128 v1,
 * PACE-ECDH-GM-AES-128 v2 with parameterId 13. Used only when the file cannot be read.
 */
export const VN_CCCD_CARD_ACCESS = fromHex('3134300D060804007F0007020202020101300F060A04007F000702020302020201013012060A04007F0007020204020202010202010D');

export interface PaceInfo {
  readonly protocol: string;
  readonly version: number;
  readonly parameterId: number | null;
}

export function parseCardAccess(bytes: Uint8Array): PaceInfo[] {
  const set = expectTlv(bytes, 0x31, 'EF.CardAccess');
  const out: PaceInfo[] = [];
  for (const info of children(set, 'EF.CardAccess')) {
    if (info.tag !== 0x30) throw new CardParseError('EF.CardAccess', 'SecurityInfo is not a SEQUENCE');
    const [oid, version, parameter] = children(info, 'EF.CardAccess');
    if (oid === undefined || oid.tag !== 0x06) throw new CardParseError('EF.CardAccess', 'SecurityInfo without protocol OID');
    const protocol = decodeOid(oid.value);
    if (!protocol.startsWith(ID_PACE_PREFIX) || protocol.split('.').length !== 11) continue;
    if (version === undefined) throw new CardParseError('EF.CardAccess', 'PACEInfo without version');
    out.push({
      protocol,
      version: decodeSmallInteger(version, 'EF.CardAccess'),
      parameterId: parameter === undefined ? null : decodeSmallInteger(parameter, 'EF.CardAccess'),
    });
  }
  return out;
}
