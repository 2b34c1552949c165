// ICAO 9303-11 Appendix D (BAC key derivation, mutual authentication) and the CCCD BAC fixture of the spec.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromHex, hex } from '../../../../devices/card-reader/bytes.ts';
import { sha1 } from '../../../../devices/card-reader/crypto/kdf.ts';
import { checkDigit } from '../../../../devices/card-reader/mrz/check-digit.ts';
import { bacKeys, canFromIdNumber, mrzInformation, pacePasswordKey } from '../../../../devices/card-reader/protocol/access-key.ts';
import { encodeCommand } from '../../../../devices/card-reader/protocol/apdu.ts';
import { bacAuthenticationData, bacSession, performBac } from '../../../../devices/card-reader/protocol/bac.ts';
import { CardProtocolError } from '../../../../devices/card-reader/errors.ts';
import { scriptedCard } from '../../../support/scripted-card.ts';

const ICAO_KEY = { documentNumber: 'L898902C', dateOfBirth: '690806', dateOfExpiry: '940623' };

describe('check digits (D.1)', () => {
  for (const [field, cd] of [
    ['L898902C<', 3],
    ['690806', 1],
    ['940623', 6],
    ['D23145890734', 9],
    ['340712', 7],
    ['950712', 2],
  ] as const) {
    it(`cd(${field}) = ${cd}`, () => assert.equal(checkDigit(field), cd));
  }
});

describe('document basic access keys (D.2)', () => {
  it('builds MRZ_information and the 3DES keys with parity', () => {
    assert.equal(mrzInformation(ICAO_KEY), 'L898902C<369080619406236');
    assert.equal(hex(sha1(Buffer.from(mrzInformation(ICAO_KEY)))), '239AB9CB282DAF66231DC5A4DF6BFBAEDF477565');
    const keys = bacKeys(ICAO_KEY);
    assert.equal(hex(keys.kEnc), 'AB94FDECF2674FDFB9B391F85D7F76F2');
    assert.equal(hex(keys.kMac), '7962D9ECE03D1ACD4C76089DCE131543');
  });
  it('uses the whole long document number (second D.2 example)', () => {
    const info = mrzInformation({ documentNumber: 'D23145890734', dateOfBirth: '340712', dateOfExpiry: '950712' });
    assert.equal(info, 'D23145890734934071279507122');
    assert.equal(hex(sha1(Buffer.from(info)).subarray(0, 16)), 'B366AD857DDCA2B08C0E299811714730');
  });
});

describe('mutual authentication (D.3)', () => {
  const rndIc = fromHex('4608F91988702212');
  const rndIfd = fromHex('781723860C06C226');
  const kIfd = fromHex('0B795240CB7049B01C19B33E32804F0B');
  it('computes E.IFD ‖ M.IFD', () => {
    assert.equal(
      hex(bacAuthenticationData(bacKeys(ICAO_KEY), rndIc, rndIfd, kIfd)),
      '72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7',
    );
  });
  it('derives the session keys and SSC from the chip answer', () => {
    const sm = bacSession(bacKeys(ICAO_KEY), rndIc, rndIfd, kIfd, fromHex('46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449'));
    assert.equal(sm.cipher, '3des');
    assert.equal(sm.ssc, 0x887022120c06c226n);
  });
  it('rejects a chip answer whose MAC is wrong', () => {
    const answer = fromHex('46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7448');
    assert.throws(
      () => bacSession(bacKeys(ICAO_KEY), rndIc, rndIfd, kIfd, answer),
      (e) => e instanceof CardProtocolError && e.code === 'sm_error',
    );
  });
  it('replays the APDU transcript and then reads EF.COM header with the derived keys', async () => {
    const card = scriptedCard([
      ['0084000008', '4608F919887022129000'],
      [
        '008200002872C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A728',
        '46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D74499000',
      ],
    ]);
    const randoms = [rndIfd, kIfd];
    const sm = await performBac(card.send, ICAO_KEY, () => randoms.shift()!);
    card.done();
    // The D.4 SELECT EF.COM is the first protected command of this session.
    assert.equal(hex(sm.protect({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('011E') })), '0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800');
  });
  it('reports a refused key as access_denied', async () => {
    const card = scriptedCard([
      ['0084000008', '4608F919887022129000'],
      [null, '6300'],
    ]);
    await assert.rejects(performBac(card.send, ICAO_KEY), (e) => e instanceof CardProtocolError && e.code === 'access_denied');
  });
});

describe('CCCD access keys (spec §4.3, made-up card)', () => {
  const key = { documentNumber: '200012345', dateOfBirth: '000515', dateOfExpiry: '250515' };
  it('derives BAC keys from the 9-digit document number', () => {
    assert.equal(mrzInformation(key), '200012345700051532505152');
    assert.equal(hex(bacKeys(key).kEnc), '7ADAF1646EBC1091B058D075FD02CD1C');
    assert.equal(hex(bacKeys(key).kMac), '7A16EF836ED37AB0EA68C7DFD5234902');
  });
  it('derives the PACE keys for MRZ and CAN (CAN is not hashed)', () => {
    assert.equal(hex(pacePasswordKey({ kind: 'mrz', key })), 'F1BFCD1AE49D6B191335A4BCE8ED4C88');
    assert.equal(hex(pacePasswordKey({ kind: 'can', can: canFromIdNumber('001200012345') })), '5E5CD537047973C8F8BFDEA168324EC0');
    assert.equal(hex(pacePasswordKey({ kind: 'can', can: '123456' })), '591468CDA83D65219CCCB8560233600F');
  });
  it('encodes an APDU round the short/extended boundary', () => {
    assert.equal(hex(encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 256 })), '00B0000000');
    assert.equal(hex(encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 1024 })), '00B00000000400');
  });
});
