/**
 * Enrolling a terminal and adding an officer on the dashboard's "Quản trị" page, in Debian
 * Chromium against a real hall server: a supervisor signs in and is offered only what a supervisor
 * may create; enrols a display, reads its pairing code and expiry off the page, and a second
 * browser page pairs with that code as a TV display would; then adds an officer, whose PIN, shown
 * once, signs in at the officer's counter; a taken username shows the server's refusal and hides
 * the PIN.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from '@playwright/test';
import { formatDateTime } from '../../renderer/shared/format.ts';
import { launchChromium } from '../support/chromium.ts';
import { SUPERVISOR_PIN, startE2eHall, type E2eHall } from '../support/e2e-hall.ts';
import { api } from '../support/hall-server.ts';
import { seriousA11yViolations } from '../support/page-checks.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';

const WAIT = { timeout: 20_000 };

describe('dashboard administration: a supervisor enrols a display and adds an officer', () => {
  let hall: E2eHall;
  let browser: Browser;
  let page: Page;
  let admin: Locator;

  before(async () => {
    hall = await startE2eHall(ensureRendererBuilt());
    hall.supervisor('hoa.tt', 'Trần Thị Hoa');
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const token = hall.device('dashboard');
    await page.addInitScript(`localStorage.setItem('hall.device.dashboard', ${JSON.stringify(JSON.stringify({ token, counterId: null, role: 'dashboard' }))})`);
    await page.goto(`${hall.url}/dashboard/`);
    admin = page.getByTestId('admin-page');
  });

  after(async () => {
    await browser?.close();
    await hall?.close();
  });

  it('the supervisor signs in and is offered only the devices and accounts a supervisor may create', async () => {
    await page.getByRole('button', { name: 'Quản trị' }).click();
    await admin.getByLabel('Tên đăng nhập').fill('hoa.tt');
    await admin.getByLabel('Mã PIN').fill(SUPERVISOR_PIN);
    await admin.getByRole('button', { name: 'Đăng nhập' }).click();
    await admin.getByTestId('supervisor-signed-in').filter({ hasText: 'Trần Thị Hoa' }).waitFor(WAIT);
    const enrol = admin.getByTestId('admin-enrol-form');
    await enrol.waitFor(WAIT);
    assert.deepEqual(await enrol.getByLabel('Loại thiết bị').locator('option').allTextContents(), [
      'Kiosk',
      'Màn hình hiển thị',
      'Máy quầy',
      'Thiết bị đánh giá',
    ]);
    assert.deepEqual(await admin.getByTestId('admin-staff-form').getByLabel('Vai trò').locator('option').allTextContents(), ['Cán bộ']);
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  it('enrols a display; the code read off the page pairs a second browser page once', async () => {
    const enrol = admin.getByTestId('admin-enrol-form');
    await enrol.getByLabel('Tên thiết bị').fill('Màn hình sảnh chờ');
    await enrol.getByLabel('Loại thiết bị').selectOption('display');
    await enrol.getByRole('button', { name: 'Tạo mã ghép nối' }).click();

    const shown = (await admin.getByTestId('admin-pairing-code').textContent(WAIT)) ?? '';
    const code = /Mã ghép nối của thiết bị “Màn hình sảnh chờ”: (\d{4}-\d{4})/.exec(shown)?.[1];
    assert.ok(code, shown);
    const device = hall
      .server()
      .access.devices()
      .find((d) => d.name === 'Màn hình sảnh chờ');
    assert.ok(device, 'the display is enrolled');
    const expiresAt = hall.server().db.prepare('SELECT pairing_expires_at FROM devices WHERE id = ?').pluck().get(device.id) as number;
    assert.ok(shown.includes(`Nhập mã này trên màn hình ghép nối của thiết bị trong vòng 15 phút (hiệu lực đến ${formatDateTime(expiresAt)}).`), shown);
    await admin.locator(`[data-testid="admin-device"][data-device="${device.id}"][data-state="awaiting_pairing"]`).waitFor(WAIT);
    assert.equal((await admin.getByTestId('admin-notice').textContent())?.trim(), 'Đã thêm thiết bị “Màn hình sảnh chờ”; thiết bị đang chờ ghép nối.');
    assert.deepEqual(await seriousA11yViolations(page), []);

    // The TV in the hall: a plain browser on the display's page, its pairing screen.
    const tv = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await tv.goto(`${hall.url}/display/`);
    await tv.getByLabel('Mã ghép nối').fill(code);
    await tv.getByRole('button', { name: 'Ghép nối' }).click();
    await tv.waitForFunction("localStorage.getItem('hall.device.display') !== null", null, WAIT);
    const stored = JSON.parse((await tv.evaluate<string | null>("localStorage.getItem('hall.device.display')")) ?? '{}');
    assert.equal(hall.server().access.deviceForToken(stored.token).id, device.id, 'the page holds the enrolled display’s token');
    assert.equal((await api(hall.url, 'POST', '/api/v1/devices/pair', { body: { code } })).json.error.code, 'INVALID_PAIRING_CODE', 'the code worked once');
    const logged = hall.server().db.prepare("SELECT data FROM events WHERE type = 'device.enrolled'").pluck().all() as string[];
    assert.deepEqual(
      logged.map((data) => JSON.parse(data).deviceId),
      [device.id],
    );
    for (const secret of [code, code.replace('-', '')]) assert.ok(!logged.join().includes(secret), 'the code is not in the event log');
  });

  it('adds an officer; the PIN shown once signs in at the counter, and a taken username is refused', async () => {
    const form = admin.getByTestId('admin-staff-form');
    await form.getByLabel('Họ và tên').fill('Phạm Minh Tuấn');
    await form.getByLabel('Tên đăng nhập').fill('tuan.pm');
    await form.getByLabel('Quầy số 2 – Chứng thực').check();
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();

    const shown = (await admin.getByTestId('admin-created-pin').textContent(WAIT)) ?? '';
    const pin = /Mã PIN đăng nhập của Phạm Minh Tuấn: (\d{6})\. Mã chỉ hiển thị một lần/.exec(shown)?.[1];
    assert.ok(pin, shown);
    assert.equal(await admin.getByTestId('admin-pairing-code').count(), 0, 'the pairing code is gone');
    await admin.locator('[data-testid="admin-account"][data-username="tuan.pm"]').filter({ hasText: 'quay-2' }).waitFor(WAIT);
    const login = await api(hall.url, 'POST', '/api/v1/sessions', { token: hall.device('counter', 'quay-2'), body: { username: 'tuan.pm', pin } });
    assert.equal(login.status, 201, JSON.stringify(login.json));
    assert.deepEqual(await seriousA11yViolations(page), []);

    await form.getByLabel('Họ và tên').fill('Phạm Minh Tuấn');
    await form.getByLabel('Tên đăng nhập').fill('tuan.pm');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const refused = admin.getByTestId('admin-error');
    await refused.waitFor(WAIT);
    assert.equal((await refused.textContent())?.trim(), 'Tên đăng nhập này đã được dùng cho một tài khoản khác, vui lòng chọn tên khác.');
    assert.equal(await admin.getByTestId('admin-created-pin').count(), 0, 'the PIN is gone');
  });
});
