/**
 * The supervisor dashboard in Debian Chromium at 1440×900 against a real hall server whose clock
 * the journey moves ahead (the browser keeps the real one): the live charts (uPlot) render and
 * change as tickets are issued and called, their numbers readable as tables; a ticket really
 * waiting past the 15-minute target raises the floor alert on the dashboard, a supervisor signs in
 * and acknowledges it, the alert is marked and both steps are in the event log, and the call that
 * ends the wait clears it; high contrast redraws the charts; the report page downloads the period
 * report as XLSX, read back with exceljs.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { hashPin } from '../../electron/server/secrets.ts';
import { AccessStore } from '../../electron/store/access-store.ts';
import { launchChromium } from '../support/chromium.ts';
import { OFFICER_PIN, startE2eHall, type E2eHall } from '../support/e2e-hall.ts';
import { api } from '../support/hall-server.ts';
import { msToClearMidnight } from '../support/midnight-guard.ts';
import { seriousA11yViolations } from '../support/page-checks.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';

const MINUTE = 60_000;
const WAIT = { timeout: 20_000 };
const DAT_DAI = 'C · Đất đai';
const SUPERVISOR_PIN = '246810';

/** Resolves once `condition` holds, polling; fails with `what` and the last value seen. */
async function until<T>(read: () => Promise<T>, condition: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!condition(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await read();
  }
  return last;
}

/** The last row of a chart's table as heading → cell text. */
function lastRow(page: Page, chart: string): Promise<Record<string, string>> {
  return page.getByTestId(`chart-${chart}-table`).evaluate((table) => {
    const headings = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
    const rows = table.querySelectorAll('tbody tr');
    const cells = [...(rows[rows.length - 1]?.querySelectorAll('th, td') ?? [])].map((c) => c.textContent?.trim() ?? '');
    return Object.fromEntries(headings.map((h, i) => [h, cells[i] ?? '']));
  });
}

/** Every row of a category chart's table as label → value text. */
function categoryRows(page: Page, chart: string): Promise<Record<string, string>> {
  return page
    .getByTestId(`chart-${chart}-table`)
    .evaluate((table) =>
      Object.fromEntries(
        [...table.querySelectorAll('tbody tr')].map((tr) => [
          tr.querySelector('th')?.textContent?.trim() ?? '',
          tr.querySelector('td')?.textContent?.trim() ?? '',
        ]),
      ),
    );
}

/** The pixels of a chart's canvas, to tell that it was drawn again. */
function canvasImage(page: Page, chart: string): Promise<string> {
  return page
    .getByTestId(`chart-${chart}`)
    .locator('canvas')
    .evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());
}

