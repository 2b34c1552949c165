// The card's QR code: one parser (electron/common/cccd-qr.ts) for the kiosk's scanner route and the
// card-reader stack. The data is unauthenticated; malformed text throws CccdQrError, nothing else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CccdQrError, identityFromQr, identityFromQrText, parseCccdQr } from '../../../../electron/common/cccd-qr.ts';

describe('CCCD QR code (unauthenticated)', () => {
  const qr = '001200012345|012345678|Nguyễn Văn A|15052000|Nam|Số 1, Phường X, Quận Y, Hà Nội|01072021';
  it('parses the 7 fields and marks the identity unauthenticated', () => {
    const q = parseCccdQr(qr);
    assert.deepEqual(q, {
      idNumber: '001200012345',
      oldIdNumber: '012345678',
      fullName: 'Nguyễn Văn A',
      dateOfBirth: '15/05/2000',
      sex: 'Nam',
      placeOfResidence: 'Số 1, Phường X, Quận Y, Hà Nội',
      dateOfIssue: '01/07/2021',
    });
    assert.equal(identityFromQr(q).authenticity, 'unauthenticated');
    assert.equal(identityFromQr(q).source, 'qr');
  });
  it('accepts an empty old ID and normalises to NFC', () => {
    const q = parseCccdQr('001090123456||Nguye\u0302\u0303n Văn A|01011990|Nữ|Phường Bến Nghé|15042021\r\n');
    assert.equal(q.oldIdNumber, null);
    assert.equal(q.fullName, 'Nguyễn Văn A');
    assert.equal(q.sex, 'Nữ');
  });
  const bad: ReadonlyArray<readonly [string, string]> = [
    ['5 fields', '001200012345|012345678|A|15052000|Nam'],
    ['8 fields', `${qr}|x`],
    ['11-digit ID', qr.replace('001200012345', '00120001234')],
    ['8-digit old ID', qr.replace('012345678', '01234567')],
    ['31 February', qr.replace('15052000', '31022000')],
    ['sex in English', qr.replace('|Nam|', '|Male|')],
    ['digits in the name', qr.replace('Nguyễn Văn A', 'Nguyen 1')],
    ['control character', qr.replace('Nam', 'Na\u0000m')],
    ['too long', qr + 'x'.repeat(2000)],
  ];
  for (const [name, text] of bad) it(`rejects ${name}`, () => assert.throws(() => parseCccdQr(text), CccdQrError));
  it('fuzz: any text parses or throws CccdQrError', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 20 }), { maxLength: 9 }), (parts) => {
        try {
          parseCccdQr(parts.join('|'));
        } catch (e) {
          assert.ok(e instanceof CccdQrError);
        }
      }),
    );
  });
});

describe('CCCD QR for screens (identityFromQrText)', () => {
  const qr = '079203001234|025123456|Nguyễn Văn An|15081960|Nam|12 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|01022021';
  it('reads the identity fields, dates as dd/mm/yyyy, source qr and unauthenticated', () => {
    const read = identityFromQrText(qr);
    assert.ok(read.ok);
    assert.equal(read.identity.idNumber, '079203001234');
    assert.equal(read.identity.oldIdNumber, '025123456');
    assert.equal(read.identity.fullName, 'Nguyễn Văn An');
    assert.equal(read.identity.dateOfBirth, '15/08/1960');
    assert.equal(read.identity.dateOfIssue, '01/02/2021');
    assert.equal(read.identity.sex, 'Nam');
    assert.equal(read.identity.source, 'qr');
    assert.equal(read.identity.authenticity, 'unauthenticated');
  });
  it('refuses malformed codes with a reason that carries none of the text', () => {
    for (const bad of [
      '',
      'hello',
      '12345|x|Tên|15081960|Nam|addr|01022021',
      '079203001234||Tên|1508196|Nam|a|b',
      '079203001234||Tên|15081960|Nam|a|01022021|x|y',
    ]) {
      const read = identityFromQrText(bad);
      assert.equal(read.ok, false, bad);
      if (!read.ok) assert.ok(!read.reason.includes('Tên') && !read.reason.includes('079203001234'), read.reason);
    }
  });
});
