/**
 * The dashboard's data exports (renderer/dashboard/ExportDownloads.svelte) in Debian Chromium
 * against a real hall server: four tickets issued and three served at a counter (two with a dossier
 * received), then the supervisor downloads the KPI table as CSV and XLSX and the dossier list as CSV
 * over this month so far, and the monthly PDF and the provincial JSON of this month; each file is
 * read back and checked against those tickets. A range whose end is before its start, or a date
 * that does not exist, is refused in the page and no request leaves it; a failed request shows the
 * Vietnamese message of its error code.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, Download, Locator, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { businessDate, showBusinessDate } from '../../renderer/shared/format.ts';
import { launchChromium } from '../support/chromium.ts';
import { OFFICER_PIN, startE2eHall, type E2eHall } from '../support/e2e-hall.ts';
import { api } from '../support/hall-server.ts';
import { seriousA11yViolations } from '../support/page-checks.ts';
import { pdfText } from '../support/pdf-text.ts';
import { ensureRendererBuilt } from '../support/renderer-build.ts';

const WAIT = { timeout: 20_000 };
const EXPORT_PATHS = /^\/api\/v1\/reports\/(kpis\.csv|kpis\.xlsx|dossiers\.csv|monthly\.pdf|provincial)$/;
/** The KPI CSV's header grouped by an attribute (server/reports/csv.ts: field names, `name` after the key). */
const KPI_CSV_HEADER =
  'key,name,tickets,served,noShows,waitMeanMin,waitMedianMin,waitP90Min,withinWaitTargetPct,serviceMeanMin,withinServiceTargetPct,ratings,satisfactionPct';
const DOSSIER_CSV_HEADER =
  'code,ticket_number,business_date,service_id,service_name,procedure_id,officer_id,officer_name,dossiers,received_at,due_at,completed_at,on_time,dissatisfied,digitised,e_result,synced,channel';

/** A CSV file's lines (UTF-8 with BOM, CRLF): the BOM is checked and removed, the final empty line dropped. */
function csvLines(bytes: Buffer): string[] {
  const text = bytes.toString('utf8');
  assert.equal(text.charCodeAt(0), 0xfeff, 'a byte order mark so spreadsheets read Vietnamese');
  assert.ok(text.endsWith('\r\n'), 'CRLF line ends');
  return text.slice(1, -2).split('\r\n');
}

/** Clicks `button` and returns the file the page saved. */
async function downloadFrom(page: Page, button: Locator): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', WAIT), button.click()]);
  return { file, bytes: await readFile(await file.path()) };
}

