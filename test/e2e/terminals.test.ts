/**
 * The terminal apps in Debian Chromium against a real hall server (temp SQLite, port 0) serving the
 * built renderer, with the loopback device host standing in for the kiosk's and counter's devices:
 * kiosk issues → display shows and announces → counter calls, serves, finishes → rating → dashboard;
 * a priority ticket interleaves; the printer runs out of paper and the kiosk hands an e-ticket;
 * the hall server restarts and every screen recovers by itself. axe-core on every screen and the
 * kiosk's touch targets are checked along the way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from '@playwright/test';
import { launchChromium } from '../support/chromium.ts';
import { OFFICER_PIN, startE2eHall, type E2eHall } from '../support/e2e-hall.ts';
import { startTestDeviceHost, type TestDeviceHost } from '../support/fake-device-host.ts';
import { api } from '../support/hall-server.ts';
import { seriousA11yViolations, smallTouchTargets } from '../support/page-checks.ts';
import { kioskToPriorityStep } from '../support/kiosk-steps.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';

const COUNTER = 'quay-1';
const WAIT = { timeout: 15_000 };

describe('terminal apps in Chromium', () => {
  let hall: E2eHall;
  let browser: Browser;
  let kioskHost: TestDeviceHost;
  let counterHost: TestDeviceHost;
  let displayHost: TestDeviceHost;
  let kiosk: Page;
  let display: Page;
  let counter: Page;
  let rating: Page;
  let dashboard: Page;
  let kioskToken: string;
  let hasRatingApi = false;
  const voiceRequests: string[] = [];

  async function open(path: string, width: number, height: number, init?: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    if (init) await page.addInitScript(init);
    await page.goto(`${hall.url}${path}`);
    return page;
  }

  const withHost = (role: string, host: TestDeviceHost) => `/${role}/?deviceHost=${encodeURIComponent(host.url)}`;

  before(async () => {
    const staticDir = ensureRendererBuilt();
    hall = await startE2eHall(staticDir);
    const openapi = await api(hall.url, 'GET', '/api/v1/openapi.json');
    hasRatingApi = JSON.stringify(openapi.json).includes('submitRating');
    kioskToken = hall.device('kiosk');
    kioskHost = await startTestDeviceHost({ role: 'kiosk', deviceToken: kioskToken });
    counterHost = await startTestDeviceHost({ role: 'counter', deviceToken: hall.device('counter', COUNTER), counterId: COUNTER });
    displayHost = await startTestDeviceHost({ role: 'display', deviceToken: hall.device('display') });
    browser = await launchChromium();
    display = await open(withHost('display', displayHost), 1920, 1080);
    display.on('request', (r) => {
      if (r.url().includes('/voice/vi/')) voiceRequests.push(new URL(r.url()).pathname);
    });
    counter = await open(withHost('counter', counterHost), 1366, 768);
    kiosk = await open(withHost('kiosk', kioskHost), 1080, 1920);
    rating = await open('/rating/', 1280, 800);
    const dashboardToken = hall.device('dashboard');
    dashboard = await open('/dashboard/', 1920, 1080, `localStorage.setItem('hall.device.dashboard', ${JSON.stringify(JSON.stringify({ token: dashboardToken, counterId: null, role: 'dashboard' }))})`);
  });

  after(async () => {
    await browser?.close();
    await Promise.all([kioskHost?.close(), counterHost?.close(), displayHost?.close()]);
    await hall?.close();
  });

  it('pairs the rating tablet with a one-time code and binds it to its counter', async () => {
    await rating.getByLabel('Mã ghép nối').fill(hall.pairingCode('rating', COUNTER));
    await rating.getByRole('button', { name: 'Ghép nối' }).click();
    await rating.getByTestId('rating-idle').waitFor(WAIT);
    const stored = await rating.evaluate<string | null>("localStorage.getItem('hall.device.rating')");
    assert.equal(JSON.parse(stored ?? '{}').counterId, COUNTER);
  });

  it('logs the officer in with a PIN and opens the counter', async () => {
    const username = hall.officer(COUNTER);
    await counter.getByLabel('Tên đăng nhập').fill(username);
    await counter.getByLabel('Mã PIN').fill('000000');
    await counter.getByRole('button', { name: 'Đăng nhập' }).click();
    await counter.getByRole('alert').filter({ hasText: 'mã PIN không đúng' }).waitFor(WAIT);
    await counter.getByLabel('Mã PIN').fill(OFFICER_PIN);
    await counter.getByRole('button', { name: 'Đăng nhập' }).click();
    await counter.getByRole('button', { name: 'Mở quầy' }).click();
    await counter.locator('[data-testid="counter-state"][data-state="open"]').waitFor(WAIT);
  });

  it('kiosk: search without diacritics, Telex keyboard, procedure page, printed ticket', async () => {
    await kiosk.getByRole('button', { name: 'Bắt đầu' }).click();
    assert.deepEqual(await smallTouchTargets(kiosk), []);
    await kiosk.getByRole('button', { name: 'Tiếp tục không cần xác định' }).click();
    // Telex on the on-screen keyboard: d d a w n g → "đăng".
    for (const key of ['d', 'd', 'a', 'w', 'n', 'g']) await kiosk.getByRole('button', { name: key, exact: true }).click();
    assert.equal(await kiosk.getByLabel('Tìm thủ tục').inputValue(), 'đăng');
    await kiosk.getByLabel('Tìm thủ tục').fill('dang ky khai sinh');
    await kiosk.getByRole('button', { name: 'Thủ tục đăng ký khai sinh', exact: true }).click();
    await kiosk.getByRole('heading', { name: 'Giấy tờ cần chuẩn bị' }).waitFor(WAIT);
    assert.deepEqual(await smallTouchTargets(kiosk), []);
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
    await kiosk.getByRole('button', { name: 'Lấy số thứ tự' }).click();
    await kiosk.getByTestId('take-number').click();
    await kiosk.getByTestId('printed').waitFor(WAIT);
    assert.equal(await kiosk.getByTestId('ticket-number').textContent(), 'A001');
    assert.equal(kioskHost.printed.length, 1);
    assert.equal(kioskHost.printed[0]?.number, 'A001');
    assert.match(kioskHost.printed[0]?.statusUrl ?? '', /\/t\/[0-9a-f-]{36}$/);
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
  });

  it('display shows the waiting ticket, then the call, and announces it with the voice pack', async () => {
    await display.locator('[data-testid="waiting-ho-tich"] strong', { hasText: '1' }).waitFor(WAIT);
    // Clips play one after another (order: test/unit/renderer/shared/announcer.test.ts); the first two
    // prove the offline pack is used. Playback is slow on a loaded machine, hence the longer wait.
    const invite = display.waitForRequest((r) => r.url().endsWith('/voice/vi/invite.wav'), { timeout: 30_000 });
    const letter = display.waitForRequest((r) => r.url().endsWith('/voice/vi/letter-A.wav'), { timeout: 30_000 });
    await counter.keyboard.press('n');
    await counter.getByTestId('current-number').filter({ hasText: 'A001' }).waitFor(WAIT);
    await display.locator('[data-testid="calling-row"][data-counter="1"] [data-testid="calling-number"]', { hasText: 'A001' }).waitFor(WAIT);
    await display.getByTestId('announcement').filter({ hasText: 'Mời công dân có số A001 đến quầy số 1' }).waitFor(WAIT);
    await Promise.all([invite, letter]);
    const clips = voiceRequests.filter((p) => p.endsWith('.wav'));
    assert.deepEqual(clips.slice(0, 2), ['/voice/vi/invite.wav', '/voice/vi/letter-A.wav']);
    assert.ok(voiceRequests.indexOf('/voice/vi/manifest.json') < voiceRequests.indexOf('/voice/vi/invite.wav'));
    assert.deepEqual(await seriousA11yViolations(display), []);
  });

  it('counter starts and finishes; the rating window opens on the tablet and the counter waits for it', async () => {
    await counter.keyboard.press('s');
    await counter.getByTestId('current-status').filter({ hasText: 'Đang phục vụ' }).waitFor(WAIT);
    await counter.getByRole('button', { name: /Kết thúc/ }).click();
    await counter.locator('[data-testid="rating-state"][data-state="waiting"]').waitFor(WAIT);
    assert.ok(counterHost.calls.includes('openRatingWindow'));
    await rating.locator('[data-testid="rating-screen"][data-open="true"]').waitFor(WAIT);
    const choices = await rating.locator('button.choice').allTextContents();
    assert.deepEqual(choices, ['Rất hài lòng', 'Hài lòng', 'Không hài lòng']);
    assert.deepEqual(await seriousA11yViolations(rating), []);
    assert.deepEqual(await seriousA11yViolations(counter), []);
  });

  it('the citizen rates; the officer sees that a rating arrived, never its value', async (t) => {
    if (!hasRatingApi) {
      t.skip('submitRating is not on this hall server yet');
      return;
    }
    await rating.getByRole('button', { name: 'Rất hài lòng' }).click();
    await rating.getByTestId('rating-idle').filter({ hasText: 'Cảm ơn quý công dân đã đánh giá' }).waitFor(WAIT);
    await counter.locator('[data-testid="rating-state"][data-state="rated"]').waitFor(WAIT);
    assert.doesNotMatch(await counter.locator('main').innerText(), /Rất hài lòng/);
  });

  it('dashboard shows today’s figures after the service', async () => {
    await dashboard.getByTestId('kpi-served').filter({ hasText: '1' }).waitFor(WAIT);
    assert.equal(await dashboard.getByTestId('kpi-tickets').textContent(), '1');
    assert.deepEqual(await seriousA11yViolations(dashboard), []);
    await dashboard.getByRole('button', { name: 'Báo cáo' }).click();
    await dashboard.getByText('Thời gian chờ theo giờ').waitFor(WAIT);
    assert.deepEqual(await seriousA11yViolations(dashboard), []);
  });

  it('a priority ticket is called before normal tickets that came earlier', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await api(hall.url, 'POST', '/api/v1/tickets', { token: kioskToken, body: { serviceId: 'ho-tich' } });
      assert.equal(r.status, 201);
    }
    await kiosk.getByRole('button', { name: 'Hoàn tất' }).click();
    await kioskToPriorityStep(kiosk, { search: 'khai sinh', procedure: 'Thủ tục đăng ký khai sinh' });
    await kiosk.getByRole('button', { name: 'Người cao tuổi' }).click();
    await kiosk.getByTestId('take-number').click();
    await kiosk.getByTestId('ticket-number').filter({ hasText: 'A004' }).waitFor(WAIT);
    await counter.keyboard.press('n');
    await counter.getByTestId('current-number').filter({ hasText: 'A004' }).waitFor(WAIT);
    await display.locator('[data-testid="calling-number"]', { hasText: 'A004' }).waitFor(WAIT);
    await counter.keyboard.press('v');
    await counter.getByRole('button', { name: /Gọi số tiếp theo/ }).waitFor(WAIT);
  });

  it('printer out of paper: the kiosk hands an e-ticket with a QR code', async () => {
    kioskHost.paperOut = true;
    await kiosk.getByRole('button', { name: 'Hoàn tất' }).click();
    await kioskToPriorityStep(kiosk, { field: 'Chứng thực' });
    await kiosk.getByTestId('take-number').click();
    await kiosk.getByTestId('e-ticket').waitFor(WAIT);
    assert.equal(await kiosk.getByTestId('ticket').getAttribute('data-printed'), 'false');
    await kiosk.locator('.qr svg').waitFor(WAIT);
    assert.match((await kiosk.getByTestId('ticket-number').textContent()) ?? '', /^B\d{3}$/);
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
    await kiosk.getByRole('button', { name: 'Hoàn tất' }).click();
    await kiosk.getByRole('button', { name: 'Bắt đầu' }).waitFor(WAIT);
  });

  it('identify by the CCCD QR: notice first, elderly priority from the age, everything wiped at the end', async () => {
    kioskHost.paperOut = false;
    await kiosk.getByRole('button', { name: 'Bắt đầu' }).click();
    await kiosk.getByRole('button', { name: 'Quét mã QR trên thẻ CCCD' }).click();
    await kiosk.getByRole('heading', { name: 'Thông báo xử lý dữ liệu cá nhân' }).waitFor(WAIT);
    kioskHost.scan({ kind: 'cccd_qr', text: '079203001234||Trần Thị Bình|02011950|Nữ|12 Lê Lợi, Quận 1|01022021' });
    await kiosk.waitForTimeout(200);
    assert.equal(await kiosk.getByTestId('identified').count(), 0, 'no read before consent');
    await kiosk.getByRole('button', { name: 'Tôi đồng ý' }).click();
    await kiosk.getByRole('heading', { name: 'Đưa mã QR trên thẻ CCCD vào đầu quét' }).waitFor(WAIT);
    kioskHost.scan({ kind: 'cccd_qr', text: '079203001234||Trần Thị Bình|02011950|Nữ|12 Lê Lợi, Quận 1|01022021' });
    await kiosk.getByTestId('identified').filter({ hasText: 'Trần Thị Bình' }).waitFor(WAIT);
    await kiosk.getByLabel('Tìm thủ tục').fill('khai tu');
    await kiosk.getByRole('button', { name: 'Thủ tục đăng ký khai tử', exact: true }).click();
    await kiosk.getByRole('button', { name: 'Lấy số thứ tự' }).click();
    assert.equal(await kiosk.getByRole('button', { name: 'Người cao tuổi' }).getAttribute('aria-pressed'), 'true');
    await kiosk.getByTestId('take-number').click();
    await kiosk.getByTestId('printed').waitFor(WAIT);
    assert.equal(kioskHost.printed.at(-1)?.priority, 'elderly');
    const endSessionsBefore = kioskHost.calls.filter((c) => c === 'endSession').length;
    await kiosk.getByRole('button', { name: 'Hoàn tất' }).click();
    await kiosk.getByRole('button', { name: 'Bắt đầu' }).waitFor(WAIT);
    assert.equal(kioskHost.calls.filter((c) => c === 'endSession').length, endSessionsBefore + 1);
    assert.doesNotMatch(await kiosk.content(), /Trần Thị Bình|079203001234/);
    assert.equal(await kiosk.evaluate<number>('sessionStorage.length'), 0);
    // The same person again for the same service: the fairness rule is the server's, the number is not kept here.
    await kiosk.getByRole('button', { name: 'Bắt đầu' }).click();
    await kiosk.getByRole('button', { name: 'Tiếp tục không cần xác định' }).click();
    assert.equal(await kiosk.getByTestId('identified').count(), 0);
    await kiosk.getByRole('button', { name: 'Quay lại' }).click();
  });

  it('identify by the CCCD chip: the CAN on the numeric pad, then readCard', async () => {
    kioskHost.cardIdentity = {
      idNumber: '001085012345', fullName: 'Lê Văn Cường', dateOfBirth: '20/05/1985', sex: 'Nam', nationality: 'Việt Nam', placeOfOrigin: null,
      placeOfResidence: null, dateOfIssue: null, dateOfExpiry: null, oldIdNumber: null, photoJpeg: null, source: 'chip', authenticity: 'verified',
    };
    await kiosk.getByRole('button', { name: 'Bắt đầu' }).click();
    await kiosk.getByRole('button', { name: 'Đặt thẻ CCCD lên đầu đọc' }).click();
    await kiosk.getByRole('button', { name: 'Tôi đồng ý' }).click();
    for (const digit of '123456') await kiosk.getByRole('group', { name: '0-9' }).getByRole('button', { name: digit, exact: true }).click();
    assert.deepEqual(await smallTouchTargets(kiosk), []);
    await kiosk.getByRole('button', { name: 'Xác nhận' }).click();
    await kiosk.getByTestId('identified').filter({ hasText: 'Lê Văn Cường' }).waitFor(WAIT);
    assert.ok(kioskHost.calls.includes('readCard'));
    await kiosk.getByRole('button', { name: 'Quay lại' }).click();
    await kiosk.getByRole('button', { name: 'Bắt đầu' }).waitFor(WAIT);
    assert.doesNotMatch(await kiosk.content(), /Lê Văn Cường|001085012345/);
    kioskHost.cardIdentity = null;
  });

  it('idle kiosk: a warning of at least 20 s offers to continue', async () => {
    const idleKiosk = await open(`${withHost('kiosk', kioskHost)}&idleSeconds=1`, 1080, 1920);
    await idleKiosk.getByRole('button', { name: 'Bắt đầu' }).click();
    const dialog = idleKiosk.getByRole('alertdialog');
    await dialog.waitFor(WAIT);
    const seconds = Number(/(\d+) giây/.exec((await idleKiosk.getByTestId('idle-seconds').textContent()) ?? '')?.[1]);
    assert.ok(seconds >= 20 && seconds <= 25, `warning shows ${seconds} s`);
    assert.deepEqual(await seriousA11yViolations(idleKiosk), []);
    await idleKiosk.getByRole('button', { name: 'Tiếp tục sử dụng' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 500 });
    await idleKiosk.context().close();
  });

  it('the hall server restarts and every screen recovers by itself', async () => {
    const screens = [display, counter, rating, dashboard];
    await hall.stop();
    for (const page of screens) await page.locator('[data-testid="connection"][data-status="offline"]').or(page.locator('[data-testid="connection"][data-status="connecting"]')).first().waitFor(WAIT);
    await hall.start();
    for (const page of screens) await page.locator('[data-testid="connection"][data-status="live"]').waitFor(WAIT);
    await dashboard.getByRole('button', { name: 'Trực tiếp' }).click();
    const issued = await api(hall.url, 'POST', '/api/v1/tickets', { token: kioskToken, body: { serviceId: 'dat-dai' } });
    assert.equal(issued.status, 201);
    await display.locator('[data-testid="waiting-dat-dai"] strong', { hasText: '1' }).waitFor(WAIT);
    await dashboard.locator('[data-testid="queue-dat-dai"] td', { hasText: /^1$/ }).waitFor(WAIT);
    kioskHost.paperOut = false;
    await kioskToPriorityStep(kiosk, { search: 'khai sinh', procedure: 'Thủ tục đăng ký khai sinh' });
    await kiosk.getByTestId('take-number').click();
    await kiosk.getByTestId('printed').waitFor(WAIT);
  });
});
