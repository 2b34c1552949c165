/**
 * Exports over HTTP on history imported for March 2026: the CSV and XLSX of a KPI table carry the
 * getKpis rows, the provincial JSON the QĐ 766 ratio and procedure codes, and the monthly PDF is
 * one page whose Vietnamese text extracts intact (pdftotext, Debian poppler-utils).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { IMPORT_HEADER } from '../../../electron/core/ticket-import.ts';
import { importTicketsFile } from '../../../electron/server/import-tickets.ts';
import { openHallDatabase } from '../../../electron/store/open-database.ts';
import { api, openDemoHall, startTestHall, tempDir, type TestHall } from '../../support/hall-server.ts';

const t = (day: string, hhmm: string): string => `2026-03-${day}T${hhmm}:00+07:00`;
/**
 * ho-tich: A001 wait 10, service 20, received dossier (code), dissatisfied; A002 wait 20, very satisfied.
 * dat-dai: C001 wait 5, service 10, dossier, satisfied.
 * 766: 2 dossiers, 1 dissatisfied → 50 %.
 */
const CSV = [
  IMPORT_HEADER.join(','),
  `ho-tich,A001,normal,${t('02', '08:00')},${t('02', '08:10')},${t('02', '08:10')},${t('02', '08:30')},quay-1,cb-1,served,dissatisfied,1.001193,000.14.21.H36-260302-0001`,
  `ho-tich,A002,normal,${t('03', '08:00')},${t('03', '08:20')},${t('03', '08:21')},${t('03', '08:31')},quay-1,cb-1,served,very_satisfied,,`,
  `dat-dai,C001,normal,${t('03', '09:00')},${t('03', '09:05')},${t('03', '09:05')},${t('03', '09:15')},quay-3,cb-2,served,satisfied,,000.14.21.H36-260303-0001`,
].join('\n');

