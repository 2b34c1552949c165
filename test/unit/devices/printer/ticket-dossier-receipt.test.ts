/** The receipt (biên nhận hồ sơ) of a kiosk-submitted dossier on the ticket slip: layout, bytes, and the paper read back. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { decodeEscPos } from '../../../../devices/printer/escpos/decode.ts';
import { missingGlyphs } from '../../../../devices/printer/fonts/bitmap-font.ts';
import { PRINTER_PROFILES, printerProfile } from '../../../../devices/printer/printer-profile.ts';
import { layoutTicket } from '../../../../devices/printer/ticket-layout.ts';
import { encodeTicket } from '../../../../devices/printer/ticket-job.ts';
import { PrinterSimulator } from '../../../../devices/simulators/printer.simulator.ts';
import { printedTickets, showsText } from '../../../support/printed-tickets.ts';
import { VIETNAMESE_TICKET, ticket } from '../../../support/ticket-jobs.ts';

/** Submitted 02:40 UTC = 09:40 in Asia/Ho_Chi_Minh, the morning of the ticket. */
const DOSSIER = { code: '000.14.21.H36-261123-0007', procedure: 'Đăng ký khai sinh', papers: 3, submittedAt: Date.UTC(2026, 10, 23, 2, 40) };
const WITH_RECEIPT = ticket({ dossier: DOSSIER });

const texts = (job = WITH_RECEIPT) => layoutTicket(job).flatMap((b) => (b.kind === 'text' ? [b.text] : b.kind === 'qr' ? [`QR ${b.data}`] : []));

describe('dossier receipt on the ticket slip', () => {
  it('follows the ticket: title, code, procedure, papers, date dd/mm/yyyy HH:mm, QR of the code, then the footer', () => {
    assert.deepEqual(texts().slice(7), [
      'QR http://127.0.0.1:7400/t/q3Xr0bYpT8mKzL2wVn5HcA',
      'Quét mã để theo dõi lượt chờ',
      'XÁC NHẬN NỘP HỒ SƠ',
      'Mã hồ sơ: 000.14.21.H36-261123-0007',
      'Thủ tục: Đăng ký khai sinh',
      'Số giấy tờ đã nộp: 3',
      'Ngày nộp: 23/11/2026 09:40',
      'QR 000.14.21.H36-261123-0007',
      'Đưa mã này cho cán bộ tại quầy',
      'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
      'được cấp tại quầy sau khi kiểm tra hồ sơ',
      'Cảm ơn quý khách. Xin vui lòng chờ đến lượt.',
    ]);
    for (const line of texts()) assert.deepEqual(missingGlyphs('body', line), [], line);
    assert.deepEqual(missingGlyphs('title', 'XÁC NHẬN NỘP HỒ SƠ'), []);
  });

  it('a ticket without a receipt prints byte for byte as before the receipt existed', () => {
    // Pinned again when the slip's wording addressed the citizen as the hall's other texts do
    // ("Số người đang chờ trước", "Quét mã để theo dõi lượt chờ"); nothing else of the layout changed.
    const before: Record<string, string> = {
      'epson-tm-t88': '2dff32ce05eb261a148b60b4954a8506c74155b27019e9f867207f82783cfd0f',
      'xprinter-80': '0d6cd5c4dd9ed0f1546a2946e9929946de0eef1763a1f5dd8d0bf77cb72fd888',
      'generic-58': '59341a796ef167edd978933f4938e85c3c01f94d16e51279881574fddbddd029',
    };
    // The ticket of those days, whose QR carried the old status URL: a page link prints as it did.
    const then = { ...VIETNAMESE_TICKET, qr: { text: 'http://127.0.0.1:7400/ve/A015-2026-11-23', opensPage: true } };
    for (const id of Object.keys(PRINTER_PROFILES)) {
      assert.equal(
        createHash('sha256')
          .update(encodeTicket(then, printerProfile(id)))
          .digest('hex'),
        before[id],
        id,
      );
    }
    assert.ok(!texts(VIETNAMESE_TICKET).includes('XÁC NHẬN NỘP HỒ SƠ'));
  });

  it('Epson: two native QR codes, the status URL then the dossier code, one cut', () => {
    const commands = decodeEscPos(encodeTicket(WITH_RECEIPT, printerProfile('epson-tm-t88')));
    const stored = commands.flatMap((c) => (c.op === 'qrStore' ? [new TextDecoder().decode(c.data)] : []));
    assert.deepEqual(stored, [WITH_RECEIPT.qr.text, DOSSIER.code]);
    assert.equal(commands.filter((c) => c.op === 'cut').length, 1);
  });

  for (const profileId of ['epson-tm-t88', 'generic-58']) {
    it(`${profileId}: the paper shows the receipt and both QR codes scan back`, () => {
      const simulator = new PrinterSimulator(printerProfile(profileId));
      simulator.receive(encodeTicket(WITH_RECEIPT, simulator.profile));
      const [printed, ...more] = printedTickets(simulator.roll);
      assert.ok(printed);
      assert.equal(more.length, 0);
      assert.deepEqual(printed.qrCodes, [WITH_RECEIPT.qr.text, DOSSIER.code]);
      assert.ok(showsText(printed, 'number', 'center', 'A015'));
      assert.ok(showsText(printed, 'title', 'center', 'XÁC NHẬN NỘP HỒ SƠ'));
      assert.ok(showsText(printed, 'body', 'left', 'Mã hồ sơ: 000.14.21.H36-261123-0007'));
      assert.ok(showsText(printed, 'body', 'left', 'Ngày nộp: 23/11/2026 09:40'));
      assert.ok(!showsText(printed, 'body', 'left', 'Ngày nộp: 23/11/2026 02:40'), 'the date is in the hall time zone');
      assert.ok(!showsText(printed, 'number', 'center', 'A016'));
    });
  }

  it('rejects a receipt it cannot print honestly, naming the field', () => {
    assert.throws(() => layoutTicket(ticket({ dossier: { ...DOSSIER, code: 'HS-0007' } })), /dossier\.code 'HS-0007' is not <agency code>-YYMMDD-NNNN/);
    assert.throws(() => layoutTicket(ticket({ dossier: { ...DOSSIER, code: '000.14.21.H36-261323-0007' } })), /dossier\.code/);
    assert.throws(() => layoutTicket(ticket({ dossier: { ...DOSSIER, procedure: ' ' } })), /dossier\.procedure is empty/);
    assert.throws(() => layoutTicket(ticket({ dossier: { ...DOSSIER, papers: 1.5 } })), /dossier\.papers/);
    assert.throws(() => layoutTicket(ticket({ dossier: { ...DOSSIER, submittedAt: Number.NaN } })), /dossier\.submittedAt/);
  });
});
