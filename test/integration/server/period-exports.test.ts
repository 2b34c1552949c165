/**
 * The period report's files over HTTP on history imported for March 2026: the XLSX workbook read
 * back with exceljs (an independent reader, not our writer's code): one sheet per table, the
 * values, and the number formats (integers, minutes, scores, percentages as fractions shown with
 * %, dates as dates); the PDF's text (pdftotext) with the place line from the hall config and the
 * officers' names beside their ids.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { IMPORT_HEADER } from '../../../electron/core/ticket-import.ts';
import { importTicketsFile } from '../../../electron/server/import-tickets.ts';
import { hashPin } from '../../../electron/server/secrets.ts';
import { AccessStore } from '../../../electron/store/access-store.ts';
import { openHallDatabase } from '../../../electron/store/open-database.ts';
import { openDemoHall, startTestHall, tempDir, type TestHall } from '../../support/hall-server.ts';
import { pdfText } from '../../support/pdf-text.ts';

const t = (day: string, hhmm: string): string => `2026-03-${day}T${hhmm}:00+07:00`;
/**
 * ho-tich (cb-1): A001 wait 10, service 20, dossier, dissatisfied; A002 wait 20, service 10, very satisfied.
 * dat-dai (cb-2): C001 wait 5, service 10, dossier, satisfied.
 * QĐ 766 satisfaction: 2 dossiers, 1 dissatisfied → 50 %.
 */
const CSV = [
  IMPORT_HEADER.join(','),
  `ho-tich,A001,normal,${t('02', '08:00')},${t('02', '08:10')},${t('02', '08:10')},${t('02', '08:30')},quay-1,cb-1,served,dissatisfied,1.001193,000.14.21.H36-260302-0001`,
  `ho-tich,A002,normal,${t('03', '08:00')},${t('03', '08:20')},${t('03', '08:21')},${t('03', '08:31')},quay-1,cb-1,served,very_satisfied,,`,
  `dat-dai,C001,normal,${t('03', '09:00')},${t('03', '09:05')},${t('03', '09:05')},${t('03', '09:15')},quay-3,cb-2,served,satisfied,,000.14.21.H36-260303-0001`,
].join('\n');

/** A cell's value and number format as exceljs reads them. */
function cell(sheet: ExcelJS.Worksheet, ref: string): { value: unknown; numFmt: string | undefined } {
  const c = sheet.getCell(ref);
  return { value: c.value, numFmt: c.numFmt };
}

