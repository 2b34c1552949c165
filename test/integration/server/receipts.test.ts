/**
 * The counter's reception outcomes over HTTP against the real hall server, with the printed forms
 * read back by pdftotext and pdfinfo (poppler): a birth registration received on the Friday before
 * Tết 2026 after 15:00 is due on Monday 23/02/2026 (Mẫu 01, A5); a supplement request (Mẫu 02)
 * then a reception numbers each form in its own register; a refusal (Mẫu 03) is final. The
 * dossier's state follows each decision and each decision is one event in the chain.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyEventChain } from '../../../electron/store/event-log.ts';
import { api, startTestHall, tempDir, type ApiResponse, type TestHall } from '../../support/hall-server.ts';
import { PAPER_HEADERS } from '../../../electron/common/dossier-wire.ts';
import { birthDossierRequest, CARD } from '../../support/dossier-fixture.ts';
import { pdfkitPdf, sha256 } from '../../support/pdf-fixture.ts';

/** Friday 13/02/2026, 16:10 in Hanoi: after 15:00, the last working day before Tết Bính Ngọ. */
const FRIDAY_BEFORE_TET = Date.parse('2026-02-13T09:10:00Z');

describe('official receipts: Mẫu 01, 02, 03 as A5 PDFs', () => {
  let now = FRIDAY_BEFORE_TET;
  let hall: TestHall;
  let kiosk: string;
  let officer: { token: string; session: string };
  const tmp = tempDir('receipts-');
  let applicants = 0;

  const asOfficer = (method: string, path: string, body?: unknown): Promise<ApiResponse> =>
    api(hall.url, method, path, { token: officer.token, session: officer.session, body });

  /** A submitted birth registration of a fresh applicant; returns its id and code. */
  const submitted = async (): Promise<{ id: string; code: string }> => {
    const idNumber = `00109001${String(9000 + ++applicants)}`;
    const created = await api(hall.url, 'POST', '/api/v1/dossiers', { token: kiosk, body: birthDossierRequest({ childDateOfBirth: '01/02/2026' }, idNumber) });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const id = created.json.dossier.id as string;
    const gcs = await pdfkitPdf(2, 'Giay chung sinh');
    const up = await fetch(`${hall.url}/api/v1/dossiers/${id}/papers/GCS`, {
      method: 'PUT',
      body: gcs,
      headers: {
        authorization: `Bearer ${kiosk}`,
        'content-type': 'application/pdf',
        [PAPER_HEADERS.sha256]: sha256(gcs),
        [PAPER_HEADERS.pages]: '2',
        [PAPER_HEADERS.dpi]: '300',
      },
    });
    assert.equal(up.status, 201);
    const sub = await api(hall.url, 'POST', `/api/v1/dossiers/${id}/submit`, { token: kiosk, body: {} });
    assert.equal(sub.status, 200, JSON.stringify(sub.json));
    return { id, code: sub.json.dossier.code as string };
  };

  /** The receipt PDF as pdftotext reads it, and its pdfinfo page size. */
  const receipt = async (id: string): Promise<{ text: string; pageSize: string; pages: number }> => {
    const res = await fetch(`${hall.url}/api/v1/dossiers/${id}/receipt`, {
      headers: { authorization: `Bearer ${officer.token}`, 'x-staff-session': officer.session },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const file = join(tmp.dir, `${id}.pdf`);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize('NFC');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return { text, pageSize: /Page size:\s+(.+)/.exec(info)?.[1] ?? '', pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]) };
  };

  before(async () => {
    hall = await startTestHall({ clock: () => now });
    kiosk = hall.device('kiosk');
    officer = await hall.officerAt('quay-1');
  });
  after(async () => {
    await hall.close();
    tmp.cleanup();
  });

  test('received after 15:00 on the Friday before Tết: Mẫu 01 on A5, due Monday 23/02/2026', async () => {
    const { id, code } = await submitted();
    const res = await asOfficer('POST', `/api/v1/dossiers/${id}/receive`, {});
    assert.equal(res.status, 200, JSON.stringify(res.json));
    const d = res.json.dossier;
    assert.equal(d.state, 'received');
    assert.deepEqual([d.outcome.form, d.outcome.receiptNo, d.outcome.dueDate, d.outcome.period], ['01', '0001/2026', '2026-02-23', 'trong ngày làm việc']);

    const pdf = await receipt(id);
    assert.match(pdf.pageSize, /^419\.53 x 595\.28 pts/, 'A5: 148 × 210 mm');
    assert.equal(pdf.pages, 1, 'one A5 page');
    for (const expected of [
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Mẫu số 01 – Thông tư số 01/2018/TT-VPCP',
      `Mã hồ sơ: ${code}`,
      'Số: 0001/2026/TNHS',
      CARD.fullName,
      'Số định danh cá nhân: 001090019001',
      'Thủ tục đăng ký khai sinh',
      'Tờ khai đăng ký khai sinh (theo mẫu) 01 bản chính (tờ khai điện tử)',
      '01 bản chính (2 trang)',
      '16 giờ 10 phút, ngày 13/02/2026',
      'Hòa Bình, ngày 13 tháng 02 năm 2026',
      'Thời gian trả kết quả giải quyết hồ sơ: ngày 23/02/2026',
      'Trung tâm Phục vụ hành chính công phường Hòa Bình',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Cán bộ kiểm thử',
    ]) {
      assert.ok(pdf.text.replace(/\s+/g, ' ').includes(expected), `the receipt shows "${expected}":\n${pdf.text}`);
    }
    assert.equal((await asOfficer('POST', `/api/v1/dossiers/${id}/receive`, {})).json.dossier.outcome.receiptNo, '0001/2026', 'receiving again answers as is');
  });

  test('a supplement request prints Mẫu 02 with the items; the later reception is Mẫu 01 number 2', async () => {
    const { id } = await submitted();
    assert.equal((await api(hall.url, 'GET', '/api/v1/dossiers/' + id, { token: officer.token, session: officer.session })).json.dossier.outcome, null);
    const noItems = await asOfficer('POST', `/api/v1/dossiers/${id}/request-supplement`, { items: [] });
    assert.deepEqual([noItems.status, noItems.json.error.code], [400, 'VALIDATION_FAILED']);
    const res = await asOfficer('POST', `/api/v1/dossiers/${id}/request-supplement`, {
      items: ['Bản chính Giấy chứng sinh (bản đã nộp bị mờ, không đọc được)'],
      reason: 'Giấy tờ không rõ nét',
    });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.deepEqual([res.json.dossier.state, res.json.dossier.outcome.form, res.json.dossier.outcome.receiptNo], ['supplement_requested', '02', '0001/2026']);
    const m02 = (await receipt(id)).text.replace(/\s+/g, ' ');
    for (const expected of [
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      'Mẫu số 02',
      'Số: 0001/2026/BSHS',
      '1. Bản chính Giấy chứng sinh (bản đã nộp bị mờ, không đọc được)',
      'Lý do: Giấy tờ không rõ nét',
      'NGƯỜI HƯỚNG DẪN',
    ]) {
      assert.ok(m02.includes(expected), `Mẫu 02 shows "${expected}":\n${m02}`);
    }

    now += 60 * 60_000; // Monday would be the holiday; the papers come back within the hour
    const received = await asOfficer('POST', `/api/v1/dossiers/${id}/receive`, {});
    assert.deepEqual(
      [received.json.dossier.state, received.json.dossier.outcome.form, received.json.dossier.outcome.receiptNo],
      ['received', '01', '0002/2026'],
    );
    assert.ok((await receipt(id)).text.includes('Số: 0002/2026/TNHS'));
    const again = await asOfficer('POST', `/api/v1/dossiers/${id}/request-supplement`, { items: ['x'] });
    assert.deepEqual([again.status, again.json.error.code], [409, 'DOSSIER_DECIDED']);
  });

  test('a refusal prints Mẫu 03 with the reason and is final', async () => {
    const { id } = await submitted();
    const blank = await asOfficer('POST', `/api/v1/dossiers/${id}/refuse`, { reason: '   ' });
    assert.deepEqual([blank.status, blank.json.error.code], [400, 'VALIDATION_FAILED']);
    const res = await asOfficer('POST', `/api/v1/dossiers/${id}/refuse`, { reason: 'Thủ tục không thuộc thẩm quyền giải quyết của cấp xã' });
    assert.deepEqual([res.status, res.json.dossier.state, res.json.dossier.outcome.form], [200, 'refused', '03']);
    const m03 = (await receipt(id)).text.replace(/\s+/g, ' ');
    for (const expected of [
      'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
      'Mẫu số 03',
      'Số: 0001/2026/TCHS',
      'Thủ tục không thuộc thẩm quyền giải quyết của cấp xã',
    ]) {
      assert.ok(m03.includes(expected), `Mẫu 03 shows "${expected}":\n${m03}`);
    }
    const receive = await asOfficer('POST', `/api/v1/dossiers/${id}/receive`, {});
    assert.deepEqual([receive.status, receive.json.error.code], [409, 'DOSSIER_DECIDED']);
  });

  test('each decision is one event in the chain, without personal data; kiosks may not decide', async () => {
    const types = hall.server.db
      .prepare(
        "SELECT type FROM events WHERE type LIKE 'dossier.%' AND type NOT IN ('dossier.submitted', 'dossier.viewed', 'dossier.paper_downloaded') ORDER BY seq",
      )
      .pluck()
      .all();
    assert.deepEqual(types, ['dossier.received', 'dossier.supplement_requested', 'dossier.received', 'dossier.refused']);
    assert.equal(verifyEventChain(hall.server.db).firstBroken, null);
    const events = JSON.stringify(hall.server.db.prepare('SELECT data FROM events').pluck().all());
    assert.equal(events.includes(CARD.fullName), false);
    const { id } = await submitted();
    const byKiosk = await api(hall.url, 'POST', `/api/v1/dossiers/${id}/refuse`, { token: kiosk, body: { reason: 'x' } });
    assert.equal(byKiosk.status, 403);
    const noReceipt = await asOfficer('GET', `/api/v1/dossiers/${id}/receipt`);
    assert.deepEqual([noReceipt.status, noReceipt.json.error.code], [404, 'NO_RECEIPT']);
  });
});
