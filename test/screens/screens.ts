/**
 * `npm run screens`: screenshots of every terminal screen at its real resolution, written to
 * docs/screens/<screen>.png (linked from docs/screens.md). Runs a demo hall in process (temp
 * SQLite, 127.0.0.1, port 0) serving the built renderer, the real device host of the kiosk,
 * counter and display with simulated devices (test/support/simulated-terminals.ts), and Debian Chromium (Vietnamese locale, hall time zone); a few
 * tickets are issued and called first so the screens show a working hall. Before the server
 * starts, four weeks of generated history (the reports tab's default range, up to yesterday) are
 * imported into its database the way `hall import-tickets` does, so the reports show a busy month.
 * The province dashboard's screenshots follow (province-screens.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { HallConfig } from '../../electron/common/hall-config.ts';
import { importTicketsFile } from '../../electron/server/import-tickets.ts';
import { openHallDatabase } from '../../electron/store/open-database.ts';
import { launchChromium } from '../support/chromium.ts';
import { OFFICER_PIN, SUPERVISOR_PIN, startE2eHall, type E2eHall } from '../support/e2e-hall.ts';
import { api } from '../support/hall-server.ts';
import { tempDir } from '../support/hall-server.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';
import { DEFAULT_TERMINAL_DEVICES, need, startSimulatedTerminals } from '../support/simulated-terminals.ts';
import { logIn } from '../support/counter-steps.ts';
import { kioskHome } from '../support/kiosk-steps.ts';
import { declareBirth, identifyWithChip, openBirthDeclaration, scanPapers } from '../support/dossier-steps.ts';
import { DEMO_CITIZEN } from '../../devices/simulators/virtual-cccd/citizen.ts';
import { generateHistoryCsv } from '../../scripts/generate-history.ts';
import { provinceScreens } from './province-screens.ts';

const OUT = join('docs', 'screens');
const KIOSK = { width: 1080, height: 1920 };
const WIDE = { width: 1920, height: 1080 };
const TABLET = { width: 1280, height: 800 };
const DAY_MS = 86_400_000;
const HALL_OFFSET_MS = 7 * 3_600_000; // Asia/Ho_Chi_Minh
/** Generated tickets per working day (Monday to Saturday morning): about 4,300 over four weeks. */
const HISTORY_PER_DAY = 180;
const HISTORY_DAYS = 27;

const localDate = (epoch: number): string => new Date(epoch + HALL_OFFSET_MS).toISOString().slice(0, 10);
const workingDaysIn = (year: number): number => {
  let n = 0;
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += DAY_MS) if (new Date(t).getUTCDay() !== 0) n += 1;
  return n;
};

/**
 * Imports the generated history of the `HISTORY_DAYS` days before today (hall time) into the
 * database file, while no server has it open. The generator fills whole years evenly, so the
 * years touched are generated and only the rows issued in the window are kept.
 */
async function importRecentHistory(dbPath: string, config: HallConfig): Promise<void> {
  const now = Date.now();
  const from = localDate(now - HISTORY_DAYS * DAY_MS);
  const to = localDate(now - DAY_MS);
  const tmp = tempDir('hall-screens-history-');
  try {
    const kept: string[] = [];
    let header = '';
    for (const year of new Set([Number(from.slice(0, 4)), Number(to.slice(0, 4))])) {
      const yearCsv = join(tmp.dir, `${year}.csv`);
      await generateHistoryCsv(config, yearCsv, { tickets: HISTORY_PER_DAY * workingDaysIn(year), year });
      const [head = '', ...rows] = readFileSync(yearCsv, 'utf8').split('\n');
      header = head;
      for (const row of rows) {
        const issued = row.split(',', 4)[3]?.slice(0, 10) ?? '';
        if (issued >= from && issued <= to) kept.push(row);
      }
    }
    const csv = join(tmp.dir, 'history.csv');
    writeFileSync(csv, `${header}\n${kept.join('\n')}\n`);
    const db = openHallDatabase(dbPath);
    try {
      const summary = importTicketsFile(db, config, csv, { skipInvalid: false, now });
      if (!summary.committed) throw new Error(`history import refused: ${JSON.stringify(summary.invalid.slice(0, 3))}`);
      process.stdout.write(`history: ${summary.imported} tickets ${from} to ${to}\n`);
    } finally {
      db.close();
    }
  } finally {
    tmp.cleanup();
  }
}

async function page(browser: Browser, url: string, viewport: { width: number; height: number }, init?: string): Promise<Page> {
  const p = await (await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })).newPage();
  if (init) await p.addInitScript(init);
  await p.goto(url);
  return p;
}

async function shot(p: Page, name: string, fullPage = false): Promise<void> {
  await p.waitForTimeout(300); // let transitions and fonts settle
  await p.screenshot({ path: join(OUT, `${name}.png`), fullPage });
  process.stdout.write(`docs/screens/${name}.png\n`);
}

