import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { HidPosAssembler, HidPosError, decodeHidPosReport, encodeHidPosReports } from '../../../../devices/scanner/hid-pos-codec.ts';
import { classifyScan } from '../../../../devices/scanner/scan-classifier.ts';
import { ScanFramer, encodeScanFrame, type ScanFraming } from '../../../../devices/scanner/serial-scan-framing.ts';

describe('scan payload classes', () => {
  const table: readonly (readonly [string, string])[] = [
    ['001203004567|123456789|Nguyễn Thị Hoà|01021990|Nữ|Số 1, Phường Suối Hoa, Bắc Ninh|15062021', 'cccd_qr'],
    ['001203004567||Trần Văn An|01021990|Nam|Xã Tam Sơn, Từ Sơn, Bắc Ninh|15062021', 'cccd_qr'],
    ['https://xephang.example.gov.vn/t/q3Xr0bYpT8mKzL2wVn5HcA', 'ticket_qr'],
    ['VE:q3Xr0bYpT8mKzL2wVn5HcA', 'ticket_qr'],
    ['VE:A015', 'unknown'],
    ['http://192.0.2.10:7400/t/0190f3c2-0000-7000-8000-000000000001', 'unknown'],
    ['LH:20261123-0930-AB12', 'appointment_qr'],
    ['000.00.15.H12-231123-0001', 'dossier_code'],
    ['00120300456|x|Tên|01021990|Nam|x|15062021', 'unknown'],
    ['http://192.0.2.10/other/A015', 'unknown'],
    ['hello', 'unknown'],
  ];
  for (const [text, kind] of table) it(`${kind}: ${text.slice(0, 40)}`, () => assert.equal(classifyScan(text), kind));

  it('classifies NFD Vietnamese the same as NFC', () => {
    const nfd = '001203004567||Nguyễn Thị Hoà|01021990|Nữ|Bắc Ninh|15062021'.normalize('NFD');
    assert.equal(classifyScan(nfd), 'cccd_qr');
  });
});

describe('serial scanner framing', () => {
  const frames: readonly ScanFraming[] = [
    { prefix: '', suffix: 'CR', maxBytes: 4096 },
    { prefix: '', suffix: 'LF', maxBytes: 4096 },
    { prefix: ']Q', suffix: 'CRLF', maxBytes: 4096 },
  ];
  for (const framing of frames) {
    it(`round-trips codes in any chunking (${framing.prefix || 'no prefix'}, ${framing.suffix})`, () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.string({ minLength: 1, maxLength: 60 }).filter((s) => !/[\r\n]/.test(s) && s.trim() === s && s !== ''),
            { maxLength: 5 },
          ),
          fc.integer({ min: 1, max: 9 }),
          (codes, chunk) => {
            const bytes = codes.flatMap((c) => [...encodeScanFrame(c, framing)]);
            const framer = new ScanFramer(framing);
            const got: string[] = [];
            for (let i = 0; i < bytes.length; i += chunk) got.push(...framer.push(Uint8Array.from(bytes.slice(i, i + chunk))));
            assert.deepEqual(got, codes);
          },
        ),
      );
    });
  }

  it('drops an over-long line and a line without the prefix, and counts them', () => {
    const framer = new ScanFramer({ prefix: ']Q', suffix: 'CR', maxBytes: 8 });
    assert.deepEqual(framer.push(new TextEncoder().encode(']Q123456789012\rABC\r]Q42\r')), ['42']);
    assert.equal(framer.dropped, 2);
  });
});

describe('HID-POS reports', () => {
  it('splits a long code over reports and joins it back', () => {
    const text = '001203004567|123456789|Nguyễn Thị Hoà|01021990|Nữ|Số 1, Phường Suối Hoa, Bắc Ninh|15062021';
    const reports = encodeHidPosReports(text);
    assert.ok(reports.length > 1);
    assert.equal(decodeHidPosReport(reports[0]!).symbology, ']Q1');
    const assembler = new HidPosAssembler();
    const results = reports.map((r) => assembler.push(r));
    assert.deepEqual(results.slice(0, -1), Array(reports.length - 1).fill(null));
    assert.equal(results.at(-1), text);
  });

  const malformed: readonly (readonly [string, (r: Uint8Array) => Uint8Array, RegExp])[] = [
    ['short report', (r) => r.slice(0, 10), /10 bytes/],
    ['wrong report id', (r) => Uint8Array.from(r, (b, i) => (i === 0 ? 5 : b)), /report id 5/],
    ['length over 56', (r) => Uint8Array.from(r, (b, i) => (i === 1 ? 57 : b)), /exceeds 56/],
  ];
  for (const [name, corrupt, reason] of malformed) {
    it(`rejects ${name}`, () => {
      const report = corrupt(encodeHidPosReports('ABC')[0]!);
      assert.throws(
        () => decodeHidPosReport(report),
        (e: unknown) => e instanceof HidPosError && reason.test(e.message),
      );
      const assembler = new HidPosAssembler();
      assert.equal(assembler.push(report), null);
      assert.equal(assembler.malformed, 1);
    });
  }
});
