/**
 * The self-service dossier in Debian Chromium, end to end, against a real hall server and the real
 * device hosts with simulated devices: a citizen identifies with the virtual CCCD on the card
 * reader (PACE with the CAN, passive authentication), chooses "Đăng ký khai sinh", finds the
 * declaration prefilled from the chip, declares the rest, scans two papers through SANE's test
 * backend (`scanimage -d test`, OCR, PDF), submits, and gets the receipt with the dossier code on
 * the printed slip (read back from the simulated printer's paper, QR included). The officer calls
 * the ticket and the counter shows the dossier: the applicant, the declaration and the two papers,
 * whose PDFs are the ones the kiosk scanned; the officer takes the dossier in. Before that, the
 * status lookup and the appointment check-in answer in Vietnamese. axe-core and the 60 px touch
 * targets are checked on every kiosk screen of the journey.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from '@playwright/test';
import type { CardReaderSimulator } from '../../devices/simulators/card-reader.simulator.ts';
import type { PrinterSimulator } from '../../devices/simulators/printer.simulator.ts';
import { launchChromium } from '../support/chromium.ts';
import { OFFICER_PIN, startE2eHall, type E2eHall } from '../support/e2e-hall.ts';
import { api, openDemoHall } from '../support/hall-server.ts';
import { testFetch } from '../support/test-tls.ts';
import { dueDateOf, workingCalendar } from '../../electron/core/due-date.ts';
import { pdfText } from '../support/pdf-text.ts';
import { seriousA11yViolations, smallTouchTargets } from '../support/page-checks.ts';
import { printedTickets, showsText } from '../support/printed-tickets.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';
import { logIn, openCounter } from '../support/counter-steps.ts';
import { declareBirth, identifyWithChip, openBirthDeclaration, scanPapers } from '../support/dossier-steps.ts';
import { DEFAULT_TERMINAL_DEVICES, need, startSimulatedTerminals, type SimulatedTerminals } from '../support/simulated-terminals.ts';
import { PRIVACY_NOTICE_VERSIONS } from '../../electron/common/privacy-notice.ts';

const COUNTER = 'quay-1';
const WAIT = { timeout: 10_000 };
/** A made-up citizen (valid shapes, invented values), on the simulated chip. */
const CITIZEN = {
  idNumber: '001088012345',
  fullName: 'Phạm Văn Đức',
  dateOfBirth: '12/03/1988',
  sex: 'Nam',
  placeOfResidence: 'Số 8 phố Hàng Bài, Phường Hoàn Kiếm, Thành phố Hà Nội',
} as const;
const CAN = '012345';
const DOCUMENT_SCANNER = { id: 'document-scanner', kind: 'documentScanner', uri: 'sane:test', profile: 'sane-test' } as const;

