/**
 * The dashboard's data exports (renderer/dashboard/ExportDownloads.svelte) in Debian Chromium
 * against a real hall server: four tickets issued and three served at a counter (two with a dossier
 * received), then the supervisor downloads the KPI table as CSV and XLSX and the dossier list as CSV
 * over this month so far, and the monthly PDF and the provincial JSON of this month; each file is
 * read back and checked against those tickets. A range whose end is before its start, or a date
 * that does not exist, is refused in the page and no request leaves it; a failed request shows the
 * Vietnamese message of its error code. The report tab's own range (Reports.svelte) takes the same
 * dd/mm/yyyy fields with the same checks, and its month fields are chosen by name, so that an en-US
 * browser (which would show a native date field as mm/dd/yyyy and a month field as "December 2026")
 * still reads dd/mm/yyyy and "Tháng 12".
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
/** The reads of the report tab's charts and officer table over its range (Reports.svelte). */
const REPORT_PATHS = /^\/api\/v1\/(kpis|reports\/period)$/;
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

/** Resolves once `condition` holds, polling; fails with `what` and the last value seen. */
async function until<T>(read: () => T | Promise<T>, condition: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!condition(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await read();
  }
  return last;
}

/** The YYYY-MM a month field (renderer/shared/MonthField.svelte) holds: its month list and its year. */
async function chosenMonth(field: Locator): Promise<string> {
  const monthNumber = await field.getByRole('combobox', { name: 'Tháng', exact: true }).inputValue();
  return `${await field.getByLabel('Năm', { exact: true }).inputValue()}-${monthNumber}`;
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
  /** The report tab's reads over a range, as "path from..to [groupBy]", from its opening on. */
  const reportReads: string[] = [];
  /** The numbers of the two tickets served with a dossier received. */
  const withDossier: string[] = [];
  const today = businessDate(Date.now());
  const month = today.slice(0, 7);
  const monthStart = `${month}-01`;
  /** The report tab's default range: the last four weeks, today included. */
  const reportFrom = businessDate(Date.parse(`${today}T12:00:00+07:00`) - 27 * 86_400_000);
  const yesterday = businessDate(Date.parse(`${today}T12:00:00+07:00`) - 86_400_000);
  /** The report tab's three reads over a range (two KPI groupings and the period report). */
  const readsOf = (from: string, to: string) => [
    `/api/v1/kpis ${from}..${to} day`,
    `/api/v1/kpis ${from}..${to} hour`,
    `/api/v1/reports/period ${from}..${to}`,
  ];

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
    // An English (US) browser: native date and month fields would follow its locale.
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, locale: 'en-US' })).newPage();
    let onReports = false;
    page.on('request', (r) => {
      const { pathname, search, searchParams: q } = new URL(r.url());
      if (EXPORT_PATHS.test(pathname)) requests.push(`${r.method()} ${pathname}${search}`);
      if (onReports && REPORT_PATHS.test(pathname) && q.has('from'))
        reportReads.push(`${pathname} ${q.get('from')}..${q.get('to')}${q.has('groupBy') ? ` ${q.get('groupBy')}` : ''}`);
    });
    const dashboard = hall.device('dashboard');
    await page.addInitScript(
      `localStorage.setItem('hall.device.dashboard', ${JSON.stringify(JSON.stringify({ token: dashboard, counterId: null, role: 'dashboard' }))})`,
    );
    await page.goto(`${hall.url}/dashboard/`);
    onReports = true;
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
    assert.equal(await chosenMonth(card.getByTestId('export-month')), month);
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  it('in an en-US browser the report range reads dd/mm/yyyy and the months are chosen by their Vietnamese names', async () => {
    assert.equal(await page.evaluate<string>('navigator.language'), 'en-US');
    const range = page.getByTestId('report-range');
    // What the field shows is its value: a native date field would hold 2026-12-01 and show 12/01/2026.
    assert.equal(await range.getByLabel('Từ ngày').inputValue(), showBusinessDate(reportFrom));
    assert.equal(await range.getByLabel('Đến ngày').inputValue(), showBusinessDate(today));
    for (const field of [page.getByTestId('period-downloads').getByTestId('period-month'), card.getByTestId('export-month')]) {
      const monthSelect = field.getByRole('combobox', { name: 'Tháng', exact: true });
      assert.deepEqual(
        await monthSelect.locator('option').allTextContents(),
        Array.from({ length: 12 }, (_, i) => `Tháng ${i + 1}`),
      );
      assert.equal(
        await monthSelect.evaluate((s) => (s as unknown as { selectedOptions: { text: string }[] }).selectedOptions[0]?.text),
        `Tháng ${Number(month.slice(5))}`,
      );
      assert.equal(await field.getByLabel('Năm', { exact: true }).inputValue(), month.slice(0, 4));
    }
    // A year half typed chooses no month: the monthly files wait for one, and once left the field says why.
    const exportMonth = card.getByTestId('export-month');
    const year = exportMonth.getByLabel('Năm', { exact: true });
    const monthlyPdf = card.getByRole('button', { name: 'Báo cáo tháng (PDF)' });
    await year.fill('20');
    assert.equal(await monthlyPdf.isDisabled(), true);
    await year.press('Tab');
    assert.equal(await year.getAttribute('aria-invalid'), 'true');
    assert.equal((await exportMonth.getByRole('alert').textContent())?.trim(), `Vui lòng chọn tháng từ 01/2000 đến ${month.slice(5)}/${month.slice(0, 4)}.`);
    await year.fill(month.slice(0, 4));
    assert.equal(await monthlyPdf.isEnabled(), true);
    assert.equal(await year.getAttribute('aria-invalid'), 'false');
    assert.equal(await exportMonth.getByRole('alert').count(), 0);
    // The tab read its charts and officer table over the default range, as YYYY-MM-DD.
    await until(
      () => [...reportReads].sort(),
      (reads) => readsOf(reportFrom, today).every((r) => reads.includes(r)),
      'the reads of the default range',
    );
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

  it("the report tab's range: a day not in the calendar, an end before the start or too long a range is refused on the page and nothing is read; a valid range is read as before", async () => {
    const range = page.getByTestId('report-range');
    const from = range.getByLabel('Từ ngày');
    const to = range.getByLabel('Đến ngày');
    const problem = page.getByTestId('report-range-problem');
    await from.fill(showBusinessDate(today));
    await until(
      () => reportReads.slice(-3).sort(),
      (reads) => reads.join() === readsOf(today, today).join(),
      'the reads of today alone',
    );
    const sent = reportReads.length;
    // Typed and left (Tab): the problem shows with the field to correct.
    await to.fill(showBusinessDate(yesterday));
    await to.press('Tab');
    assert.equal(
      (await problem.textContent())?.trim(),
      `Ngày kết thúc ${showBusinessDate(yesterday)} trước ngày bắt đầu ${showBusinessDate(today)}; vui lòng chọn lại khoảng thời gian.`,
    );
    assert.equal(await to.getAttribute('aria-invalid'), 'true');
    assert.equal(await from.getAttribute('aria-invalid'), 'false');
    assert.equal(await to.getAttribute('aria-describedby'), await problem.getAttribute('id'));
    await from.fill('31/02/2026');
    await from.press('Tab');
    assert.equal((await problem.textContent())?.trim(), `“Từ ngày” chưa đúng: vui lòng nhập ngày theo dạng dd/mm/yyyy, ví dụ ${showBusinessDate(today)}.`);
    assert.equal(await from.getAttribute('aria-invalid'), 'true');
    const longAgo = businessDate(Date.parse(`${today}T12:00:00+07:00`) - 400 * 86_400_000);
    await from.fill(showBusinessDate(longAgo));
    await to.fill(showBusinessDate(today));
    await to.press('Tab');
    assert.equal((await problem.textContent())?.trim(), 'Khoảng thời gian gồm 401 ngày; mỗi lần chỉ xem được tối đa 366 ngày.');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.waitForTimeout(500);
    assert.deepEqual(reportReads.slice(sent), [], 'nothing was asked of the server');
    // Corrected: the message goes and the range is read as YYYY-MM-DD, the officer table with it.
    await from.fill(showBusinessDate(reportFrom));
    await until(
      () => reportReads.slice(sent).sort(),
      (reads) => reads.join() === readsOf(reportFrom, today).join(),
      'the reads of the corrected range',
    );
    assert.equal(await problem.count(), 0);
    assert.equal(await from.getAttribute('aria-invalid'), 'false');
    await page.getByTestId('officer-table').getByRole('cell', { name: 'Lê Văn Nam' }).waitFor(WAIT);
  });

  it('a request that fails shows the message of its error code', async () => {
    await page.route('**/api/v1/reports/provincial?*', (route) => route.abort('connectionrefused'));
    await card.getByRole('button', { name: 'Dữ liệu gửi tỉnh (JSON)' }).click();
    assert.equal((await card.getByTestId('export-error').textContent(WAIT))?.trim(), 'Không kết nối được máy chủ, vui lòng thử lại.');
    await page.unroute('**/api/v1/reports/provincial?*');
    assert.equal(await card.getByRole('button', { name: 'Dữ liệu gửi tỉnh (JSON)' }).isEnabled(), true, 'the card is ready for another try');
  });
});
