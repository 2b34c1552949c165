/**
 * The province dashboard in Debian Chromium at 1440×900, end to end: a province hub on a throwaway
 * PostgreSQL serving the built dashboard, and two real hall servers delivering their event logs
 * through their shippers. A supervisor is refused with a wrong PIN, then logs in and sees both
 * halls; a ticket issued and called in one hall appears in the province view live (waiting count,
 * the call feed) without a reload; the drill-down shows the hall's counters, queues and KPI tables;
 * the month's 766 ranking puts the hall that received a dossier first and the other unranked; its
 * XLSX and PDF exports download; QĐ 468 lists the officer; English switches the screen; logging
 * out returns to the login. The view says when the hub is lost and catches up when it is back; a
 * session ended at the hub returns to the login with the reason. axe-core finds nothing serious on
 * each screen.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from '@playwright/test';
import { addSupervisor, enrollHall } from '../../../electron/province/credentials.ts';
import { startHub, type Hub } from '../../../electron/province/hub.ts';
import { launchChromium } from '../../support/chromium.ts';
import { api, openDemoHall, startTestHall, tempDir, type TestHall } from '../../support/hall-server.ts';
import { waitClearOfMidnight } from '../../support/midnight-guard.ts';
import { seriousA11yViolations } from '../../support/page-checks.ts';
import { testDatabase, type TestDatabase } from '../../support/province.ts';
import { ensureRendererBuilt } from '../../support/renderer-build.ts';

const WAIT = { timeout: 20_000 };
const PIN = 'tinh-2026-giam-sat';
const TZ = 'Asia/Ho_Chi_Minh';

describe('province dashboard in Chromium', () => {
  let db: TestDatabase;
  let hub: Hub;
  let browser: Browser;
  let page: Page;
  let ward: TestHall;
  let commune: TestHall;
  let communeOfficer: { token: string; session: string };
  const tmp = tempDir('province-e2e-');
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit' }).format(Date.now());

  before(async () => {
    const staticDir = ensureRendererBuilt();
    await waitClearOfMidnight(TZ);
    db = await testDatabase();
    hub = await startHub({ databaseUrl: db.url, port: 0, host: '127.0.0.1', staticDir, logLevel: 'silent', poolSize: 5 });
    await addSupervisor(hub.pool, { username: 'tthcc', displayName: 'Giám sát Trung tâm tỉnh', pin: PIN, scope: 'province', district: null });
    const base = openDemoHall();
    const halls = [
      { ...base, hall: { ...base.hall, id: 'phuong-hai-chau', name: { vi: 'Bộ phận Một cửa phường Hải Châu', en: 'Hai Chau Ward' } } },
      { ...base, hall: { ...base.hall, id: 'xa-hoa-vang', name: { vi: 'Bộ phận Một cửa xã Hòa Vang', en: 'Hoa Vang Commune' } } },
    ];
    const started: TestHall[] = [];
    for (const config of halls) {
      const token = await enrollHall(hub.pool, { id: config.hall.id, name: config.hall.name.vi, district: null });
      started.push(
        await startTestHall({ config, dbPath: join(tmp.dir, `${config.hall.id}.db`), server: { provinceHub: { baseUrl: hub.url, token, pollMs: 100 } } }),
      );
    }
    [ward, commune] = started as [TestHall, TestHall];
    // The commune received one dossier today: it leads the month's 766 ranking.
    const kiosk = commune.device('kiosk');
    assert.equal((await api(commune.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } })).status, 201);
    communeOfficer = await commune.officerAt('quay-1');
    for (const [path, body] of [
      ['open', undefined],
      ['call-next', undefined],
      ['start', undefined],
      ['finish', { outcome: 'received_dossier' }],
    ] as const) {
      const r = await api(commune.url, 'POST', `/api/v1/counters/quay-1/${path}`, { ...communeOfficer, ...(body ? { body } : {}) });
      assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.json)}`);
    }
    browser = await launchChromium({ lang: 'vi-VN' });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: TZ, acceptDownloads: true });
    page = await context.newPage();
    await page.goto(`${hub.url}/`);
  });

  after(async () => {
    await browser?.close();
    await ward?.close();
    await commune?.close();
    await hub?.close();
    await db?.drop();
    tmp.cleanup();
  });

  it('refuses a wrong PIN in Vietnamese, then logs the supervisor in to every hall', async () => {
    await page.getByRole('heading', { name: 'Đăng nhập giám sát' }).waitFor(WAIT);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.getByLabel('Tên đăng nhập').fill('tthcc');
    await page.getByLabel('Mã PIN').fill('sai-ma-pin');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    assert.equal(await page.getByTestId('login-error').textContent({ timeout: 10_000 }), 'Tên đăng nhập hoặc mã PIN không đúng.');
    await page.getByLabel('Mã PIN').fill(PIN);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('hall-phuong-hai-chau').waitFor(WAIT);
    await page.getByTestId('hall-xa-hoa-vang').waitFor(WAIT);
    await page.locator('[data-testid="connection"][data-status="live"]').waitFor(WAIT);
    assert.equal(await page.getByTestId('reporting-xa-hoa-vang').textContent(), 'Đang gửi');
    assert.match((await page.getByTestId('hall-xa-hoa-vang').textContent()) ?? '', /Sự kiện gần nhất: vừa xong/);
    assert.equal(await page.getByTestId('sum-halls').textContent(), '2');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  it('a ticket issued and called in a hall appears in the province view live', async () => {
    const waiting = page.getByTestId('waiting-phuong-hai-chau');
    assert.equal(await waiting.textContent(), '0');
    const kiosk = ward.device('kiosk');
    for (let i = 0; i < 2; i++) assert.equal((await api(ward.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'ho-tich' } })).status, 201);
    await page.locator('[data-testid="waiting-phuong-hai-chau"]', { hasText: /^2$/ }).waitFor(WAIT);
    const officer = await ward.officerAt('quay-1');
    assert.equal((await api(ward.url, 'POST', '/api/v1/counters/quay-1/open', officer)).status, 200);
    const called = await api(ward.url, 'POST', '/api/v1/counters/quay-1/call-next', officer);
    assert.equal(called.status, 200);
    const number = called.json.ticket.number as string;
    await page.getByTestId('calls').getByText(`Mời số ${number} đến quầy quay-1`).waitFor(WAIT);
    await page.locator('[data-testid="waiting-phuong-hai-chau"]', { hasText: /^1$/ }).waitFor(WAIT);
    assert.equal(await page.getByTestId('sum-waiting').textContent(), '1');
  });

  it('drills down into the hall: its counter with the called ticket, its queue and its KPI tables', async () => {
    await page.getByRole('button', { name: 'Bộ phận Một cửa phường Hải Châu' }).click();
    const detail = page.getByTestId('hall-detail');
    await detail.getByRole('heading', { name: 'Bộ phận Một cửa phường Hải Châu' }).waitFor(WAIT);
    const counter = detail.getByTestId('counter-quay-1');
    await counter.waitFor(WAIT);
    assert.match((await counter.textContent()) ?? '', /đã gọi/);
    assert.equal(await detail.getByTestId('detail-waiting').textContent(), '1');
    assert.equal(await detail.getByTestId('detail-tickets').textContent(), '2');
    assert.match((await detail.getByTestId('queue-ho-tich').textContent()) ?? '', /ho-tich\s*1\s*2/);
    assert.equal(await detail.getByTestId('by-service').getByRole('rowheader', { name: 'ho-tich' }).count(), 1);
    assert.equal(await detail.getByTestId('by-counter').getByRole('rowheader', { name: 'quay-1' }).count(), 1);
    assert.deepEqual(await seriousA11yViolations(page), []);
    // A start at the hall reaches the open drill-down without a reload.
    const officer = await ward.officerAt('quay-5');
    assert.equal((await api(ward.url, 'POST', '/api/v1/counters/quay-5/open', officer)).status, 200);
    const second = await api(ward.url, 'POST', '/api/v1/counters/quay-5/call-next', officer);
    assert.equal(second.status, 200);
    await detail
      .getByTestId('counter-quay-5')
      .getByText(second.json.ticket.number as string)
      .waitFor(WAIT);
    await page.getByRole('button', { name: /Quay lại danh sách/ }).click();
    await page.getByTestId('halls').waitFor(WAIT);
  });

  it("ranks the halls by the month's 766 ratio and downloads the exports", async () => {
    await page.getByRole('button', { name: 'Bộ chỉ số 766' }).click();
    const ranking = page.getByTestId('ranking');
    await ranking.getByTestId('rank-xa-hoa-vang').waitFor(WAIT);
    const [y = '', m = ''] = month.split('-');
    await ranking.getByRole('heading', { name: `Xếp hạng Bộ chỉ số 766 – tháng ${m}/${y}` }).waitFor(WAIT);
    const first = (await ranking.getByTestId('rank-xa-hoa-vang').textContent()) ?? '';
    assert.match(first, /^1\s*Bộ phận Một cửa xã Hòa Vang/);
    assert.match(first, /100%/);
    assert.match((await ranking.getByTestId('rank-phuong-hai-chau').textContent()) ?? '', /^Chưa xếp hạng/);
    assert.deepEqual(await seriousA11yViolations(page), []);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), ranking.getByTestId('export-xlsx').click()]);
    assert.equal(xlsx.suggestedFilename(), `xep-hang-766-${month}.xlsx`);
    assert.equal(
      readFileSync(await xlsx.path())
        .subarray(0, 2)
        .toString('latin1'),
      'PK',
      'an XLSX (zip) file',
    );
    const [pdf] = await Promise.all([page.waitForEvent('download'), ranking.getByTestId('export-pdf').click()]);
    assert.equal(pdf.suggestedFilename(), `xep-hang-766-${month}.pdf`);
    assert.equal(
      readFileSync(await pdf.path())
        .subarray(0, 5)
        .toString('latin1'),
      '%PDF-',
    );

    // The month is chosen by its name and its year (renderer/shared/MonthField.svelte), not by the
    // browser's month field; another month is read at once, and this one again when chosen back.
    const field = ranking.getByTestId('month');
    const monthList = field.getByRole('combobox', { name: 'Tháng', exact: true });
    const year = field.getByLabel('Năm', { exact: true });
    assert.equal(await monthList.evaluate((s) => (s as unknown as { selectedOptions: { text: string }[] }).selectedOptions[0]?.text), `Tháng ${Number(m)}`);
    assert.equal(await year.inputValue(), y);
    const previous = m === '01' ? { y: String(Number(y) - 1), m: '12' } : { y, m: String(Number(m) - 1).padStart(2, '0') };
    const asked = page.waitForRequest((r) => r.url().endsWith(`/api/v1/reports/766?month=${previous.y}-${previous.m}`), WAIT);
    if (previous.y !== y) await year.fill(previous.y);
    await monthList.selectOption(previous.m);
    await asked;
    await ranking.getByRole('heading', { name: `Xếp hạng Bộ chỉ số 766 – tháng ${previous.m}/${previous.y}` }).waitFor(WAIT);
    await year.fill(y);
    await monthList.selectOption(m);
    await ranking.getByRole('heading', { name: `Xếp hạng Bộ chỉ số 766 – tháng ${m}/${y}` }).waitFor(WAIT);
    assert.match((await ranking.getByTestId('rank-xa-hoa-vang').textContent(WAIT)) ?? '', /^1\s*Bộ phận Một cửa xã Hòa Vang/);
  });

  it('shows QĐ 468 productivity per hall and officer', async () => {
    await page.getByRole('button', { name: 'Năng suất QĐ 468' }).click();
    const report = page.getByTestId('productivity');
    await report.getByTestId('productivity-xa-hoa-vang').waitFor(WAIT);
    // The demo hall's level is province (1,600 dossiers per officer a year): one dossier, its pro-rated target beside it.
    assert.match((await report.getByTestId('productivity-xa-hoa-vang').textContent()) ?? '', /Bình quân mỗi cán bộ\s*Cấp tỉnh\s*1\s*[\d,]+\s*1600\s*[\d,]+%/);
    assert.equal(await report.locator('[data-testid^="productivity-xa-hoa-vang-"]').count(), 1, 'one officer received a dossier');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  it('says when the hub is lost, reconnects by itself and reads the list again', async () => {
    await page.getByRole('button', { name: 'Các Bộ phận Một cửa' }).click();
    await page.locator('[data-testid="waiting-phuong-hai-chau"]', { hasText: /^0$/ }).waitFor(WAIT);
    const port = Number(new URL(hub.url).port);
    await hub.close();
    await page.locator('[data-testid="connection"][data-status="offline"]').waitFor(WAIT);
    assert.equal(await page.getByTestId('connection').textContent(), 'Mất kết nối, đang thử lại…');
    // Meanwhile the hall takes a ticket; its shipper delivers it once the hub is back.
    assert.equal((await api(ward.url, 'POST', '/api/v1/tickets', { token: ward.device('kiosk'), body: { serviceId: 'ho-tich' } })).status, 201);
    hub = await startHub({ databaseUrl: db.url, port, host: '127.0.0.1', staticDir: ensureRendererBuilt(), logLevel: 'silent', poolSize: 5 });
    await page.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="waiting-phuong-hai-chau"]', { hasText: /^1$/ }).waitFor({ timeout: 60_000 });
  });

  it('switches to English and logs out', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Province one-stop halls monitor' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Halls' }).click();
    await page.getByRole('columnheader', { name: 'Mean wait (min)' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Supervisor login' }).waitFor(WAIT);
    const sessions = await hub.pool.query('SELECT count(*)::int AS n FROM supervisor_sessions');
    assert.equal(sessions.rows[0].n, 0, 'the session ended at the hub');
  });

  it('returns to the login, saying why, when the session ends at the hub', async () => {
    await page.getByLabel('Username').fill('tthcc');
    await page.getByLabel('PIN').fill(PIN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('hall-xa-hoa-vang').waitFor(WAIT);
    await page.locator('[data-testid="connection"][data-status="live"]').waitFor(WAIT);
    await hub.pool.query('DELETE FROM supervisor_sessions');
    // The next read is refused (401): this one, or a refresh already under way that gets there first.
    await page
      .getByRole('button', { name: 'Index 766' })
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    assert.equal(await page.getByTestId('login-error').textContent({ timeout: 10_000 }), 'Your session has ended; please log in again.');
  });
});