describe('dashboard: live charts, floor alert acknowledged, period report downloads', () => {
  let hall: E2eHall;
  let browser: Browser;
  let dashboard: Page;
  let kiosk: string;
  let counter: { token: string; session: string };
  /** How far the hall's clock runs ahead of the real one. */
  let ahead = 0;

  before(async () => {
    // The journey moves the hall's clock 20 minutes ahead: start clear of midnight by more than that.
    const wait = msToClearMidnight(Date.now(), 'Asia/Ho_Chi_Minh', 30 * MINUTE);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const staticDir = ensureRendererBuilt();
    hall = await startE2eHall(staticDir, undefined, { clock: () => Date.now() + ahead });
    kiosk = hall.device('kiosk');
    const counterToken = hall.device('counter', 'quay-3');
    const login = await api(hall.url, 'POST', '/api/v1/sessions', { token: counterToken, body: { username: hall.officer('quay-3'), pin: OFFICER_PIN } });
    assert.equal(login.status, 201, JSON.stringify(login.json));
    counter = { token: counterToken, session: login.json.sessionToken };
    assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-3/open', { ...counter, body: {} })).status, 200);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    dashboard = await context.newPage();
    const token = hall.device('dashboard');
    await dashboard.addInitScript(
      `localStorage.setItem('hall.device.dashboard', ${JSON.stringify(JSON.stringify({ token, counterId: null, role: 'dashboard' }))})`,
    );
    await dashboard.goto(`${hall.url}/dashboard/`);
  });

  after(async () => {
    await browser?.close();
    await hall?.close();
  });

  const issue = async (serviceId: string): Promise<string> => {
    const r = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    return r.json.ticket.number as string;
  };
  /** The officer serves the called citizen (guidance only) so the counter can call the next one. */
  const serve = async (): Promise<void> => {
    assert.equal((await api(hall.url, 'POST', '/api/v1/counters/quay-3/start', { ...counter, body: {} })).status, 200);
    const finished = await api(hall.url, 'POST', '/api/v1/counters/quay-3/finish', { ...counter, body: { outcome: 'guidance_only' } });
    assert.equal(finished.status, 200, JSON.stringify(finished.json));
  };
  const callNext = async (): Promise<string> => {
    const r = await api(hall.url, 'POST', '/api/v1/counters/quay-3/call-next', { ...counter, body: {} });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json.ticket.number as string;
  };

  it('draws the five charts with uPlot, readable at 1440×900, each with its numbers as a table', async () => {
    await dashboard.getByTestId('live-charts').waitFor(WAIT);
    for (const chart of ['waiting', 'wait-mean', 'attainment', 'calls', 'satisfaction']) {
      const canvas = dashboard.getByTestId(`chart-${chart}`).locator('canvas');
      await canvas.waitFor(WAIT);
      const box = await canvas.boundingBox();
      assert.ok(box && box.width >= 500 && box.height >= 200, `${chart}: ${JSON.stringify(box)}`);
      assert.ok(box.x >= 0 && box.x + box.width <= 1440, `${chart} fits the screen's width`);
    }
    assert.ok(await dashboard.evaluate<boolean>('document.documentElement.scrollWidth <= 1440'), 'no horizontal scrolling at 1440 px');
    const row = await until(
      () => lastRow(dashboard, 'waiting'),
      (r) => r[DAT_DAI] === '0',
      'an empty hall',
    );
    assert.match(row['Thời điểm'] ?? '', /^\d{2}:\d{2}$/);
    // The table is there for screen readers and hidden on screen until asked for.
    const shownWidth = () => dashboard.getByTestId('chart-waiting-table').evaluate((t) => t.parentElement?.getBoundingClientRect().width ?? 0);
    assert.ok((await shownWidth()) <= 1, 'visually hidden');
    await dashboard.getByTestId('chart-waiting').getByRole('button', { name: 'Xem bảng số liệu' }).click();
    assert.ok((await shownWidth()) > 400, 'shown under the chart');
    await dashboard.getByTestId('chart-waiting').getByRole('button', { name: 'Ẩn bảng số liệu' }).click();
    assert.deepEqual(await seriousA11yViolations(dashboard), []);
  });

  it('people waiting rise as tickets are issued, and the chart is drawn again', async () => {
    const before = await canvasImage(dashboard, 'waiting');
    await issue('dat-dai');
    await issue('dat-dai');
    await until(
      () => lastRow(dashboard, 'waiting'),
      (r) => r[DAT_DAI] === '2',
      'two people waiting for Đất đai',
    );
    await until(
      () => canvasImage(dashboard, 'waiting'),
      (image) => image !== before,
      'the waiting chart redrawn',
    );
  });

  it('a real wait past 15 minutes raises the alert; a signed-in supervisor acknowledges it and it is kept as events', async () => {
    ahead += 16 * MINUTE;
    const alert = dashboard.locator('[data-testid="alert"][data-kind="wait_over_target"]');
    await alert.waitFor(WAIT);
    assert.match((await alert.textContent()) ?? '', /Số C00[12] \(Đất đai\) đã chờ 16 phút, vượt mục tiêu 15 phút/);
    assert.equal(await alert.getAttribute('data-acknowledged'), 'no');
    // Nobody signed in: no acknowledge button.
    assert.equal(await alert.getByRole('button').count(), 0);

    const staffId = randomUUID();
    const username = `truong-bp-${staffId.slice(0, 6)}`;
    new AccessStore(hall.server().db).addStaff({
      id: staffId,
      username,
      displayName: 'Trần Thị Hoa',
      role: 'supervisor',
      pinHash: hashPin(SUPERVISOR_PIN),
      counterIds: [],
      now: Date.now(),
    });
    const card = dashboard.getByTestId('alerts-card');
    await card.getByLabel('Tên đăng nhập').fill(username);
    await card.getByLabel('Mã PIN').fill(SUPERVISOR_PIN);
    await card.getByRole('button', { name: 'Đăng nhập' }).click();
    await card.getByTestId('supervisor-signed-in').filter({ hasText: 'Trần Thị Hoa' }).waitFor(WAIT);

    await alert.getByRole('button', { name: /Xác nhận đã nắm cảnh báo: Số C00[12] \(Đất đai\)/ }).click();
    await alert.and(dashboard.locator('[data-acknowledged="yes"]')).waitFor(WAIT);
    assert.match((await alert.getByTestId('alert-acknowledged').textContent()) ?? '', /^Đã xác nhận lúc \d{2}:\d{2}$/);

    const events = hall.server().db.prepare("SELECT type, data FROM events WHERE type LIKE 'alert.%' ORDER BY seq").all() as { type: string; data: string }[];
    const logged = events.map((e) => ({ type: e.type, ...(JSON.parse(e.data) as { alertId: string; staffId?: string }) }));
    assert.deepEqual(
      logged.map((e) => [e.type, e.alertId]),
      [
        ['alert.raised', 'wait_over_target:dat-dai'],
        ['alert.acknowledged', 'wait_over_target:dat-dai'],
      ],
    );
    assert.equal(logged[1]?.staffId, staffId);
  });

  it("calls move the charts: fewer waiting, the 16-minute wait against the target, the counter's calls, attainment; the last call clears the alert", async () => {
    const waitMeanBefore = await canvasImage(dashboard, 'wait-mean');
    await callNext();
    await until(
      () => lastRow(dashboard, 'waiting'),
      (r) => r[DAT_DAI] === '1',
      'one person left waiting',
    );
    const waitMean = await until(
      () => lastRow(dashboard, 'wait-mean'),
      (r) => /^16(,\d)?$/.test(r[DAT_DAI] ?? ''),
      'the 16-minute wait of the call',
    );
    assert.equal(waitMean['B · Chứng thực'], '—', 'no call, no wait');
    await until(
      () => canvasImage(dashboard, 'wait-mean'),
      (image) => image !== waitMeanBefore,
      'the wait chart redrawn',
    );
    const calls = await until(
      () => categoryRows(dashboard, 'calls'),
      (r) => r['Quầy 3'] === '1',
      'one call at counter 3',
    );
    assert.equal(calls['Quầy 1'], '0');
    const attainment = await until(
      () => categoryRows(dashboard, 'attainment'),
      (r) => Object.values(r).includes('0'),
      'a wait over the target this hour',
    );
    assert.ok(
      Object.keys(attainment).every((h) => /^\d{2}h$/.test(h)),
      JSON.stringify(attainment),
    );

    // The alert stays, acknowledged, while the other ticket still waits; its call clears it.
    const alert = dashboard.locator('[data-testid="alert"][data-kind="wait_over_target"]');
    assert.equal(await alert.getAttribute('data-acknowledged'), 'yes');
    await serve();
    await callNext();
    await alert.waitFor({ state: 'detached', ...WAIT });
    await until(
      () => lastRow(dashboard, 'waiting'),
      (r) => r[DAT_DAI] === '0',
      'nobody left waiting',
    );
  });

  it('high contrast redraws the charts in black-on-white ink with thicker lines', async () => {
    const before = await canvasImage(dashboard, 'waiting');
    await dashboard.getByRole('button', { name: 'Tương phản cao' }).click();
    assert.equal(await dashboard.evaluate<boolean>("document.documentElement.classList.contains('high-contrast')"), true);
    await until(
      () => canvasImage(dashboard, 'waiting'),
      (image) => image !== before,
      'the chart drawn again in high contrast',
    );
    assert.deepEqual(await seriousA11yViolations(dashboard), []);
    await dashboard.getByRole('button', { name: 'Tương phản cao' }).click();
  });

  it('the report page downloads the period report of a month as XLSX, one sheet per table', async () => {
    await dashboard.getByRole('button', { name: 'Báo cáo' }).click();
    const downloads = dashboard.getByTestId('period-downloads');
    await downloads.waitFor(WAIT);
    // The month field (renderer/shared/MonthField.svelte): the month's number from its list, the year typed.
    const field = downloads.getByTestId('period-month');
    const month = `${await field.getByLabel('Năm', { exact: true }).inputValue()}-${await field.getByRole('combobox', { name: 'Tháng', exact: true }).inputValue()}`;
    assert.match(month, /^\d{4}-(0[1-9]|1[0-2])$/);
    const [file] = await Promise.all([dashboard.waitForEvent('download'), downloads.getByRole('button', { name: 'Tải Excel (XLSX)' }).click()]);
    assert.equal(file.suggestedFilename(), `bao-cao-${month}.xlsx`);
    const path = await file.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    assert.equal(book.worksheets.length, 11);
    const hallSheet = book.getWorksheet('Toàn bộ phận');
    assert.equal(hallSheet?.getCell('A2').value, 2, 'the two tickets of today');
    const [pdf] = await Promise.all([dashboard.waitForEvent('download'), downloads.getByRole('button', { name: 'Tải PDF' }).click()]);
    assert.equal(pdf.suggestedFilename(), `bao-cao-${month}.pdf`);
  });
});
