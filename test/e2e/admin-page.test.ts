/**
 * The dashboard's administration page in Debian Chromium against a real hall server (finding 8
 * of the hardening review): a supervisor signs in on "Quản trị", revokes a kiosk after confirming,
 * and the kiosk's open stream closes at once and its token is refused; then resets an officer's
 * PIN, whose one-time PIN is shown once and lets the officer log in while the old one does not.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from '@playwright/test';
import { launchChromium } from '../support/chromium.ts';
import { OFFICER_PIN, SUPERVISOR_PIN, startE2eHall, type E2eHall } from '../support/e2e-hall.ts';
import { api } from '../support/hall-server.ts';
import { seriousA11yViolations } from '../support/page-checks.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';
import { StreamClient } from '../support/stream-client.ts';
import { testHallTls } from '../support/test-tls.ts';

const WAIT = { timeout: 20_000 };

describe('dashboard administration: a supervisor revokes a kiosk and resets a PIN', () => {
  let hall: E2eHall;
  let browser: Browser;
  let page: Page;
  let kiosk: string;
  let kioskId: string;
  let stream: StreamClient;
  let username: string;

  before(async () => {
    hall = await startE2eHall(ensureRendererBuilt());
    kiosk = hall.device('kiosk', null, 'Kiosk sảnh A');
    kioskId = hall.server().access.deviceForToken(kiosk).id;
    stream = await StreamClient.connect(hall.url, { token: kiosk }, {}, (await testHallTls()).caPem);
    hall.supervisor('hoa.tt', 'Trần Thị Hoa');
    username = hall.officer('quay-1', 'Lê Văn Nam');
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const token = hall.device('dashboard');
    await page.addInitScript(`localStorage.setItem('hall.device.dashboard', ${JSON.stringify(JSON.stringify({ token, counterId: null, role: 'dashboard' }))})`);
    await page.goto(`${hall.url}/dashboard/`);
  });

  after(async () => {
    stream?.terminate();
    await browser?.close();
    await hall?.close();
  });

  it('the supervisor signs in on the administration page and sees devices and accounts', async () => {
    await page.getByRole('button', { name: 'Quản trị' }).click();
    const admin = page.getByTestId('admin-page');
    await admin.getByLabel('Tên đăng nhập').fill('hoa.tt');
    await admin.getByLabel('Mã PIN').fill(SUPERVISOR_PIN);
    await admin.getByRole('button', { name: 'Đăng nhập' }).click();
    await admin.getByTestId('supervisor-signed-in').filter({ hasText: 'Trần Thị Hoa' }).waitFor(WAIT);
    const row = admin.locator(`[data-testid="admin-device"][data-device="${kioskId}"]`);
    await row.waitFor(WAIT);
    assert.match((await row.textContent()) ?? '', /Kiosk sảnh A.*Kiosk.*Đang hoạt động/s);
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  it('revoking the kiosk asks first, then closes its stream at once and refuses its token', async () => {
    const admin = page.getByTestId('admin-page');
    const row = admin.locator(`[data-testid="admin-device"][data-device="${kioskId}"]`);
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    const confirm = admin.getByTestId('admin-revoke-confirm');
    assert.match((await confirm.textContent()) ?? '', /Thu hồi thiết bị “Kiosk sảnh A”\? Thiết bị sẽ bị ngắt kết nối ngay/);
    assert.equal(await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token: kiosk }).then((r) => r.status), 200, 'nothing happens before the confirmation');
    await confirm.getByRole('button', { name: 'Xác nhận thu hồi' }).click();

    assert.equal((await stream.closed).code, 4401);
    await admin.locator(`[data-testid="admin-device"][data-device="${kioskId}"][data-state="revoked"]`).waitFor(WAIT);
    assert.equal((await admin.getByTestId('admin-notice').textContent())?.trim(), 'Đã thu hồi thiết bị “Kiosk sảnh A”.');
    const refused = await api(hall.url, 'GET', '/api/v1/hall/snapshot', { token: kiosk });
    assert.deepEqual([refused.status, refused.json.error.code], [401, 'UNAUTHENTICATED']);
    const logged = hall.server().db.prepare("SELECT data FROM events WHERE type = 'device.revoked'").all() as { data: string }[];
    assert.deepEqual(
      logged.map((e) => JSON.parse(e.data).deviceId),
      [kioskId],
    );
  });

  it('a PIN reset shows the new one-time PIN once; it works and the old one does not', async () => {
    const counter = hall.device('counter', 'quay-1');
    const admin = page.getByTestId('admin-page');
    const account = admin.locator(`[data-testid="admin-account"][data-username="${username}"]`);
    await account.waitFor(WAIT);
    await account.getByRole('button', { name: 'Cấp lại mã PIN' }).click();
    const shown = (await admin.getByTestId('admin-new-pin').textContent({ timeout: 20_000 })) ?? '';
    const pin = /Mã PIN mới của Lê Văn Nam: (\d{6})\. Mã chỉ hiển thị một lần/.exec(shown)?.[1];
    assert.ok(pin, shown);
    assert.equal(
      (await api(hall.url, 'POST', '/api/v1/sessions', { token: counter, body: { username, pin: OFFICER_PIN } })).json.error.code,
      'INVALID_CREDENTIALS',
    );
    assert.equal((await api(hall.url, 'POST', '/api/v1/sessions', { token: counter, body: { username, pin } })).status, 201);
    // The next action hides it.
    await account.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await admin.locator(`[data-testid="admin-account"][data-username="${username}"][data-active="false"]`).waitFor(WAIT);
    assert.equal(await admin.getByTestId('admin-new-pin').count(), 0);
    assert.equal((await api(hall.url, 'POST', '/api/v1/sessions', { token: counter, body: { username, pin } })).json.error.code, 'ACCOUNT_DISABLED');
  });
});
