// Pure parsers: the spec's Vietnamese fixtures, malformed-input tables, and fast-check fuzzing
// (any input either parses or throws CardParseError; nothing else escapes).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fromHex, hex } from '../../../../devices/card-reader/bytes.ts';
import { CardParseError } from '../../../../devices/card-reader/errors.ts';
import { readTlv, readTlvList } from '../../../../devices/card-reader/lds/ber.ts';
import { parseCardAccess } from '../../../../devices/card-reader/lds/card-access.ts';
import { parseDg1 } from '../../../../devices/card-reader/lds/dg1.ts';
import { parseDg13 } from '../../../../devices/card-reader/lds/dg13.ts';
import { parseDg2 } from '../../../../devices/card-reader/lds/dg2.ts';
import { parseEfCom } from '../../../../devices/card-reader/lds/ef-com.ts';
import { parseSod } from '../../../../devices/card-reader/lds/sod.ts';
import { decodeCommand, decodeResponse } from '../../../../devices/card-reader/protocol/apdu.ts';
import { buildDg13 } from '../../../../devices/simulators/virtual-cccd/personalisation.ts';
import { DEMO_CITIZEN } from '../../../../devices/simulators/virtual-cccd/citizen.ts';
import { demoCardFiles } from '../../../support/virtual-cccd.fixture.ts';

const SPEC_DG13 = fromHex(
  '6D8201823082017E020101060628D3160100083182016F3011020101130C30303132303030313233343530140201020C0F4E677579E1BB856E2056C4836E2041300F020103130A31352F30352F3230303030080201040C034E616D300F0201050C0A5669E1BB8774204E616D30090201060C044B696E68300B0201070C064B68C3B46E6730250201080C205068C6B0E1BB9D6E6720582C205175E1BAAD6E20592C2048C3A0204EE1BB9969302D0201090C2853E1BB9120312C205068C6B0E1BB9D6E6720582C205175E1BAAD6E20592C2048C3A0204EE1BB9969303202010A0C2D4EE1BB9174207275E1BB936920433A31636D207472C3AA6E207472C6B0E1BB9B63206DC3A970207068E1BAA369300F02010B130A30312F30372F32303231300F02010C0C0A31352F30352F32303235302802010D30110C0F4E677579E1BB856E2056C4836E204230100C0E5472E1BAA76E205468E1BB8B2043300302010E300E02010F13093031323334353637383015020110131030313233343536373839414243444546',
);
const SPEC_DG1 = fromHex(
  '615D5F1F5A4944564E4D323030303132333435373030313230303031323334353C3C38303030353135334D32353035313532564E4D3C3C3C3C3C3C3C3C3C3C3C344E475559454E3C3C56414E3C413C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C',
);
const EF_COM = fromHex('60145F0104303130365F36063034303030305C026175');

/** Asserts that parse() either succeeds or throws CardParseError. */
function typedOrOk(parse: () => unknown): void {
  try {
    parse();
  } catch (e) {
    if (!(e instanceof CardParseError)) throw e;
  }
}

describe('Vietnamese fixtures of the spec', () => {
  it('parses the made-up DG13 by field number, NFC, with field 13 as father and mother', () => {
    const d = parseDg13(SPEC_DG13);
    assert.equal(d.idNumber, '001200012345');
    assert.equal(d.fullName, 'Nguyễn Văn A');
    assert.equal(d.fullName, d.fullName?.normalize('NFC'));
    assert.equal(d.dateOfBirth, '15/05/2000');
    assert.equal(d.sex, 'Nam');
    assert.equal(d.nationality, 'Việt Nam');
    assert.equal(d.placeOfResidence, 'Số 1, Phường X, Quận Y, Hà Nội');
    assert.equal(d.dateOfIssue, '01/07/2021');
    assert.equal(d.dateOfExpiry, '15/05/2025');
    assert.equal(d.fatherName, 'Nguyễn Văn B');
    assert.equal(d.motherName, 'Trần Thị C');
    assert.equal(d.spouseName, null);
    assert.equal(d.oldIdNumber, '012345678');
  });
  it('drops ethnicity and religion unless asked', () => {
    assert.equal(parseDg13(SPEC_DG13).ethnicity, null);
    assert.equal(parseDg13(SPEC_DG13).religion, null);
    const all = parseDg13(SPEC_DG13, { includeSensitive: true });
    assert.equal(all.ethnicity, 'Kinh');
    assert.equal(all.religion, 'Không');
  });
  it('normalises decomposed UTF-8 to NFC', () => {
    const nfd = buildDg13({ ...DEMO_CITIZEN, fullName: 'Nguyễn Văn A' });
    assert.equal(parseDg13(nfd).fullName, 'Nguyễn Văn A'.normalize('NFC'));
  });
  it('parses the made-up DG1 with the Vietnamese check digit at position 30', () => {
    assert.equal(createHash('sha256').update(SPEC_DG1).digest('hex').toUpperCase(), 'C21E9A6D1D355BE0613D9860A930754F61F30712CAB0881754E9C4678FAB3B1E');
    const mrz = parseDg1(SPEC_DG1);
    assert.equal(mrz.documentNumber, '200012345');
    assert.equal(mrz.idNumber, '001200012345');
    assert.equal(mrz.dateOfBirth, '000515');
    assert.equal(mrz.dateOfExpiry, '250515');
    assert.equal(mrz.surname, 'NGUYEN');
    assert.equal(mrz.givenNames, 'VAN A');
  });
  it('the virtual card personalises DG1 exactly as the spec fixture', () => {
    assert.equal(hex(demoCardFiles().dg1), hex(SPEC_DG1));
  });
  it('rejects a DG1 whose position-30 check digit is wrong', () => {
    const bad = Uint8Array.from(SPEC_DG1);
    bad[5 + 29] = 0x39; // '8' → '9'
    assert.throws(() => parseDg1(bad), /idNumber/);
  });
  it('parses EF.COM of Appendix D', () => {
    assert.deepEqual(parseEfCom(EF_COM), { ldsVersion: '0106', unicodeVersion: '040000', dataGroups: [1, 2] });
  });
  it('parses the virtual card SOD: SHA-256 hashes of DG1, DG2, DG13 and one DSC', () => {
    const f = demoCardFiles();
    const sod = parseSod(f.sod);
    assert.equal(sod.hashAlgorithm, 'sha256');
    assert.deepEqual([...sod.dataGroupHashes.keys()], [1, 2, 13]);
    assert.equal(hex(sod.dataGroupHashes.get(1)!), hex(createHash('sha256').update(f.dg1).digest()));
    assert.equal(sod.certificates.length, 1);
    assert.equal(parseDg2(f.dg2).width, 240);
  });
});