describe('self-service dossier in Chromium', () => {
  let hall: E2eHall;
  let browser: Browser;
  let terminals: SimulatedTerminals;
  let printer: PrinterSimulator;
  let card: CardReaderSimulator;
  let kiosk: Page;
  let counter: Page;
  let dossierCode = '';
  let officerName = '';

  async function open(url: string, width: number, height: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await page.goto(url);
    return page;
  }

  before(async () => {
    const staticDir = ensureRendererBuilt();
    hall = await startE2eHall(staticDir);
    terminals = await startSimulatedTerminals({
      hallUrl: hall.url,
      hallCaFingerprint: hall.caFingerprint,
      tokens: { kiosk: hall.device('kiosk'), counter: hall.device('counter', COUNTER) },
      counterId: COUNTER,
      devices: { kiosk: [...DEFAULT_TERMINAL_DEVICES.kiosk, DOCUMENT_SCANNER], counter: [...DEFAULT_TERMINAL_DEVICES.counter, DOCUMENT_SCANNER] },
    });
    printer = need(terminals.simulators.kiosk.printer, 'kiosk printer');
    card = need(terminals.simulators.kiosk.card, 'kiosk card reader');
    browser = await launchChromium();
    counter = await open(terminals.pageUrl('counter'), 1366, 768);
    // The idle timeout has its own test; a loaded machine can take over a minute between two steps.
    kiosk = await open(terminals.pageUrl('kiosk', { idleSeconds: '600' }), 1080, 1920);
  });

  after(async () => {
    await browser?.close();
    await terminals?.stop();
    await hall?.close();
  });

  it('the officer logs in and opens the counter', async () => {
    officerName = hall.officer(COUNTER);
    await logIn(counter, officerName);
    await openCounter(counter);
  });

  it('status lookup and appointment check-in: each answers a citizen in Vietnamese, and both screens are accessible', async () => {
    await kiosk.getByRole('button', { name: 'Tra cứu hồ sơ' }).click();
    await kiosk.getByRole('textbox', { name: 'Mã hồ sơ' }).fill('000.14.21.H36-261123-0001');
    await kiosk.getByRole('button', { name: 'Tra cứu' }).click();
    // This hall has no provincial credentials in the test: the lookup says so instead of failing silently.
    await kiosk
      .getByRole('alert')
      .filter({ hasText: /hệ thống một cửa của tỉnh/ })
      .waitFor(WAIT);
    assert.deepEqual(await smallTouchTargets(kiosk), []);
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
    await kiosk.getByRole('button', { name: 'Quay lại' }).click();
    await kiosk.getByRole('button', { name: 'Đã có lịch hẹn' }).click();
    await kiosk.getByRole('textbox', { name: /Mã lịch hẹn/ }).fill('HEN-KHONG-CO');
    await kiosk.getByRole('button', { name: 'Nhận số' }).click();
    await kiosk.getByRole('alert').filter({ hasText: 'Không tìm thấy lịch hẹn với mã này.' }).waitFor(WAIT);
    assert.deepEqual(await smallTouchTargets(kiosk), []);
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
    await kiosk.getByRole('button', { name: 'Quay lại' }).click();
  });

  it('identifies with the chip and finds the birth-registration declaration prefilled', async () => {
    card.insert({ citizen: CITIZEN, can: CAN });
    await identifyWithChip(kiosk, CAN, CITIZEN.fullName);
    await openBirthDeclaration(kiosk, CAN);
    const applicant = kiosk.getByRole('region', { name: 'Người yêu cầu' });
    assert.equal(await applicant.getByLabel('Họ, chữ đệm, tên người yêu cầu').inputValue(), CITIZEN.fullName);
    assert.equal(await applicant.getByLabel('Số định danh cá nhân').inputValue(), CITIZEN.idNumber);
    assert.equal(await applicant.getByLabel('Ngày, tháng, năm sinh').inputValue(), CITIZEN.dateOfBirth);
    assert.equal(await applicant.getByLabel('Xã, phường, đặc khu – Nơi cư trú').inputValue(), 'Phường Hoàn Kiếm');
    assert.ok((await applicant.getByText('Từ thẻ CCCD').count()) >= 4, 'prefilled fields are marked as coming from the card');
    assert.deepEqual(await smallTouchTargets(kiosk), []);
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
  });

  it('declares the rest: a wrong ID number is refused in Vietnamese, then the form is accepted', async () => {
    const mother = kiosk.getByRole('region', { name: 'Thông tin người mẹ' });
    await declareBirth(kiosk, { child: 'Phạm Minh An', mother: 'Lê Thị Hoa', motherIdNumber: '001192O12345', father: CITIZEN });
    await kiosk.getByRole('button', { name: 'Tiếp tục' }).click();
    await kiosk.getByText('Số định danh cá nhân phải gồm đúng 12 chữ số.').waitFor(WAIT);
    assert.equal(
      await kiosk.evaluate<string | null>("document.activeElement?.closest('section')?.querySelector('h3')?.textContent ?? null"),
      'Thông tin người mẹ',
      'the focus moves to the wrong field',
    );
    await mother.getByLabel('Số định danh cá nhân').fill('001192012345');
    await kiosk.getByRole('button', { name: 'Tiếp tục' }).click();
    await kiosk.getByTestId('paper-scan').first().waitFor(WAIT);
  });

  it('scans two papers through the SANE test backend, reviews and submits; the slip carries the receipt', async () => {
    const scanned = await scanPapers(kiosk, 2, async (paper) => {
      assert.ok((await paper.getByRole('img', { name: /Hình trang 1/ }).count()) >= 1, 'a preview of the scanned page');
      assert.deepEqual(await smallTouchTargets(kiosk), []);
      assert.deepEqual(await seriousA11yViolations(kiosk), []);
    });
    assert.equal(scanned, 2, 'the procedure offers two papers to scan');
    const review = kiosk.getByTestId('dossier-review');
    assert.match((await review.textContent()) ?? '', /Phạm Minh An/);
    assert.equal(await review.getByText(/Đã quét, 1 trang/).count(), 2);
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
    await kiosk.getByRole('button', { name: 'Nộp hồ sơ' }).click();

    const receipt = kiosk.getByTestId('dossier-receipt');
    await receipt.waitFor(WAIT);
    dossierCode = ((await kiosk.getByTestId('dossier-code').textContent()) ?? '').trim();
    assert.match(dossierCode, new RegExp(`^${hall.config.hall.agencyCode.replace(/\./g, '\\.')}-\\d{6}-\\d{4,}$`));
    await kiosk.locator('[data-testid="dossier-receipt"][data-printed="true"]').waitFor(WAIT);
    const slip = printedTickets(printer.roll).at(-1);
    assert.ok(slip, 'a slip was printed');
    assert.ok(slip.qrCodes.includes(dossierCode), `the slip's QR codes ${JSON.stringify(slip.qrCodes)} include the dossier code`);
    assert.ok(showsText(slip, 'title', 'center', 'XÁC NHẬN NỘP HỒ SƠ'), 'the receipt block is on the slip');
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
  });

  it('the counter calls the ticket and sees the dossier and its papers, byte for byte, and takes it in', async () => {
    await counter.getByRole('button', { name: /Gọi số tiếp theo/ }).click();
    const panel = counter.getByTestId('dossier-panel');
    await panel.getByText(dossierCode, { exact: true }).first().waitFor(WAIT);
    const text = (await panel.textContent()) ?? '';
    for (const expected of [CITIZEN.fullName, CITIZEN.idNumber, 'Phạm Minh An', 'Lê Thị Hoa'])
      assert.ok(text.includes(expected), `the panel shows ${expected}`);
    const views = panel.getByRole('button', { name: /^Xem / });
    assert.equal(await views.count(), 2, 'two scanned papers');
    // The consent the citizen gave at the kiosk before the dossier, as the hall kept it.
    assert.match(
      (await panel.getByTestId('dossier-consent').textContent()) ?? '',
      new RegExp(`^\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}, theo thông báo phiên bản ${PRIVACY_NOTICE_VERSIONS.dossier} \\(tiếng Việt\\)$`),
    );

    // The PDFs the counter opens are the kiosk's scans: same SHA-256 as recorded with the dossier.
    const token = hall.device('counter', COUNTER);
    const login = await api(hall.url, 'POST', '/api/v1/sessions', { token, body: { username: officerName, pin: OFFICER_PIN } });
    assert.equal(login.status, 201, JSON.stringify(login.json));
    const officer = { token, session: login.json.sessionToken as string };
    const found = await api(hall.url, 'GET', `/api/v1/dossiers?code=${encodeURIComponent(dossierCode)}`, officer);
    assert.equal(found.status, 200, JSON.stringify(found.json));
    for (const p of found.json.dossier.papers as { id: string; sha256: string; pages: number }[]) {
      const res = await testFetch(`${hall.url}/api/v1/dossiers/${found.json.dossier.id}/papers/${p.id}/pdf`, {
        headers: { authorization: `Bearer ${officer.token}`, 'x-staff-session': officer.session },
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.equal(createHash('sha256').update(bytes).digest('hex'), p.sha256);
    }

    const [popup] = await Promise.all([counter.waitForEvent('popup', WAIT), views.first().click()]);
    await popup.waitForURL(/^blob:/, WAIT);
    await popup.close();

    await counter.getByRole('button', { name: /Đã tiếp nhận hồ sơ/ }).click();
    await panel.getByText(/Đã tiếp nhận lúc/).waitFor(WAIT);
    assert.deepEqual(await seriousA11yViolations(counter), []);

    // The official receipt (Mẫu 01) the counter printed: the PDF behind its link, read by pdftotext,
    // carries the due date of the hall's calendar for a birth registration received now.
    // The link is the blob the counter downloaded from the receipt route; the page's CSP (connect-src
    // without blob:) rightly stops page script from reading it back, so the test reads the same route.
    const link = panel.getByTestId('receipt-link');
    await link.waitFor(WAIT);
    assert.match((await link.getAttribute('href')) ?? '', /^blob:/);
    const receipt = await testFetch(`${hall.url}/api/v1/dossiers/${found.json.dossier.id}/receipt`, {
      headers: { authorization: `Bearer ${officer.token}`, 'x-staff-session': officer.session },
    });
    assert.equal(receipt.status, 200);
    const pdf = Buffer.from(await receipt.arrayBuffer());
    const receivedAt = (await api(hall.url, 'GET', `/api/v1/dossiers?code=${encodeURIComponent(dossierCode)}`, officer)).json.dossier.receivedAt as number;
    const config = openDemoHall();
    const processing = config.procedures.find((p) => p.id === 'dang-ky-khai-sinh')?.processing;
    assert.ok(processing && config.calendar);
    const due = dueDateOf(workingCalendar(config.calendar), processing, receivedAt, config.schedule.timeZone).dueDate;
    const dueVi = due.split('-').reverse().join('/');
    assert.equal((await panel.getByTestId('due-date').textContent())?.trim(), `Hẹn trả kết quả: ngày ${dueVi}`);
    const receiptText = pdfText(pdf);
    for (const expected of [
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      `Mã hồ sơ: ${dossierCode}`,
      CITIZEN.fullName,
      `Thời gian trả kết quả giải quyết hồ sơ: ngày ${dueVi}`,
    ]) {
      assert.ok(receiptText.includes(expected), `the receipt PDF shows "${expected}":\n${receiptText}`);
    }
  });
});
