/**
 * A ticket transferred to another counter, in Debian Chromium against a real hall server (the demo
 * hall, temp SQLite, port 0) serving the built counter app; two counter screens in plain browser
 * pages (their device tokens in localStorage, no device host: nothing here needs a device).
 *
 * Hộ tịch (A) is served at counters 1, 5 and 6; Chứng thực (B) at 2 and 6. A001, A002 then B001
 * arrive in that order. The officer at counter 1 calls A001 and, from the keyboard, transfers it to
 * counter 2 (closed then). The rule (core/queue-engine.ts transferTicket, call-policy.ts): the
 * ticket keeps its queue and its arrival time, and only counter 2 may call it. So counter 5, which
 * serves Hộ tịch, can neither call A001 by number nor get it from "call next" (it gets the younger
 * A002); counter 2, once open, lists A001 as transferred to it and its "call next" takes A001
 * before B001, which it does serve but which arrived later, as it would not if the transfer had
 * sent A001 to the back. A refusal of the hall shows in Vietnamese; sending the ticket to its own
 * queue lifts the reservation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from '@playwright/test';
import { launchChromium } from '../support/chromium.ts';
import { logIn, openCounter } from '../support/counter-steps.ts';
import { OFFICER_PIN, startE2eHall, type E2eHall } from '../support/e2e-hall.ts';
import { api } from '../support/hall-server.ts';
import { seriousA11yViolations } from '../support/page-checks.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';

const WAIT = { timeout: 15_000 };

interface QueuedTicket {
  readonly id: string;
  readonly number: string;
  readonly serviceId: string;
  readonly status: string;
  readonly issuedAt: number;
  readonly queuedAt: number;
  readonly targetCounterId: string | null;
  readonly counterId: string | null;
}

describe('a ticket transferred to another counter, in the browser', () => {
  let hall: E2eHall;
  let browser: Browser;
  let counter1: Page;
  let counter2: Page;
  let kioskToken: string;
  /** Counter 5 (serves Hộ tịch), driven through the API by its officer. */
  let counter5: { token: string; session: string };
  const issued = new Map<string, { id: string; issuedAt: number }>();

  /** A counter screen in a page of its own, paired as a plain browser would be (token in localStorage). */
  async function counterPage(counterId: string): Promise<Page> {
    const token = hall.device('counter', counterId);
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await page.addInitScript(`localStorage.setItem('hall.device.counter', ${JSON.stringify(JSON.stringify({ token, counterId, role: 'counter' }))})`);
    await page.goto(`${hall.url}/counter/`);
    await logIn(page, hall.officer(counterId));
    return page;
  }

  async function issue(serviceId: string): Promise<string> {
    const r = await api(hall.url, 'POST', '/api/v1/tickets', { token: kioskToken, body: { serviceId } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    const number = r.json.ticket.number as string;
    issued.set(number, { id: r.json.ticket.id as string, issuedAt: r.json.ticket.issuedAt as number });
    // Distinct arrival times, so that the order of arrival is not a tie.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return number;
  }

  async function snapshot(): Promise<{ queue: QueuedTicket[]; counters: Array<{ id: string; current: QueuedTicket | null }> }> {
    const r = await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token: kioskToken });
    assert.equal(r.status, 200);
    return r.json;
  }

  async function waitingTicket(number: string): Promise<QueuedTicket> {
    const t = (await snapshot()).queue.find((x) => x.number === number);
    assert.ok(t, `${number} is in the hall's queue`);
    return t;
  }

  before(async () => {
    hall = await startE2eHall(ensureRendererBuilt());
    kioskToken = hall.device('kiosk');
    const token = hall.device('counter', 'quay-5');
    const login = await api(hall.url, 'POST', '/api/v1/sessions', { token, body: { username: hall.officer('quay-5'), pin: OFFICER_PIN } });
    assert.equal(login.status, 201, JSON.stringify(login.json));
    counter5 = { token, session: login.json.sessionToken };
    assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-5/open', { ...counter5, body: {} })).status, 200);
    assert.deepEqual([await issue('ho-tich'), await issue('ho-tich'), await issue('chung-thuc')], ['A001', 'A002', 'B001']);
    browser = await launchChromium();
    counter1 = await counterPage('quay-1');
    await openCounter(counter1);
  });

  after(async () => {
    await browser?.close();
    await hall?.close();
  });

  it('counter 1 calls A001 and transfers it to counter 2 from the keyboard; the screen says so', async () => {
    await counter1.getByRole('button', { name: /Gọi số tiếp theo/ }).click();
    await counter1.getByTestId('current-number').filter({ hasText: 'A001' }).waitFor(WAIT);

    // C puts the focus on the destination: queues and counters, never this counter.
    await counter1.keyboard.press('c');
    const select = counter1.getByLabel('Chuyển số sang (C)');
    assert.equal(await counter1.evaluate<string | undefined>('document.activeElement?.id'), 'transfer');
    assert.deepEqual(await counter1.evaluate<string[]>("[...document.querySelectorAll('#transfer optgroup')].map((g) => g.label)"), ['Hàng đợi', 'Quầy']);
    const counterChoices = await select.locator('optgroup[label="Quầy"] option').allTextContents();
    assert.deepEqual(counterChoices, [
      'Quầy số 2 – Chứng thực (đang đóng)',
      'Quầy số 3 – Đất đai, Xây dựng (đang đóng)',
      'Quầy số 4 – Đăng ký kinh doanh (đang đóng)',
      'Quầy số 5 – Lao động - Thương binh và Xã hội',
      'Quầy số 6 – Quầy ưu tiên (đang đóng)',
    ]);
    const queueChoices = await select.locator('optgroup[label="Hàng đợi"] option').allTextContents();
    assert.ok(!queueChoices.includes('A · Hộ tịch'), 'the ticket’s own queue is not offered');
    assert.ok(queueChoices.includes('B · Chứng thực'));
    assert.equal(await counter1.getByRole('button', { name: 'Chuyển', exact: true }).isDisabled(), true, 'nothing chosen yet');

    await select.selectOption({ label: 'Quầy số 2 – Chứng thực (đang đóng)' });
    await counter1.keyboard.press('Tab');
    assert.equal(await counter1.evaluate<string | undefined>('document.activeElement?.textContent'), 'Chuyển');
    await counter1.keyboard.press('Enter');

    await counter1.getByText('Chưa gọi số nào').waitFor(WAIT);
    await counter1.getByRole('status').filter({ hasText: 'Đã chuyển số A001 sang Quầy số 2 – Chứng thực; chỉ quầy đó được gọi số này.' }).waitFor(WAIT);
    assert.deepEqual(await seriousA11yViolations(counter1), []);

    const a001 = await waitingTicket('A001');
    assert.equal(a001.status, 'waiting');
    assert.equal(a001.serviceId, 'ho-tich', 'a transfer to a counter keeps the queue');
    assert.equal(a001.targetCounterId, 'quay-2');
    assert.equal(a001.issuedAt, issued.get('A001')?.issuedAt, 'the issue time is kept');
    assert.equal(a001.queuedAt, a001.issuedAt, 'the place in the queue is its arrival, not the transfer');
    const logged = hall.server().db.prepare("SELECT counter_id AS counterId, data FROM events WHERE type = 'ticket.transferred'").all() as Array<{
      counterId: string;
      data: string;
    }>;
    assert.deepEqual(
      logged.map((e) => {
        const { number, fromServiceId, toServiceId, toCounterId } = JSON.parse(e.data);
        return { counterId: e.counterId, number, fromServiceId, toServiceId, toCounterId };
      }),
      [{ counterId: 'quay-1', number: 'A001', fromServiceId: 'ho-tich', toServiceId: 'ho-tich', toCounterId: 'quay-2' }],
    );
    assert.equal(await counter1.getByRole('listitem').filter({ hasText: 'A001' }).count(), 0, 'no longer in counter 1’s queue');
  });

  it('counter 5, serving the same queue, cannot call A001: not by number, and "call next" takes the younger A002', async () => {
    const byNumber = await api(hall.url, 'POST', '/api/v1/counters/quay-5/call', { ...counter5, body: { number: 'A001' } });
    assert.equal(byNumber.status, 409, JSON.stringify(byNumber.json));
    assert.equal(byNumber.json.error.code, 'SERVICE_NOT_AT_COUNTER');
    const next = await api(hall.url, 'POST', '/api/v1/counters/quay-5/call-next', { ...counter5, body: {} });
    assert.equal(next.status, 200, JSON.stringify(next.json));
    assert.equal(next.json.ticket.number, 'A002');
    assert.equal((await waitingTicket('A001')).status, 'waiting');
  });

  it('counter 2 opens, lists A001 as transferred to it and calls it before B001, which arrived later', async () => {
    counter2 = await counterPage('quay-2');
    await openCounter(counter2);
    const rows = counter2.locator('section.queue li');
    await rows.filter({ hasText: 'A001' }).getByTestId('transferred-here').filter({ hasText: 'Được chuyển đến quầy này' }).waitFor(WAIT);
    assert.deepEqual((await rows.locator('strong').allTextContents()).slice(0, 2), ['A001', 'B001'], 'by arrival: A001 before B001');
    await counter2.getByRole('button', { name: /Gọi số tiếp theo/ }).click();
    await counter2.getByTestId('current-number').filter({ hasText: 'A001' }).waitFor(WAIT);
    const at2 = (await snapshot()).counters.find((c) => c.id === 'quay-2')?.current;
    assert.equal(at2?.number, 'A001');
    assert.equal(at2?.issuedAt, issued.get('A001')?.issuedAt, 'the wait still counts from the issue');
    assert.equal((await waitingTicket('B001')).status, 'waiting');
    assert.deepEqual(await seriousA11yViolations(counter2), []);
  });

  it('a transfer the hall refuses shows its reason; the ticket stays at the counter', async () => {
    // The hall's configuration lost the counter since the screen read it: the request names quay-99.
    await counter2.route('**/api/v1/counters/quay-2/transfer', (route) => route.continue({ postData: JSON.stringify({ toCounterId: 'quay-99' }) }));
    await counter2.getByLabel('Chuyển số sang (C)').selectOption({ label: 'Quầy số 1 – Hộ tịch' });
    await counter2.getByRole('button', { name: 'Chuyển', exact: true }).click();
    await counter2.getByRole('alert').filter({ hasText: 'Không tìm thấy quầy.' }).waitFor(WAIT);
    await counter2.unroute('**/api/v1/counters/quay-2/transfer');
    assert.equal(await counter2.getByTestId('current-number').textContent(), 'A001');
    assert.equal(await counter2.getByTestId('transfer-done').textContent(), '', 'no transfer announced');
  });

  it('counter 2 sends A001 back to its own queue: the reservation is lifted, the arrival kept', async () => {
    const select = counter2.getByLabel('Chuyển số sang (C)');
    await select.selectOption({ label: 'A · Hộ tịch' });
    await counter2.getByRole('button', { name: 'Chuyển', exact: true }).click();
    await counter2.getByRole('status').filter({ hasText: 'Đã chuyển số A001 sang hàng đợi A · Hộ tịch.' }).waitFor(WAIT);
    assert.equal(await counter2.getByRole('alert').count(), 0, 'the refusal is gone');
    const a001 = await waitingTicket('A001');
    assert.equal(a001.targetCounterId, null);
    assert.equal(a001.serviceId, 'ho-tich');
    assert.equal(a001.queuedAt, issued.get('A001')?.issuedAt);
  });
});