const files = demoCardFiles();
const PARSERS: ReadonlyArray<readonly [string, (b: Uint8Array) => unknown, Uint8Array]> = [
  ['BER', (b) => readTlvList(b), SPEC_DG13],
  ['EF.COM', parseEfCom, EF_COM],
  ['EF.CardAccess', parseCardAccess, files.cardAccess],
  ['DG1', parseDg1, SPEC_DG1],
  ['DG13', (b) => parseDg13(b), SPEC_DG13],
  ['DG2', parseDg2, files.dg2],
  ['EF.SOD', parseSod, files.sod],
  ['command APDU', decodeCommand, fromHex('0CB0000000000E970204008E08E94A7161E83856930000')],
  ['response APDU', decodeResponse, fromHex('9000')],
];

describe('malformed input gives a typed error', () => {
  const cases: ReadonlyArray<readonly [string, (b: Uint8Array) => unknown, string]> = [
    ['BER: empty', (b) => readTlv(b), ''],
    ['BER: tag 00', (b) => readTlv(b), '0001FF'],
    ['BER: truncated length', (b) => readTlv(b), '3082'],
    ['BER: length beyond the input', (b) => readTlv(b), '300512'],
    ['BER: indefinite length', (b) => readTlv(b), '308000'],
    ['BER: 5-byte length', (b) => readTlv(b), '30850000000001'],
    ['EF.COM: wrong outer tag', parseEfCom, '6100'],
    ['EF.COM: missing tag list', parseEfCom, '60065F0102303130'],
    ['EF.COM: unknown DG tag', parseEfCom, '600E5F0102303130365F3600' + '5C0199'],
    ['DG1: not 90 characters', parseDg1, '61075F1F0441424344'],
    ['DG1: lower-case characters', parseDg1, '615D5F1F5A' + '61'.repeat(90)],
    ['DG13: wrong tag', (b) => parseDg13(b), '6E00'],
    ['DG13: wrong version', (b) => parseDg13(b), '6D0F300D020102060628D31601000831' + '00'],
    ['DG13: wrong OID', (b) => parseDg13(b), '6D0F300D020101060628D31601000931' + '00'],
    ['DG13: field value is a BOOLEAN', (b) => parseDg13(b), '6D17' + '3015' + '020101' + '060628D316010008' + '3108' + '3006020101010100'],
    ['DG13: invalid UTF-8', (b) => parseDg13(b), '6D18301602010106062' + '8D3160100083109300702010' + '20C02C328'],
    ['DG13: duplicate field', (b) => parseDg13(b), '6D1E301C020101060628D3160100083110300602010113014130060201011301' + '42'],
    ['DG2: no 7F61', parseDg2, '75020102'],
    ['DG2: not a facial record', parseDg2, '7513' + '7F6110' + '020101' + '7F600A' + 'A100' + '5F2E05' + '4641433000'],
    ['EF.SOD: not 77', parseSod, '3000'],
    ['EF.SOD: not SignedData', parseSod, '770F300D' + '06092A864886F70D010701' + 'A000'],
    ['EF.CardAccess: not a SET', parseCardAccess, '3000'],
    ['EF.CardAccess: SecurityInfo without OID', parseCardAccess, '31053003020101'],
    ['command APDU: 3 bytes', decodeCommand, '00A404'],
    ['command APDU: Lc too long', decodeCommand, '00A4040C0501'],
    ['command APDU: extended Lc 0', decodeCommand, '00B000000000000000'],
    ['response APDU: 1 byte', decodeResponse, '90'],
  ];
  for (const [name, parse, input] of cases) {
    it(name, () => {
      assert.throws(
        () => parse(fromHex(input)),
        (e) => e instanceof CardParseError,
        name,
      );
    });
  }
});

describe('fuzzing: random and mutated input never escapes as anything but CardParseError', () => {
  for (const [name, parse, valid] of PARSERS) {
    it(`${name}: random bytes`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => typedOrOk(() => parse(bytes))),
        { numRuns: 300 },
      );
    });
    it(`${name}: one to four bytes of a valid file changed, or the file cut`, () => {
      const mutation = fc.record({
        edits: fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        cut: fc.nat({ max: valid.length }),
      });
      fc.assert(
        fc.property(mutation, ({ edits, cut }) => {
          const b = Uint8Array.from(valid);
          for (const [at, v] of edits) b[at] = v;
          typedOrOk(() => parse(b));
          typedOrOk(() => parse(valid.subarray(0, cut)));
        }),
        { numRuns: 300 },
      );
    });
  }
});
