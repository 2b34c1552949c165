/**
 * The ticket's QR in Chromium (issue 16, first Must show journey): a citizen takes a number at the
 * kiosk (the real device host, the simulated printer); the QR read back from the printed dots
 * (test/support/printed-tickets.ts) is the ticket page under the hall's publicBaseUrl; a phone
 * (360 px wide, touch) opens it: number, service, people ahead as the hall counts them, nothing
 * cut off; the queue moves and then an officer calls the ticket, and the page follows without a
 * reload, says "Mời công dân có số … đến quầy số …", vibrates and chimes; English on request;
 * axe-core finds no serious violation. An unknown token shows the page's "not found".
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from '@playwright/test';
import { openDemoHall, api } from '../support/hall-server.ts';
import { launchChromium } from '../support/chromium.ts';
import { freeLoopbackPort, OFFICER_PIN, startE2eHall, type E2eHall } from '../support/e2e-hall.ts';
import type { PrinterSimulator } from '../../devices/simulators/printer.simulator.ts';
import { kioskHome, kioskToPriorityStep } from '../support/kiosk-steps.ts';
import { seriousA11yViolations } from '../support/page-checks.ts';
import { printedTickets, showsText } from '../support/printed-tickets.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';
import { need, startSimulatedTerminals, type SimulatedTerminals } from '../support/simulated-terminals.ts';

const WAIT = { timeout: 15_000 };
const COUNTER = 'quay-2'; // serves Chứng thực (B…), counter number 2

/** Records the phone's vibrations and chime tones (the page calls navigator.vibrate and Web Audio). */
const SIGNAL_SPY = `(() => {
  window.__vibrations = [];
  navigator.vibrate = (pattern) => { window.__vibrations.push(pattern); return true; };
  window.__tones = 0;
  const create = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () { window.__tones += 1; return create.call(this); };
})()`;

