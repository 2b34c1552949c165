import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeEscPos } from '../../../../devices/printer/escpos/decode.ts';
import { missingGlyphs, FONT_NAMES } from '../../../../devices/printer/fonts/bitmap-font.ts';
import { PRINTER_PROFILES, printerProfile, printerProfileSchema } from '../../../../devices/printer/printer-profile.ts';
import { formatTicketTime, layoutTicket } from '../../../../devices/printer/ticket-layout.ts';
import { encodeTicket } from '../../../../devices/printer/ticket-job.ts';
import { renderTicket } from '../../../../devices/printer/ticket-render.ts';
import { VIETNAMESE_TICKET, ticket } from '../../../support/ticket-jobs.ts';

const texts = (job = VIETNAMESE_TICKET) => layoutTicket(job).flatMap((b) => (b.kind === 'text' ? [b.text] : b.kind === 'qr' ? [`QR ${b.data}`] : []));

describe('ticket layout', () => {
  it('shows hall, service, number, priority, people ahead, wait, time, QR and footer in order', () => {
    assert.deepEqual(texts(), [
      'Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh',
      'Đăng ký hộ tịch',
      'A015',
      'ƯU TIÊN · Người cao tuổi',
      'Số người đang chờ trước: 7',
      'Dự kiến chờ: khoảng 21 phút',
      'Giờ lấy số: 23/11/2026 09:05',
      'QR http://127.0.0.1:7400/t/q3Xr0bYpT8mKzL2wVn5HcA',
      'Quét mã để theo dõi lượt chờ',
      'Cảm ơn quý khách. Xin vui lòng chờ đến lượt.',
    ]);
  });

  it('omits the priority mark for normal tickets and the footer when there is none', () => {
    const t = texts(ticket({ priority: 'normal', footer: null, estimatedWaitMin: null }));
    assert.ok(!t.some((line) => line.startsWith('ƯU TIÊN')));
    assert.ok(t.includes('Dự kiến chờ: chưa xác định'));
    assert.equal(t.at(-1), 'Quét mã để theo dõi lượt chờ');
  });

  it('prints the issue time as dd/mm/yyyy HH:mm in the job time zone', () => {
    // 2026-12-31 17:30 UTC is already 1 January in Hồ Chí Minh City.
    assert.equal(formatTicketTime(Date.UTC(2026, 11, 31, 17, 30), 'Asia/Ho_Chi_Minh'), '01/01/2027 00:30');
    assert.equal(formatTicketTime(Date.UTC(2026, 11, 31, 17, 30), 'UTC'), '31/12/2026 17:30');
  });

  it('rejects jobs it cannot print honestly, naming the field', () => {
    assert.throws(() => layoutTicket(ticket({ number: '' })), /number is empty/);
    assert.throws(() => layoutTicket(ticket({ peopleAhead: -1 })), /peopleAhead/);
    assert.throws(() => layoutTicket(ticket({ timeZone: 'Mars/Base' })), /timeZone/);
    assert.throws(() => layoutTicket(ticket({ qr: { text: '', opensPage: true } })), /qr\.text/);
  });

  it('is pure: the same job gives the same bytes', () => {
    const profile = printerProfile('epson-tm-t88');
    assert.deepEqual(encodeTicket(VIETNAMESE_TICKET, profile), encodeTicket(ticket(), profile));
  });
});

describe('ticket rendering per profile', () => {
  it('profiles are valid JSON data: 80 mm 576 dots, 58 mm 384 dots', () => {
    for (const profile of Object.values(PRINTER_PROFILES)) printerProfileSchema.parse(profile);
    assert.equal(printerProfile('epson-tm-t88').dotsPerLine, 576);
    assert.equal(printerProfile('xprinter-80').dotsPerLine, 576);
    assert.equal(printerProfile('generic-58').dotsPerLine, 384);
    assert.throws(() => printerProfile('nope'), /unknown printer profile 'nope'; known: /);
  });

  it('every font draws every character of a Vietnamese ticket', () => {
    for (const font of FONT_NAMES.filter((f) => f !== 'number')) {
      for (const line of texts()) assert.deepEqual(missingGlyphs(font, line), [], `${font}: ${line}`);
    }
  });

  const ops = (profileId: string, textMode: 'raster' | 'codepage' = 'raster') =>
    decodeEscPos(encodeTicket(VIETNAMESE_TICKET, printerProfile(profileId), { textMode })).map((c) => c.op);

  it('Epson 80 mm: raster text, native QR, partial cut', () => {
    const seq = ops('epson-tm-t88');
    assert.equal(seq[0], 'init');
    assert.ok(!seq.includes('text'), 'no code-page text in raster mode');
    assert.deepEqual(seq.slice(seq.indexOf('qrModel'), seq.indexOf('qrPrint') + 1), ['qrModel', 'qrModuleSize', 'qrErrorLevel', 'qrStore', 'qrPrint']);
    assert.deepEqual(seq.slice(-2), ['feedLines', 'cut']);
  });

  it('58 mm: the QR is raster too, and no cutter', () => {
    const seq = ops('generic-58');
    assert.ok(!seq.some((op) => op.startsWith('qr')));
    assert.ok(!seq.includes('cut'));
    assert.ok(seq.filter((op) => op === 'raster').length > 1, 'bands of at most maxRasterRows');
  });

  it('raster bands respect the profile limit', () => {
    for (const profile of Object.values(PRINTER_PROFILES)) {
      for (const c of renderTicket(layoutTicket(VIETNAMESE_TICKET), profile)) {
        if (c.op === 'raster') {
          assert.ok(c.height <= profile.maxRasterRows);
          assert.equal(c.width, profile.dotsPerLine);
        }
      }
    }
  });

  it('code-page text only where the profile declares a Vietnamese code page', () => {
    const seq = ops('epson-tm-t88', 'codepage');
    assert.deepEqual(seq.slice(0, 2), ['init', 'codePage']);
    assert.ok(seq.includes('text'));
    assert.throws(() => ops('xprinter-80', 'codepage'), /declares no Vietnamese code page; print Vietnamese as raster/);
  });
});
