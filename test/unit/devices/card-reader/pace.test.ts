// ICAO 9303-11 Appendix G.1: PACE ECDH generic mapping on brainpoolP256r1 with AES-128, step by step and as an APDU transcript.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bytesToBigInt, fromHex, hex } from '../../../../devices/card-reader/bytes.ts';
import { aesCbcDecrypt } from '../../../../devices/card-reader/crypto/aes.ts';
import { P256R1, decodePoint, encodePoint, mustMultiply } from '../../../../devices/card-reader/crypto/brainpool.ts';
import { CardProtocolError } from '../../../../devices/card-reader/errors.ts';
import { ID_PACE_ECDH_GM_AES_CBC_CMAC_128, VN_CCCD_CARD_ACCESS, parseCardAccess } from '../../../../devices/card-reader/lds/card-access.ts';
import { pacePasswordKey } from '../../../../devices/card-reader/protocol/access-key.ts';
import { authenticationToken, mapGenerator, mseSetAtData, paceSessionKeys, performPace } from '../../../../devices/card-reader/protocol/pace.ts';
import { scriptedCard } from '../../../support/scripted-card.ts';

const G1_KEY = { documentNumber: 'T22000129', dateOfBirth: '640812', dateOfExpiry: '101031' };
const PASSWORD = { kind: 'mrz', key: G1_KEY } as const;
const SK_MAP_IFD = 0x7f4ef07b9ea82fd78ad689b38d0bc78cf21f249d953bc46f4c6e19259c010f99n;
const SK_DH_IFD = 0xa73fb703ac1436a18e0cfa5abb3f7bec7a070e7a6788486bee230c4a22762595n;
const PK_MAP_IC = '04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F5730D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54';
const PK_DH_IC = '049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094';
const PK_DH_IFD = '042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462';

describe('PACE ECDH-GM (G.1) step by step', () => {
  it('derives Kπ from the MRZ and decrypts the nonce', () => {
    const kPi = pacePasswordKey(PASSWORD);
    assert.equal(hex(kPi), '89DED1B26624EC1E634C1989302849DD');
    assert.equal(hex(aesCbcDecrypt(kPi, new Uint8Array(16), fromHex('95A3A016522EE98D01E76CB6B98B42C3'))), '3F00C4D39D153F2B2A214A078D899B22');
  });
  it('computes the map key, the mapped generator, the ephemeral keys and the shared secret', () => {
    assert.equal(
      hex(encodePoint(mustMultiply(SK_MAP_IFD, P256R1.g))),
      '047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D',
    );
    const g = mapGenerator(fromHex('3F00C4D39D153F2B2A214A078D899B22'), SK_MAP_IFD, decodePoint(fromHex(PK_MAP_IC)));
    assert.equal(
      hex(encodePoint(g)),
      '048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E28C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522',
    );
    assert.equal(hex(encodePoint(mustMultiply(SK_DH_IFD, g))), PK_DH_IFD);
    const shared = mustMultiply(SK_DH_IFD, decodePoint(fromHex(PK_DH_IC)));
    assert.equal(shared.x, bytesToBigInt(fromHex('28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925')));
    const keys = paceSessionKeys(shared);
    assert.equal(hex(keys.ksEnc), 'F5F0E35C0D7161EE6724EE513A0D9A7F');
    assert.equal(hex(keys.ksMac), 'FE251C7858B356B24514B3BD5F4297D1');
    assert.equal(hex(authenticationToken(keys.ksMac, ID_PACE_ECDH_GM_AES_CBC_CMAC_128, fromHex(PK_DH_IC))), 'C2B0BD78D94BA866');
    assert.equal(hex(authenticationToken(keys.ksMac, ID_PACE_ECDH_GM_AES_CBC_CMAC_128, fromHex(PK_DH_IFD))), '3ABB9674BCE93C08');
  });
  it('rejects a public key that is not on the curve', () => {
    const bad = fromHex(PK_MAP_IC);
    bad[64] = (bad[64] ?? 0) ^ 1;
    assert.throws(() => decodePoint(bad));
  });
});

describe('PACE over APDUs', () => {
  const transcript: Array<[string, string]> = [
    ['0022C1A412800A04007F0007020204020283010184010D', '9000'],
    ['10860000027C0000', '7C12801095A3A016522EE98D01E76CB6B98B42C39000'],
    [
      '10860000457C438141047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D00',
      `7C438241${PK_MAP_IC}9000`,
    ],
    [`10860000457C438341${PK_DH_IFD}00`, `7C438441${PK_DH_IC}9000`],
    ['008600000C7C0A8508C2B0BD78D94BA86600', '7C0A86083ABB9674BCE93C089000'],
  ];
  const infos = parseCardAccess(fromHex('31143012060A04007F0007020204020202010202010D'));

  it('replays the G.1 transcript and ends in AES SM with SSC 0', async () => {
    const card = scriptedCard(transcript);
    const scalars = [SK_MAP_IFD, SK_DH_IFD];
    const sm = await performPace(card.send, PASSWORD, infos, { scalar: () => scalars.shift()! });
    card.done();
    assert.equal(sm.cipher, 'aes');
    assert.equal(sm.ssc, 0n);
  });
  it('refuses a chip token that does not match (wrong password)', async () => {
    const script = transcript.map(([c, r]) => [c, r] as [string, string]);
    script[4] = [script[4]![0], '7C0A86083ABB9674BCE93C099000'];
    const scalars = [SK_MAP_IFD, SK_DH_IFD];
    await assert.rejects(
      performPace(scriptedCard(script).send, PASSWORD, infos, { scalar: () => scalars.shift()! }),
      (e) => e instanceof CardProtocolError && e.code === 'access_denied',
    );
  });
  it('builds the CCCD MSE:Set AT for the CAN (spec §4.3)', () => {
    assert.equal(hex(mseSetAtData(ID_PACE_ECDH_GM_AES_CBC_CMAC_128, { kind: 'can', can: '012345' }, 13)), '800A04007F00070202040202830102' + '84010D');
  });
  it('finds PACE-GM-AES-128 with parameter 13 in the Vietnamese EF.CardAccess', () => {
    assert.deepEqual(parseCardAccess(VN_CCCD_CARD_ACCESS), [{ protocol: ID_PACE_ECDH_GM_AES_CBC_CMAC_128, version: 2, parameterId: 13 }]);
  });
});