describe('the ticket page behind the printed QR', () => {
  let hall: E2eHall;
  let browser: Browser;
  let terminals: SimulatedTerminals;
  let printer: PrinterSimulator;
  let kiosk: Page;
  let phone: Page;
  let kioskToken: string;
  let officer: { token: string; session: string };
  let pageUrl = '';
  let number = '';

  before(async () => {
    const staticDir = ensureRendererBuilt();
    const port = await freeLoopbackPort();
    // The hall's public address: here its own loopback address, which the "phone" reaches.
    hall = await startE2eHall(staticDir, { ...openDemoHall(), publicBaseUrl: `https://127.0.0.1:${port}` }, { port });
    kioskToken = hall.device('kiosk');
    terminals = await startSimulatedTerminals({ hallUrl: hall.url, tokens: { kiosk: kioskToken } });
    printer = need(terminals.simulators.kiosk.printer, 'kiosk printer');
    const counterToken = hall.device('counter', COUNTER);
    const login = await api(hall.url, 'POST', '/api/v1/sessions', { token: counterToken, body: { username: hall.officer(COUNTER), pin: OFFICER_PIN } });
    assert.equal(login.status, 201, JSON.stringify(login.json));
    officer = { token: counterToken, session: login.json.sessionToken };
    assert.equal((await api(hall.url, 'POST', `/api/v1/counters/${COUNTER}/open`, { ...officer, body: {} })).status, 200);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    kiosk = await context.newPage();
    await kiosk.goto(terminals.pageUrl('kiosk', { idleSeconds: '600' }));
  });

  after(async () => {
    await browser?.close();
    await terminals?.stop();
    await hall?.close();
  });

  it('the kiosk prints a ticket whose QR, read from the paper, is the ticket page under publicBaseUrl', async () => {
    // Two citizens are already waiting for Chứng thực.
    for (let i = 0; i < 2; i++)
      assert.equal((await api(hall.url, 'POST', '/api/v1/tickets', { token: kioskToken, body: { serviceId: 'chung-thuc' } })).status, 201);
    await kioskHome(kiosk).waitFor(WAIT);
    await kioskToPriorityStep(kiosk, { field: 'Chứng thực' });
    await kiosk.getByTestId('take-number').click();
    await kiosk.getByTestId('printed').waitFor(WAIT);
    number = (await kiosk.getByTestId('ticket-number').textContent()) ?? '';
    assert.equal(number, 'B003');
    const ticket = printedTickets(printer.roll).at(-1);
    assert.ok(ticket);
    assert.equal(ticket.qrCodes.length, 1);
    pageUrl = ticket.qrCodes[0] ?? '';
    assert.match(pageUrl, new RegExp(`^${hall.url.replace(/\./g, '\\.')}/t/[A-Za-z0-9_-]{22}$`));
    assert.ok(showsText(ticket, 'small', 'center', 'Quét mã để theo dõi lượt chờ'), 'the ticket says the QR opens the page');
  });

  it('a phone 360 px wide opens it: number, service, people ahead, readable, no serious axe violation', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    phone = await context.newPage();
    await phone.addInitScript(SIGNAL_SPY);
    await phone.goto(pageUrl);
    await phone.getByTestId('number').filter({ hasText: number }).waitFor(WAIT);
    assert.equal(await phone.locator('html').getAttribute('lang'), 'vi');
    await phone.getByText('Chứng thực', { exact: true }).waitFor(WAIT);
    assert.equal(await phone.getByTestId('people-ahead').textContent(), 'Số người đang chờ trước: 2');
    assert.match((await phone.getByTestId('wait').textContent()) ?? '', /^Dự kiến chờ: (khoảng \d+ phút|dưới 1 phút)$/);
    assert.equal(await phone.getByTestId('state').getAttribute('aria-live'), 'polite');
    assert.equal(await phone.evaluate('document.documentElement.scrollWidth'), 360, 'nothing wider than the phone');
    assert.deepEqual(await seriousA11yViolations(phone), []);
  });

  it('the queue moves and the officer calls the ticket: the page follows without a reload, vibrates and chimes', async () => {
    let navigations = 0;
    phone.on('framenavigated', (frame) => {
      if (frame === phone.mainFrame()) navigations += 1;
    });
    await phone.getByRole('button', { name: 'Bật âm báo khi được gọi' }).tap();
    await phone.getByRole('button', { name: 'Đã bật âm báo' }).waitFor(WAIT);

    const first = await api(hall.url, 'POST', `/api/v1/counters/${COUNTER}/call-next`, { ...officer, body: {} });
    assert.equal(first.json.ticket.number, 'B001');
    await phone.getByTestId('people-ahead').filter({ hasText: 'Số người đang chờ trước: 1' }).waitFor(WAIT);
    assert.deepEqual(await phone.evaluate('window.__vibrations'), [], "another ticket's call does not alert");
    assert.equal((await api(hall.url, 'POST', `/api/v1/counters/${COUNTER}/no-show`, { ...officer, body: {} })).status, 200);

    const call = await api(hall.url, 'POST', `/api/v1/counters/${COUNTER}/call`, { ...officer, body: { number } });
    assert.equal(call.status, 200, JSON.stringify(call.json));
    const state = phone.getByTestId('state');
    await state.filter({ hasText: `Mời công dân có số ${number} đến quầy số 2` }).waitFor(WAIT);
    assert.equal(await state.getAttribute('data-state'), 'called');
    assert.equal(await state.getAttribute('aria-live'), 'assertive');
    assert.equal(navigations, 0, 'no reload');
    assert.equal((await phone.evaluate<unknown[]>('window.__vibrations')).length, 1);
    assert.ok((await phone.evaluate<number>('window.__tones')) >= 1, 'the chime sounded');
    assert.deepEqual(await seriousA11yViolations(phone), []);

    await phone.getByRole('button', { name: 'English' }).tap();
    await state.filter({ hasText: `Number ${number}, please go to counter 2` }).waitFor(WAIT);
    assert.equal(await phone.locator('html').getAttribute('lang'), 'en');
  });

  it('transferred to another counter: the page names that counter and counts the wait there', async () => {
    const moved = await api(hall.url, 'POST', `/api/v1/counters/${COUNTER}/transfer`, { ...officer, body: { toCounterId: 'quay-1' } });
    assert.equal(moved.status, 200, JSON.stringify(moved.json));
    const state = phone.getByTestId('state');
    await state.filter({ hasText: 'Your number has been transferred to counter 1. Please wait for that counter to call it.' }).waitFor(WAIT);
    assert.equal(await state.getAttribute('data-state'), 'waiting');
    assert.match((await phone.getByTestId('people-ahead').textContent()) ?? '', /^People ahead of you: \d+$/);
    await phone.getByRole('button', { name: 'Tiếng Việt' }).tap();
    await phone.getByTestId('transferred').filter({ hasText: 'Số đã được chuyển đến quầy số 1. Vui lòng chờ quầy này gọi số.' }).waitFor(WAIT);
    assert.deepEqual(await seriousA11yViolations(phone), []);
  });

  it('a token nobody was given shows that the ticket is not found', async () => {
    const stranger = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await stranger.goto(`${hall.url}/t/AAAAAAAAAAAAAAAAAAAAAA`);
    await stranger.getByTestId('not-found').waitFor(WAIT);
    assert.deepEqual(await seriousA11yViolations(stranger), []);
  });
});