describe('period report files', () => {
  let tmp: ReturnType<typeof tempDir>;
  let hall: TestHall;
  let dashboard: string;
  before(async () => {
    tmp = tempDir('hall-period-files-');
    const dbPath = join(tmp.dir, 'hall.db');
    writeFileSync(join(tmp.dir, 'h.csv'), CSV);
    const db = openHallDatabase(dbPath);
    assert.equal(importTicketsFile(db, openDemoHall(), join(tmp.dir, 'h.csv'), { skipInvalid: false, now: Date.now() }).imported, 3);
    new AccessStore(db).addStaff({
      id: 'cb-1',
      username: 'an.nguyen',
      displayName: 'Nguyễn Văn An',
      role: 'officer',
      pinHash: hashPin('135790'),
      counterIds: ['quay-1'],
      now: Date.now(),
    });
    db.close();
    hall = await startTestHall({ dbPath, clock: () => Date.parse('2026-04-05T03:00:00Z') });
    dashboard = hall.device('dashboard');
  });
  after(async () => {
    await hall.close();
    tmp.cleanup();
  });

  const download = async (path: string): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Uint8Array<ArrayBuffer> }> => {
    const res = await fetch(hall.url + path, { headers: { authorization: `Bearer ${dashboard}` } });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      disposition: res.headers.get('content-disposition'),
      bytes: new Uint8Array(await res.arrayBuffer()),
    };
  };

  test('XLSX: one sheet per table, read back by exceljs with its values and number formats', async () => {
    const r = await download('/api/v1/reports/period.xlsx?period=2026-03');
    assert.equal(r.status, 200);
    assert.equal(r.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(r.disposition ?? '', /filename="bao-cao-2026-03-01_2026-03-31.xlsx"/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.bytes.buffer);
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      [
        'Kỳ báo cáo',
        'Toàn bộ phận',
        'Theo lĩnh vực',
        'Theo quầy',
        'Theo cán bộ',
        'TT01 chỉ số',
        'TT01 đơn vị',
        'TT01 cán bộ',
        'QĐ 468 cán bộ',
        'QĐ 468 bộ phận',
        'QĐ 766',
      ],
    );
    const sheet = (name: string): ExcelJS.Worksheet => {
      const s = book.getWorksheet(name);
      assert.ok(s, name);
      return s;
    };

    const period = sheet('Kỳ báo cáo');
    assert.deepEqual(cell(period, 'C2'), { value: 'Tháng 03/2026', numFmt: undefined });
    assert.deepEqual(cell(period, 'D2'), { value: new Date(Date.UTC(2026, 2, 1)), numFmt: 'dd/mm/yyyy' });
    assert.deepEqual(cell(period, 'E2'), { value: new Date(Date.UTC(2026, 2, 31)), numFmt: 'dd/mm/yyyy' });
    assert.deepEqual(cell(period, 'H2'), { value: 0.95, numFmt: '0.0%' });

    const hallRow = sheet('Toàn bộ phận');
    assert.equal(hallRow.getCell('A1').value, 'Số lượt');
    assert.equal(hallRow.getCell('A1').font?.bold, true);
    assert.deepEqual(cell(hallRow, 'A2'), { value: 3, numFmt: '#,##0' });
    assert.deepEqual(cell(hallRow, 'D2'), { value: 11.67, numFmt: '0.00' }, 'mean wait (10 + 20 + 5) / 3 minutes');
    assert.deepEqual(cell(hallRow, 'K2'), { value: 0.667, numFmt: '0.0%' }, 'satisfaction 2 of 3 ratings: 66.7 %');

    const services = sheet('Theo lĩnh vực');
    const rows = services
      .getSheetValues()
      .slice(2)
      .map((row) => (row as unknown[]).slice(1, 5));
    assert.deepEqual(rows, [
      ['dat-dai', 'C · Đất đai', 1, 1],
      ['ho-tich', 'A · Hộ tịch', 2, 2],
    ]);
    assert.deepEqual(cell(services, 'F3'), { value: 15, numFmt: '0.00' });
    assert.deepEqual(cell(services, 'I3'), { value: 0.5, numFmt: '0.0%' });

    const officers = sheet('Theo cán bộ');
    assert.deepEqual([officers.getCell('A1').value, officers.getCell('B1').value], ['Mã cán bộ', 'Cán bộ']);
    assert.deepEqual((officers.getRow(2).values as unknown[]).slice(1), ['cb-1', 'Nguyễn Văn An', 2, 2, 0, 15, 10, 20, 0.5, 15, 1, 2, 0.5]);
    assert.equal(officers.getCell('B3').value, null, 'cb-2 is not on the staff list: no name, the id stays');
    assert.equal(officers.getCell('A3').value, 'cb-2');

    const tt01 = sheet('TT01 chỉ số');
    const index7 = tt01.getSheetValues().findIndex((row) => Array.isArray(row) && row[1] === 7);
    assert.deepEqual((tt01.getRow(index7).values as unknown[]).slice(1), [7, 2, 0.5], 'index 7: the dissatisfied dossier 0 points, the satisfied one 1 → 0.5');
    assert.equal(tt01.getCell(`C${index7}`).numFmt, '0.0');
    assert.equal(tt01.getCell('C2').value, null, 'index 1 has no data: an empty cell, not 0');

    const i766 = sheet('QĐ 766');
    const satisfaction = i766.getSheetValues().find((row) => Array.isArray(row) && row[1] === 'satisfaction') as unknown[];
    assert.deepEqual(satisfaction.slice(4), [1, 2, 0.5]);
    const row = i766.getSheetValues().findIndex((x) => Array.isArray(x) && x[1] === 'satisfaction');
    assert.equal(i766.getCell(`F${row}`).numFmt, '0.0%');
  });

  test('the KPI table XLSX keeps its one sheet, with days as dates and percentages as percentages', async () => {
    const r = await download('/api/v1/reports/kpis.xlsx?from=2026-03-01&to=2026-03-31&groupBy=day');
    assert.equal(r.status, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.bytes.buffer);
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      ['KPI day'],
    );
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    assert.equal(sheet.getCell('E1').value, 'Chờ TB (phút)');
    assert.deepEqual(cell(sheet, 'A2'), { value: new Date(Date.UTC(2026, 2, 2)), numFmt: 'dd/mm/yyyy' });
    assert.deepEqual(cell(sheet, 'B3'), { value: 2, numFmt: '#,##0' });
    assert.deepEqual(cell(sheet, 'E3'), { value: 12.5, numFmt: '0.00' });
    assert.deepEqual(cell(sheet, 'L2'), { value: 0, numFmt: '0.0%' });
  });

  test('PDF: the period, the tables with names and ids, the place line from the hall config', async () => {
    const r = await download('/api/v1/reports/period.pdf?period=2026-03');
    assert.equal(r.status, 200);
    assert.equal(r.type, 'application/pdf');
    const text = pdfText(r.bytes);
    assert.match(text, /BÁO CÁO KẾT QUẢ PHỤC VỤ VÀ ĐÁNH GIÁ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH/);
    assert.match(text, /THÁNG 03\/2026/);
    assert.match(text, /Từ ngày 01\/03\/2026 đến ngày 31\/03\/2026/);
    assert.match(text, /A · Hộ tịch/);
    assert.match(text, /Nguyễn Văn An cb-1/);
    assert.match(text, /Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC 1 2 50 %/);
    assert.match(text, /Hòa Bình, ngày 05 tháng 4 năm 2026/);
    assert.match(text, /THỦ TRƯỞNG ĐƠN VỊ/);
  });

  test('a wrong period is refused with the field named, for every file', async () => {
    for (const path of ['/api/v1/reports/period.xlsx?period=2026-13', '/api/v1/reports/period.pdf?period=2026-Q5']) {
      const res = await fetch(hall.url + path, { headers: { authorization: `Bearer ${dashboard}` } });
      assert.equal(res.status, 400);
      const body = (await res.json()) as { error: { details: { issues: { path: string }[] } } };
      assert.equal(body.error.details.issues[0]?.path, 'period');
    }
  });
});