async function officer(hall: E2eHall, counterId: string, name: string) {
  const token = hall.device('counter', counterId, `Máy tính ${counterId.replace('quay-', 'quầy số ')}`);
  const username = hall.officer(counterId, name);
  const login = await api(hall.url, 'POST', '/api/v1/sessions', { token, body: { username, pin: OFFICER_PIN } });
  return { token, session: login.json.sessionToken as string, username };
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const hall = await startE2eHall(ensureRendererBuilt(), undefined, { seed: importRecentHistory });
  const kioskToken = hall.device('kiosk', null, 'Kiosk sảnh chính');
  const q1 = await officer(hall, 'quay-1', 'Nguyễn Thị Lan');
  const documentScanner = { id: 'document-scanner', kind: 'documentScanner', uri: 'sane:test' } as const;
  const terminals = await startSimulatedTerminals({
    hallUrl: hall.url,
    tokens: { kiosk: kioskToken, counter: q1.token, display: hall.device('display', null, 'Màn hình sảnh chính') },
    counterId: 'quay-1',
    devices: { kiosk: [...DEFAULT_TERMINAL_DEVICES.kiosk, documentScanner], counter: [...DEFAULT_TERMINAL_DEVICES.counter, documentScanner] },
  });
  const browser = await launchChromium({ lang: 'vi-VN' });
  try {
    // A working morning: tickets in several queues, three counters calling.
    for (const [serviceId, n, priority] of [
      ['ho-tich', 6, 'normal'],
      ['chung-thuc', 9, 'normal'],
      ['dat-dai', 3, 'normal'],
      ['ho-tich', 1, 'elderly'],
      ['xay-dung', 2, 'normal'],
    ] as const) {
      for (let i = 0; i < n; i++) await api(hall.url, 'POST', '/api/v1/tickets', { token: kioskToken, body: { serviceId, priority } });
    }
    for (const [counterId, name] of [
      ['quay-2', 'Trần Văn Minh'],
      ['quay-3', 'Lê Hoàng Nam'],
    ] as const) {
      const o = await officer(hall, counterId, name);
      await api(hall.url, 'POST', `/api/v1/counters/${counterId}/open`, { ...o, body: {} });
      await api(hall.url, 'POST', `/api/v1/counters/${counterId}/call-next`, { ...o, body: {} });
    }
    await api(hall.url, 'POST', '/api/v1/counters/quay-1/open', { ...q1, body: {} });

    const kiosk = await page(browser, terminals.pageUrl('kiosk'), KIOSK);
    await kioskHome(kiosk).waitFor();
    await shot(kiosk, 'kiosk-welcome');
    await kiosk.getByRole('button', { name: 'Hạ thấp giao diện' }).click();
    await kiosk.getByTestId('reach-note').waitFor();
    await shot(kiosk, 'kiosk-reach');
    await kiosk.getByRole('button', { name: 'Hạ thấp giao diện' }).click();
    await kiosk.getByRole('button', { name: 'Cần hỗ trợ' }).click();
    await kiosk.getByRole('button', { name: 'Gọi cán bộ hỗ trợ tại đây' }).click();
    await kiosk.getByTestId('help-called').waitFor();
    await shot(kiosk, 'kiosk-help');
    await kiosk.getByRole('button', { name: 'Quay lại' }).click();
    await kiosk.getByRole('button', { name: 'Quét mã QR trên thẻ CCCD' }).click();
    await shot(kiosk, 'kiosk-consent');
    await kiosk.getByRole('button', { name: 'Không đồng ý' }).click();
    await kiosk.getByRole('button', { name: 'Hộ tịch', exact: true }).click();
    await shot(kiosk, 'kiosk-field');
    await kiosk.getByRole('button', { name: 'Quay lại' }).click();
    await kiosk.getByRole('button', { name: 'Tìm thủ tục' }).click();
    for (const key of 'ddawng ky') await kiosk.getByRole('button', { name: key === ' ' ? 'Dấu cách' : key, exact: true }).click();
    await shot(kiosk, 'kiosk-search');
    await kiosk.getByRole('button', { name: 'Thủ tục đăng ký khai sinh', exact: true }).click();
    await shot(kiosk, 'kiosk-procedure');
    await kiosk.getByRole('button', { name: 'Lấy số thứ tự' }).click();
    await shot(kiosk, 'kiosk-priority');
    need(terminals.simulators.kiosk.printer, 'kiosk printer').setStatus({ paperOut: true });
    await kiosk.getByTestId('take-number').click();
    await kiosk.locator('.qr svg').waitFor();
    await shot(kiosk, 'kiosk-e-ticket');

    const display = await page(browser, terminals.pageUrl('display'), WIDE);
    await display.locator('[data-testid="calling-number"]').first().waitFor();
    const counter = await page(browser, terminals.pageUrl('counter'), WIDE);
    await counter.getByLabel('Tên đăng nhập').waitFor();
    await shot(counter, 'counter-login');
    await logIn(counter, q1.username);
    // The kiosk's call for help (above) reaches the counters too; the officer takes it.
    await counter.getByTestId('help-call').waitFor();
    await shot(counter, 'counter-help');
    await counter.getByRole('button', { name: /^Tôi sẽ đến hỗ trợ/ }).click();
    await counter.getByTestId('help-call').waitFor({ state: 'detached' });
    await counter.keyboard.press('n');
    await counter.getByTestId('current-number').waitFor();
    await display.getByTestId('announcement').filter({ hasText: 'Mời công dân' }).waitFor();
    await shot(display, 'display');
    await counter.keyboard.press('s');
    await counter.getByTestId('current-status').filter({ hasText: 'Đang phục vụ' }).waitFor();
    await shot(counter, 'counter');

    const pairing = await page(browser, `${hall.url}/rating/`, TABLET);
    await pairing.getByLabel('Mã ghép nối').waitFor();
    await shot(pairing, 'pairing');
    await pairing.getByLabel('Mã ghép nối').fill(hall.pairingCode('rating', 'quay-1', 'Máy tính bảng đánh giá quầy số 1'));
    await pairing.getByRole('button', { name: 'Ghép nối' }).click();
    await pairing.getByTestId('rating-idle').waitFor();
    await shot(pairing, 'rating-idle');
    await counter.getByRole('button', { name: /Kết thúc/ }).click();
    await pairing.locator('[data-testid="rating-screen"][data-open="true"]').waitFor();
    await shot(pairing, 'rating');
    await shot(counter, 'counter-rating');

    // The self-service dossier: the demo citizen's chip, the prefilled declaration, a paper through
    // SANE's test backend, the review, the receipt; the counter opens it by its code.
    need(terminals.simulators.kiosk.printer, 'kiosk printer').setStatus({ paperOut: false });
    need(terminals.simulators.kiosk.card, 'kiosk card reader').insert();
    await kiosk.getByRole('button', { name: 'Hoàn tất' }).click();
    await identifyWithChip(kiosk, DEMO_CITIZEN.idNumber.slice(-6), DEMO_CITIZEN.fullName);
    await openBirthDeclaration(kiosk, DEMO_CITIZEN.idNumber.slice(-6));
    await shot(kiosk, 'kiosk-dossier-form');
    await declareBirth(kiosk, { child: 'Nguyễn Minh Khang', mother: 'Trần Thị Mai', motherIdNumber: '001192012345', father: DEMO_CITIZEN });
    await kiosk.getByRole('button', { name: 'Tiếp tục' }).click();
    let papers = 0;
    await scanPapers(kiosk, 2, async () => {
      if (papers++ === 0) await shot(kiosk, 'kiosk-dossier-paper');
    });
    await shot(kiosk, 'kiosk-dossier-review');
    await kiosk.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await kiosk.locator('[data-testid="dossier-receipt"][data-printed="true"]').waitFor({ timeout: 20_000 });
    await shot(kiosk, 'kiosk-dossier-receipt');
    const code = ((await kiosk.getByTestId('dossier-code').textContent()) ?? '').trim();
    await counter.getByLabel('Mã hồ sơ').fill(code);
    await counter.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await counter.getByTestId('dossier-panel').getByRole('button', { name: /^Xem / }).first().waitFor();
    await shot(counter, 'counter-dossier');

    // Another call for help, for the dashboard's alerts.
    await api(hall.url, 'POST', '/api/v1/help-requests', { token: kioskToken, body: {} });
    const dashToken = hall.device('dashboard', null, 'Màn hình giám sát của trưởng bộ phận');
    const dashboard = await page(
      browser,
      `${hall.url}/dashboard/`,
      WIDE,
      `localStorage.setItem('hall.device.dashboard', ${JSON.stringify(JSON.stringify({ token: dashToken, counterId: null, role: 'dashboard' }))})`,
    );
    await dashboard.getByTestId('kpis').waitFor();
    await shot(dashboard, 'dashboard');
    await dashboard.getByRole('button', { name: 'Báo cáo' }).click();
    await dashboard.getByText('Thời gian chờ theo giờ').waitFor();
    await shot(dashboard, 'dashboard-reports');
    // The report is taller than the screen: the whole page, down to the per-officer table.
    await dashboard.getByText('Theo cán bộ').waitFor();
    await shot(dashboard, 'dashboard-reports-2', true);
    // The administration page, a supervisor signed in: the hall's devices and staff accounts.
    hall.supervisor('hoa.tt', 'Trần Thị Hoa');
    await dashboard.getByRole('button', { name: 'Quản trị' }).click();
    const admin = dashboard.getByTestId('admin-page');
    await admin.getByLabel('Tên đăng nhập').fill('hoa.tt');
    await admin.getByLabel('Mã PIN').fill(SUPERVISOR_PIN);
    await admin.getByRole('button', { name: 'Đăng nhập' }).click();
    await admin.getByTestId('admin-device').first().waitFor();
    await shot(dashboard, 'dashboard-admin', true);
  } finally {
    await browser.close();
    await terminals.stop();
    await hall.close();
  }
}

await main();
// The province dashboard: its own hub, PostgreSQL cluster and demo halls (province-screens.ts).
await provinceScreens();
