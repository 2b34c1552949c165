// ICAO 9303-11 Appendix D.4 (3DES SM), gmrtd's AES SM transcript and the spec's 3DES regression vectors,
// checked from both sides: the terminal wrapper and the chip-side counterpart of the virtual card.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromHex, hex } from '../../../../devices/card-reader/bytes.ts';
import { CardProtocolError } from '../../../../devices/card-reader/errors.ts';
import { SecureMessaging } from '../../../../devices/card-reader/protocol/secure-messaging.ts';

const KS_ENC = fromHex('979EC13B1CBFE9DCD01AB0FED307EAE5');
const KS_MAC = fromHex('F1CB1F1FB5ADF208806B89DC579DC1F8');

describe('3DES secure messaging (D.4)', () => {
  const steps = [
    {
      cmd: { cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('011E') },
      apdu: '0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800',
      rapdu: '990290008E08FA855A5D4C50A8ED9000',
      data: '',
    },
    {
      cmd: { cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 },
      apdu: '0CB000000D9701048E08ED6705417E96BA5500',
      rapdu: '8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000',
      data: '60145F01',
    },
    {
      cmd: { cla: 0, ins: 0xb0, p1: 0, p2: 4, ne: 0x12 },
      apdu: '0CB000040D9701128E082EA28A70F3C7B53500',
      rapdu: '871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000',
      data: '04303130365F36063034303030305C026175',
    },
  ];

  it('protects the commands and unprotects the responses byte for byte', () => {
    const sm = new SecureMessaging('3des', KS_ENC, KS_MAC, 0x887022120c06c226n);
    for (const s of steps) {
      assert.equal(hex(sm.protect(s.cmd)), s.apdu);
      const r = sm.unprotect(fromHex(s.rapdu));
      assert.equal(r.sw, 0x9000);
      assert.equal(hex(r.data), s.data);
    }
    assert.equal(sm.ssc, 0x887022120c06c22cn);
  });

  it('chip side: decodes the same commands and produces the same responses', () => {
    const chip = new SecureMessaging('3des', KS_ENC, KS_MAC, 0x887022120c06c226n);
    for (const s of steps) {
      const plain = chip.unprotectCommand(fromHex(s.apdu));
      assert.deepEqual({ ...plain, data: plain.data && hex(plain.data) }, { ...s.cmd, data: s.cmd.data && hex(s.cmd.data) });
      assert.equal(hex(chip.protectResponse(fromHex(s.data), 0x9000)), s.rapdu);
    }
  });

  it('rejects a response with a flipped MAC bit as an SM error', () => {
    const sm = new SecureMessaging('3des', KS_ENC, KS_MAC, 0x887022120c06c226n);
    sm.protect(steps[0]!.cmd);
    assert.throws(
      () => sm.unprotect(fromHex('990290008E08FA855A5D4C50A8EC9000')),
      (e) => e instanceof CardProtocolError && e.code === 'sm_error',
    );
  });

  it('rejects a plain 6988 as an SM error', () => {
    const sm = new SecureMessaging('3des', KS_ENC, KS_MAC, 1n);
    sm.protect(steps[0]!.cmd);
    assert.throws(
      () => sm.unprotect(fromHex('6988')),
      (e) => e instanceof CardProtocolError && e.code === 'sm_error',
    );
  });

  it('matches the regression vectors: Le 223, Le 256, B1 with DO85, extended Le 1024', () => {
    const cases = [
      [0x887022120c06c22cn, { cla: 0, ins: 0xb0, p1: 1, p2: 0, ne: 223 }, '0CB001000D9701DF8E08C21D89AD4077A84D00'],
      [0x887022120c06c22en, { cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 256 }, '0CB000000D9701008E08E7A341B69F2E263900'],
      [
        0x887022120c06c230n,
        { cla: 0, ins: 0xb1, p1: 0, p2: 0, data: fromHex('54028000'), ne: 0x22 },
        '0CB100001785087717AC1EB1DDE2DA9701228E0877A9E24182BF068100',
      ],
      [0x887022120c06c232n, { cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 1024 }, '0CB0000000000E970204008E08E94A7161E83856930000'],
    ] as const;
    for (const [ssc, cmd, apdu] of cases) {
      assert.equal(hex(new SecureMessaging('3des', KS_ENC, KS_MAC, ssc).protect(cmd)), apdu);
      const back = new SecureMessaging('3des', KS_ENC, KS_MAC, ssc).unprotectCommand(fromHex(apdu));
      assert.equal(back.ne, cmd.ne);
    }
  });
});

describe('AES secure messaging (gmrtd transcript)', () => {
  it('reads EF.COM with AES-256 keys and a 16-byte SSC', () => {
    const sm = new SecureMessaging(
      'aes',
      fromHex('74B94F408BBB2CD92571FD5B6370A94CCE7A2FA42AE3EB4DA47B97CE6EAA24C6'),
      fromHex('9E28D5D9FF1D979BE752E8926BF0E1D35A440FC0AEFC4AA3BC5610055AC8B113'),
      0x20n,
    );
    assert.equal(
      hex(sm.protect({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('011E') })),
      '0CA4020C1D8711011D35E7EB510E21A0DD12380D9AD2B92D8E0828CB68B81D3FAFC000',
    );
    assert.equal(sm.unprotect(fromHex('990290008E08E083EAA61ADABFCE9000')).sw, 0x9000);
    assert.equal(hex(sm.protect({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 })), '0CB000000D9701048E084AFC933E0CDBE5F000');
    assert.equal(hex(sm.unprotect(fromHex('871101D8059A9CF835105082CA2B1837E4AEC0990290008E08B36DB56761D706BB9000')).data), '60185F01');
    assert.equal(hex(sm.protect({ cla: 0, ins: 0xb0, p1: 0, p2: 4, ne: 0x16 })), '0CB000040D9701168E0811F7EFC907D1F27400');
    const last = sm.unprotect(fromHex('87210142E919C115FAF69350B01813D77A9E8D91912A7F717AFD073F199070E61B79C6990290008E083382E3D983F441369000'));
    assert.equal(hex(last.data), '04303130385F36063034303030305C06617563766D6E');
    assert.equal(sm.ssc, 0x26n);
  });
});