describe('dashboard exports: KPI tables, dossier list, monthly PDF and provincial JSON', () => {
  let hall: E2eHall;
  let browser: Browser;
  let page: Page;
  let card: Locator;
  /** The export requests the page sent (method and path with query). */
  const requests: string[] = [];
  /** The numbers of the two tickets served with a dossier received. */
  const withDossier: string[] = [];
  const today = businessDate(Date.now());
  const month = today.slice(0, 7);
  const monthStart = `${month}-01`;

  before(async () => {
    hall = await startE2eHall(ensureRendererBuilt());
    const kiosk = hall.device('kiosk');
    for (const serviceId of ['dat-dai', 'dat-dai', 'dat-dai', 'xay-dung']) {
      const issued = await api(hall.url, 'POST', '/api/v1/tickets', { token: kiosk, body: { serviceId } });
      assert.equal(issued.status, 201, JSON.stringify(issued.json));
    }
    const token = hall.device('counter', 'quay-3');
    const login = await api(hall.url, 'POST', '/api/v1/sessions', { token, body: { username: hall.officer('quay-3', 'Lê Văn Nam'), pin: OFFICER_PIN } });
    assert.equal(login.status, 201, JSON.stringify(login.json));
    const counter = { token, session: login.json.sessionToken as string };
    const step = async (action: string, body: object = {}) => {
      const r = await api(hall.url, 'POST', `/api/v1/counters/quay-3/${action}`, { ...counter, body });
      assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.json)}`);
      return r.json;
    };
    await step('open');
    // Three served (two with a dossier received, one guidance only); the fourth still waits.
    for (const outcome of ['received_dossier', 'received_dossier', 'guidance_only']) {
      const called = await step('call-next');
      await step('start');
      await step('finish', { outcome });
      if (outcome === 'received_dossier') withDossier.push(called.ticket.number as string);
    }
    assert.equal(withDossier.length, 2);

    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })).newPage();
    page.on('request', (r) => {
      const { pathname, search } = new URL(r.url());
      if (EXPORT_PATHS.test(pathname)) requests.push(`${r.method()} ${pathname}${search}`);
    });
    const dashboard = hall.device('dashboard');
    await page.addInitScript(
      `localStorage.setItem('hall.device.dashboard', ${JSON.stringify(JSON.stringify({ token: dashboard, counterId: null, role: 'dashboard' }))})`,
    );
    await page.goto(`${hall.url}/dashboard/`);
    await page.getByRole('button', { name: 'Báo cáo' }).click();
    card = page.getByTestId('export-downloads');
    await card.waitFor(WAIT);
  });

  after(async () => {
    await browser?.close();
    await hall?.close();
  });

  it('offers this month so far as dd/mm/yyyy and this month for the monthly files, and passes the accessibility check', async () => {
    assert.equal(await card.getByRole('heading', { level: 2 }).textContent(), 'Xuất dữ liệu');
    assert.equal(await card.getByTestId('export-from').inputValue(), showBusinessDate(monthStart));
    assert.equal(await card.getByTestId('export-to').inputValue(), showBusinessDate(today));
    assert.equal(await card.getByTestId('export-month').inputValue(), month);
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  it('the KPI table grouped by service as CSV: the field names, and one row per service with its tickets', async () => {
    await card.getByLabel('Bảng chỉ số nhóm theo').selectOption({ label: 'Dịch vụ' });
    const { file, bytes } = await downloadFrom(page, card.getByRole('button', { name: 'Bảng chỉ số (CSV)' }));
    assert.equal(file.suggestedFilename(), `kpi-service-${monthStart}_${today}.csv`);
    const [header, ...rows] = csvLines(bytes);
    assert.equal(header, KPI_CSV_HEADER);
    const cells = rows.map((line) => line.split(','));
    assert.deepEqual(cells.map((c) => [c[0], c[1], Number(c[2])]).sort(), [
      ['dat-dai', 'C · Đất đai', 3],
      ['xay-dung', 'D · Xây dựng', 1],
    ]);
    assert.equal(
      cells.reduce((sum, c) => sum + Number(c[3]), 0),
      3,
      'three of the four tickets were served',
    );
    assert.equal((await card.getByTestId('export-status').textContent())?.trim(), `Đã tải xuống Bảng chỉ số (CSV): kpi-service-${monthStart}_${today}.csv`);
    assert.deepEqual(requests, [`GET /api/v1/reports/kpis.csv?from=${monthStart}&to=${today}&groupBy=service`]);
  });

  it('the KPI table by day as XLSX: a ZIP holding the sheet "KPI day" with today’s four tickets', async () => {
    await card.getByLabel('Bảng chỉ số nhóm theo').selectOption({ label: 'Ngày' });
    const { file, bytes } = await downloadFrom(page, card.getByRole('button', { name: 'Bảng chỉ số (XLSX)' }));
    assert.equal(file.suggestedFilename(), `kpi-day-${monthStart}_${today}.xlsx`);
    assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'PK: an OOXML package');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      ['KPI day'],
    );
    const sheet = book.getWorksheet('KPI day')!;
    assert.equal(sheet.getCell('B1').value, 'Số lượt');
    assert.equal(sheet.getCell('C1').value, 'Đã phục vụ');
    assert.equal(sheet.actualRowCount, 2, 'the heading and the one day with tickets');
    assert.deepEqual([sheet.getCell('B2').value, sheet.getCell('C2').value], [4, 3]);
  });

  it('the dossier list as CSV: one line per dossier received, with its ticket number', async () => {
    const { file, bytes } = await downloadFrom(page, card.getByRole('button', { name: 'Danh sách hồ sơ (CSV)' }));
    assert.equal(file.suggestedFilename(), `ho-so-${monthStart}_${today}.csv`);
    const [header, ...rows] = csvLines(bytes);
    assert.equal(header, DOSSIER_CSV_HEADER);
    const cells = rows.map((line) => line.split(','));
    assert.deepEqual(cells.map((c) => c[1]).sort(), [...withDossier].sort(), 'the two tickets served with a dossier, not the guidance or the waiting one');
    for (const c of cells) {
      assert.equal(c[2], today);
      assert.equal(c[7], 'Lê Văn Nam');
    }
    assert.equal(requests.at(-1), `GET /api/v1/reports/dossiers.csv?from=${monthStart}&to=${today}`);
  });

  it('the monthly report as PDF, busy while the server prepares it', async () => {
    // Holds the request so that the busy state can be seen, then lets it through.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/reports/monthly.pdf?*', async (route) => {
      await held;
      await route.continue();
    });
    const downloaded = page.waitForEvent('download', WAIT);
    await card.getByRole('button', { name: 'Báo cáo tháng (PDF)' }).click();
    await card.getByTestId('export-status').filter({ hasText: 'Đang tạo tệp Báo cáo tháng (PDF)…' }).waitFor(WAIT);
    assert.equal(await card.getByRole('button', { name: 'Dữ liệu gửi tỉnh (JSON)' }).isDisabled(), true, 'one export at a time');
    assert.equal(await card.getByRole('button', { name: 'Bảng chỉ số (CSV)' }).isDisabled(), true);
    release();
    const file = await downloaded;
    await page.unroute('**/api/v1/reports/monthly.pdf?*');
    assert.equal(file.suggestedFilename(), `bao-cao-thang-${month}.pdf`);
    const bytes = await readFile(await file.path());
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = pdfText(bytes);
    assert.match(text, new RegExp(`BÁO CÁO KẾT QUẢ PHỤC VỤ THÁNG ${month.slice(5)}/${month.slice(0, 4)}`), 'the month asked for');
    assert.match(text, /Toàn bộ phận 4 3 /, 'the hall’s four tickets, three served');
    assert.equal(await card.getByRole('button', { name: 'Dữ liệu gửi tỉnh (JSON)' }).isEnabled(), true);
    assert.equal(requests.at(-1), `GET /api/v1/reports/monthly.pdf?month=${month}`);
  });

  it('the month for the provincial system as JSON: its schema, the hall’s agency code and this month’s totals', async () => {
    const { file, bytes } = await downloadFrom(page, card.getByRole('button', { name: 'Dữ liệu gửi tỉnh (JSON)' }));
    assert.equal(file.suggestedFilename(), `du-lieu-tinh-${month}.json`);
    const report = JSON.parse(bytes.toString('utf8'));
    assert.equal(report.schema, 'one-stop-hall/kpi-report/1');
    assert.equal(report.agencyCode, hall.config.hall.agencyCode);
    assert.equal(report.period.month, month);
    assert.deepEqual([report.totals.tickets, report.totals.served], [4, 3]);
    assert.deepEqual(Object.fromEntries(report.byService.map((r: { key: string; tickets: number }) => [r.key, r.tickets])), { 'dat-dai': 3, 'xay-dung': 1 });
    assert.ok(Array.isArray(report.byDay) && Array.isArray(report.byProcedure));
    assert.equal(typeof report.satisfaction766.dossiers, 'number');
  });

  it('a range whose end is before its start is refused in the page: its reason shown, the end field focused, no request', async () => {
    const sent = requests.length;
    const yesterday = businessDate(Date.parse(`${today}T12:00:00+07:00`) - 86_400_000);
    await card.getByTestId('export-from').fill(showBusinessDate(today));
    await card.getByTestId('export-to').fill(showBusinessDate(yesterday));
    for (const name of ['Bảng chỉ số (CSV)', 'Bảng chỉ số (XLSX)', 'Danh sách hồ sơ (CSV)']) await card.getByRole('button', { name }).click();
    assert.equal(
      (await card.getByTestId('export-range-problem').textContent())?.trim(),
      `Ngày kết thúc ${showBusinessDate(yesterday)} trước ngày bắt đầu ${showBusinessDate(today)}; vui lòng chọn lại khoảng thời gian.`,
    );
    assert.equal(await card.getByTestId('export-to').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator(':focus').getAttribute('data-testid'), 'export-to');
    // A day that is not in the calendar is refused the same way, naming its field.
    await card.getByTestId('export-from').fill('31/02/2026');
    await card.getByRole('button', { name: 'Bảng chỉ số (CSV)' }).click();
    assert.equal(
      (await card.getByTestId('export-range-problem').textContent())?.trim(),
      `“Từ ngày” chưa đúng: vui lòng nhập ngày theo dạng dd/mm/yyyy, ví dụ ${showBusinessDate(today)}.`,
    );
    // A range longer than the routes take, as they would refuse it.
    const longAgo = businessDate(Date.parse(`${today}T12:00:00+07:00`) - 400 * 86_400_000);
    await card.getByTestId('export-from').fill(showBusinessDate(longAgo));
    await card.getByTestId('export-to').fill(showBusinessDate(today));
    await card.getByRole('button', { name: 'Bảng chỉ số (XLSX)' }).click();
    assert.equal(
      (await card.getByTestId('export-range-problem').textContent())?.trim(),
      'Khoảng thời gian gồm 401 ngày; mỗi lần chỉ xuất được tối đa 366 ngày.',
    );
    await page.waitForTimeout(500);
    assert.equal(requests.length, sent, 'nothing was asked of the server');
    assert.deepEqual(await seriousA11yViolations(page), []);
    // Corrected, the message goes and the range is exported again.
    await card.getByTestId('export-from').fill(showBusinessDate(today));
    await card.getByTestId('export-to').fill(showBusinessDate(today));
    const { bytes } = await downloadFrom(page, card.getByRole('button', { name: 'Danh sách hồ sơ (CSV)' }));
    assert.equal(await card.getByTestId('export-range-problem').count(), 0);
    assert.equal(csvLines(bytes).length, 3, 'the header and the two dossiers of today');
  });

  it('a request that fails shows the message of its error code', async () => {
    await page.route('**/api/v1/reports/provincial?*', (route) => route.abort('connectionrefused'));
    await card.getByRole('button', { name: 'Dữ liệu gửi tỉnh (JSON)' }).click();
    assert.equal((await card.getByTestId('export-error').textContent(WAIT))?.trim(), 'Không kết nối được máy chủ, vui lòng thử lại.');
    await page.unroute('**/api/v1/reports/provincial?*');
    assert.equal(await card.getByRole('button', { name: 'Dữ liệu gửi tỉnh (JSON)' }).isEnabled(), true, 'the card is ready for another try');
  });
});
