// MRZ (TD1 with the Vietnamese position-30 check digit) and OCR repair by check digits. The card's QR
// code has one parser, in electron/common (test/unit/electron/common/cccd-qr.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CardParseError } from '../../../../devices/card-reader/errors.ts';
import { findMrzLines } from '../../../../devices/card-reader/mrz/ocr.ts';
import { repairCccdMrz } from '../../../../devices/card-reader/mrz/repair.ts';
import { parseTd1 } from '../../../../devices/card-reader/mrz/td1.ts';

const MRZ = ['IDVNM2000123457001200012345<<8', '0005153M2505152VNM<<<<<<<<<<<4', 'NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<'] as const;

describe('TD1 MRZ', () => {
  it('parses the spec example with every check digit right', () => {
    const td1 = parseTd1(MRZ.join('\n'));
    assert.deepEqual(td1.failedChecks, []);
    assert.equal(td1.idNumber, '001200012345');
    assert.equal(td1.sex, 'M');
  });
  it('names each failing check', () => {
    assert.deepEqual(parseTd1(MRZ[0].replace('<<8', '<<9') + MRZ[1] + MRZ[2]).failedChecks, ['composite', 'idNumber']);
    assert.deepEqual(parseTd1(MRZ[0] + MRZ[1].replace('0005153', '0005163') + MRZ[2]).failedChecks, ['dateOfBirth', 'composite']);
  });
  it('takes 991231 as the expiry of a card without one', () => {
    const l2 = '0005153M9912315VNM<<<<<<<<<<<';
    const td1 = parseTd1(MRZ[0] + l2 + '0' + MRZ[2]);
    assert.equal(td1.dateOfExpiry, '991231');
    assert.ok(!td1.failedChecks.includes('dateOfExpiry'));
  });
  for (const [name, text] of [
    ['89 characters', MRZ.join('').slice(1)],
    ['lower case', MRZ.join('').toLowerCase()],
    ['empty', ''],
  ] as const) {
    it(`rejects ${name} with a typed error`, () => assert.throws(() => parseTd1(text), CardParseError));
  }
  it('fuzz: any string parses or throws CardParseError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (s) => {
        try {
          parseTd1(s);
        } catch (e) {
          assert.ok(e instanceof CardParseError);
        }
      }),
    );
  });
});

describe('OCR repair', () => {
  it('turns O, I and B in numeric fields back into 0, 1 and 8, and digits in letter fields into letters', () => {
    const r = repairCccdMrz(['IDVNM2OOO123457OO12OOO12345<<B', 'OOO5I53M25O5I52VNM<<<<<<<<<<<4', 'NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<']);
    assert.deepEqual(r.td1.lines, MRZ);
    assert.deepEqual(r.td1.failedChecks, []);
    assert.equal(r.repairs, 15);
    assert.equal(repairCccdMrz(['1DVNM2000123457001200012345<<8', MRZ[1], MRZ[2]]).td1.documentCode, 'ID');
  });
  it('repairs a digit OCR took for another (6 for 5) when its check digit and the composite agree', () => {
    const r = repairCccdMrz([MRZ[0].replace('200012345', '200012346'), MRZ[1], MRZ[2]]);
    assert.deepEqual(r.td1.lines, MRZ);
    assert.deepEqual(r.td1.failedChecks, []);
    assert.equal(r.repairs, 1);
  });
  it('puts back the ID check digit OCR dropped at the end of line 1 when the composite agrees', () => {
    const r = repairCccdMrz([MRZ[0].slice(0, 29), MRZ[1], MRZ[2]]);
    assert.deepEqual([r.td1.lines, r.td1.idNumber, r.td1.failedChecks], [MRZ, '001200012345', []]);
  });
  it('leaves an error outside the confusion table failing instead of guessing', () => {
    const r = repairCccdMrz([MRZ[0].replace('2000123457', '2000123477'), MRZ[1], MRZ[2]]);
    assert.notDeepEqual(r.td1.failedChecks, []);
  });
  it('finds the three MRZ lines in OCR text with other lines around them', () => {
    const text = `DAC DIEM NHAN DANG\n01/07/2021\n${MRZ[0]}\n${MRZ[1].slice(0, 29)}\n${MRZ[2]}\n`;
    assert.deepEqual(findMrzLines(text), [MRZ[0], `${MRZ[1].slice(0, 29)}<`, MRZ[2]]);
    assert.throws(() => findMrzLines('no mrz here'), CardParseError);
  });
});
