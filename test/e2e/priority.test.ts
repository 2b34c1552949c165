/**
 * Priority the hall can trust, in Debian Chromium against the real hall server and the kiosk's and
 * counter's real device hosts (simulated printer, card reader and keypad behind the real drivers):
 * - a declared priority: the citizen says "Phụ nữ mang thai" at the kiosk; the printed ticket marks
 *   it as declared; the counter shows it as declared; the officer finds it does not hold and clears
 *   it; the dashboard counts the day's declared and cleared priorities;
 * - a verified one: an elder's CCCD chip read at the kiosk; the hall server verifies the chip with
 *   the CSCA it trusts, the ticket is elderly without being declared, and the counter says so.
 */
import assert from 'node:assert/strict';
import type { X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from '@playwright/test';
import type { CardReaderSimulator } from '../../devices/simulators/card-reader.simulator.ts';
import type { PrinterSimulator } from '../../devices/simulators/printer.simulator.ts';
import { launchChromium } from '../support/chromium.ts';
import { logIn, openCounter } from '../support/counter-steps.ts';
import { startE2eHall, type E2eHall } from '../support/e2e-hall.ts';
import { openDemoHall } from '../support/hall-server.ts';
import { kioskHome, kioskToPriorityStep, quickTicket } from '../support/kiosk-steps.ts';
import { seriousA11yViolations } from '../support/page-checks.ts';
import { printedTickets, showsText } from '../support/printed-tickets.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';
import { need, startSimulatedTerminals, type SimulatedTerminals } from '../support/simulated-terminals.ts';

const COUNTER = 'quay-1';
const WAIT = { timeout: 15_000 };
const DECLARED_NOTE = 'Ưu tiên tự khai: cán bộ xác nhận tại quầy';

describe('priority the hall can trust, in the browser', () => {
  let hall: E2eHall;
  let browser: Browser;
  let terminals: SimulatedTerminals;
  let printer: PrinterSimulator;
  let card: CardReaderSimulator;
  let kiosk: Page;
  let counter: Page;
  let dashboard: Page;
  let trusted: readonly X509Certificate[] = [];

  async function open(url: string, width: number, height: number, init?: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width, height } })).newPage();
    if (init) await page.addInitScript(init);
    await page.goto(url);
    return page;
  }
  const lastTicket = () => printedTickets(printer.roll).at(-1)!;

  before(async () => {
    const config = openDemoHall();
    hall = await startE2eHall(ensureRendererBuilt(), config, { server: () => ({ cardTrustStore: trusted }) });
    terminals = await startSimulatedTerminals({
      hallUrl: hall.url,
      hallCaFingerprint: hall.caFingerprint,
      tokens: { kiosk: hall.device('kiosk'), counter: hall.device('counter', COUNTER) },
      counterId: COUNTER,
    });
    printer = need(terminals.simulators.kiosk.printer, 'kiosk printer');
    card = need(terminals.simulators.kiosk.card, 'kiosk card reader');
    // The hall trusts the CSCA of the cards' issuer, as `hall serve --csca DIR` makes it: restarted with it.
    trusted = [card.issuer.csca];
    await hall.stop();
    await hall.start();
    browser = await launchChromium();
    kiosk = await open(terminals.pageUrl('kiosk', { idleSeconds: '600' }), 1080, 1920);
    counter = await open(terminals.pageUrl('counter'), 1366, 768);
    const dashboardToken = hall.device('dashboard');
    dashboard = await open(
      `${hall.url}/dashboard/`,
      1920,
      1080,
      `localStorage.setItem('hall.device.dashboard', ${JSON.stringify(JSON.stringify({ token: dashboardToken, counterId: null, role: 'dashboard' }))})`,
    );
    await logIn(counter, hall.officer(COUNTER));
    await openCounter(counter);
  });

  after(async () => {
    await browser?.close();
    await terminals?.stop();
    await hall?.close();
  });

  it('a declared priority is marked as declared on the ticket and at the counter, and the officer clears it', async () => {
    await kioskHome(kiosk).waitFor(WAIT);
    await kioskToPriorityStep(kiosk, { field: 'Hộ tịch' });
    await kiosk.getByText('Cán bộ tại quầy sẽ kiểm tra giấy tờ để xác nhận đối tượng ưu tiên.').waitFor(WAIT);
    await kiosk.getByRole('button', { name: 'Phụ nữ mang thai' }).click();
    await kiosk.getByTestId('take-number').click();
    await kiosk.getByTestId('printed').waitFor(WAIT);
    const number = (await kiosk.getByTestId('ticket-number').textContent())?.trim() ?? '';
    assert.ok(showsText(lastTicket(), 'title', 'center', 'ƯU TIÊN · Phụ nữ mang thai'));
    assert.ok(showsText(lastTicket(), 'small', 'center', DECLARED_NOTE), 'the paper says the priority is declared');
    await kiosk.getByRole('button', { name: 'Hoàn tất' }).click();

    await counter.getByRole('button', { name: /Gọi số tiếp theo/ }).click();
    await counter.getByTestId('current-number').filter({ hasText: number }).waitFor(WAIT);
    const review = counter.getByTestId('priority-review');
    await review.filter({ hasText: 'Ưu tiên tự khai: Phụ nữ mang thai.' }).waitFor(WAIT);
    assert.deepEqual(await seriousA11yViolations(counter), []);
    await review.getByRole('button', { name: 'Không đúng đối tượng ưu tiên' }).click();
    await counter.locator('[data-testid="priority-basis"][data-basis="cleared"]').waitFor(WAIT);
    await review.waitFor({ state: 'detached', ...WAIT });
    const reviewed = hall.server().db.prepare("SELECT data FROM events WHERE type = 'ticket.priority_reviewed'").all() as { data: string }[];
    assert.deepEqual(
      reviewed.map((r) => (JSON.parse(r.data) as { number: string; decision: string }).decision),
      ['cleared'],
    );
    await counter.getByRole('button', { name: /Bắt đầu tiếp nhận/ }).click();
    await counter.getByRole('button', { name: /^Kết thúc/ }).click();
    await counter.getByText('Chưa gọi số nào').waitFor(WAIT);
  });

  it('the dashboard shows the day’s declared priorities and the cleared one', async () => {
    // The card reads the report when it opens (then every 30 s): opened now, after the review.
    await dashboard.reload();
    const day = dashboard.getByTestId('priority-day').first();
    await day.getByTestId('priority-cleared').filter({ hasText: /^1$/ }).waitFor(WAIT);
    assert.match((await day.getByTestId('priority-declared').textContent()) ?? '', /^1 \(100 ?%\)$/);
    assert.deepEqual(await seriousA11yViolations(dashboard), []);
  });

  it('an elder’s chip verified by the hall: an elderly ticket that is not declared, and the counter says it was verified', async () => {
    card.insert({ citizen: { idNumber: '001048012345', fullName: 'Phạm Thị Dung', dateOfBirth: '02/03/1948', sex: 'Nữ' }, can: '654321' });
    await kioskHome(kiosk).waitFor(WAIT);
    await kiosk.getByRole('button', { name: 'Đặt thẻ CCCD lên đầu đọc' }).click();
    await kiosk.getByRole('button', { name: 'Tôi đồng ý' }).click();
    for (const digit of '654321') await kiosk.getByRole('group', { name: '0-9' }).getByRole('button', { name: digit, exact: true }).click();
    await kiosk.getByRole('button', { name: 'Xác nhận' }).click();
    await kiosk.getByTestId('identified').filter({ hasText: 'Phạm Thị Dung' }).waitFor(WAIT);
    await quickTicket(kiosk, 'Hộ tịch');
    await kiosk.getByTestId('printed').waitFor(WAIT);
    const number = (await kiosk.getByTestId('ticket-number').textContent())?.trim() ?? '';
    assert.ok(showsText(lastTicket(), 'title', 'center', 'ƯU TIÊN · Người cao tuổi'));
    assert.ok(!showsText(lastTicket(), 'small', 'center', DECLARED_NOTE), 'a verified priority is not marked as declared');
    await kiosk.getByRole('button', { name: 'Hoàn tất' }).click();
    card.remove();

    await counter.getByRole('button', { name: /Gọi số tiếp theo/ }).click();
    await counter.getByTestId('current-number').filter({ hasText: number }).waitFor(WAIT);
    await counter.locator('[data-testid="priority-basis"][data-basis="verified"]').waitFor(WAIT);
    assert.equal(await counter.getByTestId('priority-review').count(), 0, 'nothing for the officer to confirm');
  });

  it('the officer holds the ticket, sends it to the end of the queue, calls it again, holds it and cancels it with a second tap', async () => {
    const number = ((await counter.getByTestId('current-number').textContent()) ?? '').trim();
    const held = counter.getByTestId('held-ticket').filter({ hasText: number });
    await counter.getByRole('button', { name: /Giữ số/ }).click();
    await held.waitFor(WAIT);
    await held.getByRole('button', { name: 'Trả về cuối hàng chờ' }).click();
    await held.waitFor({ state: 'detached', ...WAIT });
    const waiting = counter
      .locator('li')
      .filter({ hasText: number })
      .filter({ has: counter.getByRole('button', { name: 'Gọi số', exact: true }) });
    await waiting.getByRole('button', { name: 'Gọi số', exact: true }).click();
    await counter.getByTestId('current-number').filter({ hasText: number }).waitFor(WAIT);
    await counter.getByRole('button', { name: /Giữ số/ }).click();
    await held.getByRole('button', { name: 'Hủy số' }).click();
    // One tap only asks; nothing is cancelled yet.
    await held.getByRole('button', { name: `Xác nhận hủy số ${number}` }).waitFor(WAIT);
    const cancelled = () => (hall.server().db.prepare("SELECT COUNT(*) FROM events WHERE type = 'ticket.cancelled'").pluck().get() as number) ?? 0;
    assert.equal(cancelled(), 0);
    await held.getByRole('button', { name: `Xác nhận hủy số ${number}` }).click();
    await held.waitFor({ state: 'detached', ...WAIT });
    assert.equal(cancelled(), 1, 'the ticket is cancelled, logged with the officer');
    assert.deepEqual(await seriousA11yViolations(counter), []);
  });
});