describe('report exports', () => {
  let tmp: ReturnType<typeof tempDir>;
  let hall: TestHall;
  let dashboard: string;
  before(async () => {
    tmp = tempDir('hall-reports-');
    const dbPath = join(tmp.dir, 'hall.db');
    writeFileSync(join(tmp.dir, 'h.csv'), CSV);
    const db = openHallDatabase(dbPath);
    const summary = importTicketsFile(db, openDemoHall(), join(tmp.dir, 'h.csv'), { skipInvalid: false, now: Date.now() });
    db.close();
    assert.equal(summary.imported, 3);
    hall = await startTestHall({ dbPath, clock: () => Date.parse('2026-04-05T03:00:00Z') });
    dashboard = hall.device('dashboard');
  });
  after(async () => {
    await hall.close();
    tmp.cleanup();
  });

  const download = async (path: string): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Uint8Array }> => {
    const res = await fetch(hall.url + path, { headers: { authorization: `Bearer ${dashboard}` } });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      disposition: res.headers.get('content-disposition'),
      bytes: new Uint8Array(await res.arrayBuffer()),
    };
  };

  test('CSV by service: BOM, field names, one line per service with its name beside the id, empty for no data', async () => {
    const r = await download('/api/v1/reports/kpis.csv?from=2026-03-01&to=2026-03-31&groupBy=service');
    assert.equal(r.status, 200);
    assert.equal(r.type, 'text/csv; charset=utf-8');
    assert.match(r.disposition ?? '', /attachment; filename="kpi-service-2026-03-01_2026-03-31.csv"/);
    assert.deepEqual([...r.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(r.bytes);
    assert.deepEqual(text.slice(1).trimEnd().split('\r\n'), [
      'key,name,tickets,served,noShows,waitMeanMin,waitMedianMin,waitP90Min,withinWaitTargetPct,serviceMeanMin,withinServiceTargetPct,ratings,satisfactionPct',
      'dat-dai,C · Đất đai,1,1,0,5,5,5,100,10,100,1,100',
      'ho-tich,A · Hộ tịch,2,2,0,15,10,20,50,15,100,2,50',
    ]);
  });

  test('CSV by officer: the name column is empty for an id that is not on the staff list; by day, no name column', async () => {
    const officers = new TextDecoder('utf-8', { ignoreBOM: true })
      .decode((await download('/api/v1/reports/kpis.csv?from=2026-03-01&to=2026-03-31&groupBy=officer')).bytes)
      .trimEnd()
      .split('\r\n');
    assert.match(officers[0] ?? '', /^\uFEFFkey,name,tickets,/);
    assert.match(officers[1] ?? '', /^cb-1,,2,/);
    const days = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      (await download('/api/v1/reports/kpis.csv?from=2026-03-01&to=2026-03-31&groupBy=day')).bytes,
    );
    assert.match(days, /^\uFEFFkey,tickets,/);
  });

  test('XLSX by day: the package parts of a workbook, its Vietnamese headings inline and the numbers as numbers', async () => {
    const r = await download('/api/v1/reports/kpis.xlsx?from=2026-03-01&to=2026-03-31&groupBy=day');
    assert.equal(r.status, 200);
    const files = unzipSync(r.bytes);
    assert.ok(files['xl/workbook.xml'] && files['[Content_Types].xml'] && files['xl/styles.xml']);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    assert.match(sheet, /<t xml:space="preserve">Chờ TB \(phút\)<\/t>/);
    // 2026-03-02 as the spreadsheet's day serial 46083, then 1 ticket (read back with exceljs in period-exports.test.ts).
    assert.match(sheet, /<c r="A2" s="6"><v>46083<\/v><\/c><c r="B2" s="2"><v>1<\/v><\/c>/);
    // The time buckets read as dates and day names, not as the API's keys.
    const sheetOf = async (groupBy: string): Promise<string> =>
      strFromU8(
        unzipSync((await download(`/api/v1/reports/kpis.xlsx?from=2026-03-01&to=2026-03-31&groupBy=${groupBy}`)).bytes)['xl/worksheets/sheet1.xml'] ??
          new Uint8Array(),
      );
    assert.match(await sheetOf('hour'), /<t xml:space="preserve">02\/03\/2026 \d{2}:00<\/t>/);
    assert.match(await sheetOf('month'), /<t xml:space="preserve">03\/2026<\/t>/);
    assert.match(await sheetOf('weekday_hour'), /<t xml:space="preserve">Thứ Hai \d{2}:00<\/t>/);
  });

  test('provincial JSON: agency code, procedure codes, the QĐ 766 ratio', async () => {
    const r = await api(hall.url, 'GET', '/api/v1/reports/provincial?month=2026-03', { token: dashboard });
    assert.equal(r.status, 200);
    assert.equal(r.json.agencyCode, '000.14.21.H36');
    assert.deepEqual(r.json.period, { month: '2026-03', from: '2026-03-01', to: '2026-03-31', timeZone: 'Asia/Ho_Chi_Minh' });
    assert.equal(r.json.totals.tickets, 3);
    assert.deepEqual(r.json.satisfaction766, { dossiers: 2, dissatisfied: 1, ratioPct: 50 });
    const withCode = r.json.byProcedure.find((p: { procedureCode: string | null }) => p.procedureCode === '1.001193');
    assert.equal(withCode.tickets, 1);
    assert.equal(r.json.byService.find((s: { key: string }) => s.key === 'dat-dai').serviceName, 'Đất đai');
  });

  test('monthly PDF: one page, Vietnamese text intact', async () => {
    const r = await download('/api/v1/reports/monthly.pdf?month=2026-03');
    assert.equal(r.status, 200);
    assert.equal(r.type, 'application/pdf');
    const file = join(tmp.dir, 'report.pdf');
    writeFileSync(file, r.bytes);
    assert.match(execFileSync('pdfinfo', [file]).toString(), /^Pages:\s+1$/m);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    assert.match(text, /BÁO CÁO KẾT QUẢ PHỤC VỤ THÁNG 03\/2026/);
    assert.match(text, /Từ ngày 01\/03\/2026 đến ngày 31\/03\/2026/);
    assert.match(text, /THỦ TRƯỞNG ĐƠN VỊ/);
    assert.match(text, /Đất đai/);
    assert.match(text, /Hòa Bình, ngày 05 tháng 4 năm 2026/, 'the place from the hall config (hall.place)');
  });

  test('the OpenAPI document names every new operation with its query and response type', async () => {
    const doc = (await api(hall.url, 'GET', '/api/v1/openapi.json')).json;
    const ops = new Map<string, any>();
    for (const methods of Object.values(doc.paths) as Record<string, any>[]) for (const op of Object.values(methods)) ops.set(op.operationId, op);
    for (const id of [
      'submitRating',
      'getTodayKpis',
      'getAlerts',
      'getStaffingAdvice',
      'exportKpisCsv',
      'exportKpisXlsx',
      'exportProvincialJson',
      'exportMonthlyPdf',
    ]) {
      assert.ok(ops.has(id), id);
    }
    assert.ok(ops.get('submitRating').responses['201']);
    assert.ok(ops.get('exportMonthlyPdf').responses['200'].content['application/pdf']);
    const groupBy = ops.get('getKpis').parameters.find((p: { name: string }) => p.name === 'groupBy');
    assert.ok(groupBy.schema.enum.includes('weekday_hour'));
    assert.equal(ops.get('exportProvincialJson').parameters[0].name, 'month');
  });

  test('bad month and wrong role', async () => {
    const bad = await api(hall.url, 'GET', '/api/v1/reports/monthly.pdf?month=2026-13', { token: dashboard });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.details.issues[0].path, 'month');
    assert.equal((await api(hall.url, 'GET', '/api/v1/reports/kpis.csv', { token: hall.device('display') })).status, 403);
  });
});
