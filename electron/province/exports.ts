/**
 * Exports of the monthly QĐ 766 ranking: JSON (the API's rows), XLSX (the hall's workbook writer,
 * electron/server/reports/xlsx.ts) and an A4 PDF (pdfkit with the hall reports' embedded DejaVu
 * fonts). Vietnamese headings; numbers stay numbers; "–" / empty where there is no data.
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Ranking766 } from '../common/province-wire.ts';
import { REPORT_FONTS } from '../server/reports/monthly-pdf.ts';
import type { Cell } from '../server/reports/table.ts';
import { xlsxWorkbook } from '../server/reports/xlsx.ts';
import type { Supervisor } from './credentials.ts';

export interface ExportFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

export const RANKING_HEADER = [
  'Hạng',
  'Mã Bộ phận Một cửa',
  'Tên Bộ phận Một cửa',
  'Khu vực',
  'Số hồ sơ',
  'Hồ sơ không hài lòng',
  'Tỷ lệ hài lòng QĐ 766 (%)',
  'Số lượt',
  'Chờ TB (phút)',
  'Chờ đạt mục tiêu (%)',
  'Hài lòng (%)',
] as const;

export function rankingCells(r: Ranking766['rows'][number]): Cell[] {
  return [
    r.rank === 0 ? null : r.rank,
    r.hallId,
    r.name,
    r.district,
    r.dossiers,
    r.dissatisfied,
    r.satisfaction766Pct,
    r.kpi.tickets,
    r.kpi.waitMeanMin,
    r.kpi.withinWaitTargetPct,
    r.kpi.satisfactionPct,
  ];
}

const fmt = (x: Cell): string => (x === null ? '–' : typeof x === 'number' ? x.toLocaleString('vi-VN') : x);

function rankingPdf(ranking: Ranking766, s: Supervisor): Promise<Buffer> {
  for (const path of Object.values(REPORT_FONTS)) {
    if (!existsSync(path)) throw new Error(`the report font ${path} is missing; install the Debian package fonts-dejavu-core`);
  }
  const [year, month] = ranking.month.split('-');
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 36,
    info: { Title: `Xếp hạng Bộ chỉ số 766 tháng ${month}/${year}`, Author: s.displayName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolveDone, reject) => {
    doc.on('end', () => resolveDone(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('vn', REPORT_FONTS.regular);
  doc.registerFont('vn-bold', REPORT_FONTS.bold);
  doc.font('vn-bold').fontSize(14).text(`XẾP HẠNG BỘ CHỈ SỐ 766 – THÁNG ${month}/${year}`, { align: 'center' });
  doc
    .font('vn')
    .fontSize(9)
    .text(`Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC (QĐ 766/QĐ-TTg) theo từng Bộ phận Một cửa · Người lập: ${s.displayName}`, { align: 'center' });
  const widths = [34, 90, 170, 60, 50, 60, 70, 50, 50, 60, 50];
  const left = 36;
  let y = doc.y + 10;
  const row = (cells: readonly string[], bold: boolean): void => {
    if (y > 540) {
      doc.addPage();
      y = 36;
    }
    let x = left;
    doc.font(bold ? 'vn-bold' : 'vn').fontSize(7.5);
    let height = 0;
    cells.forEach((c, i) => {
      const w = widths[i] ?? 50;
      height = Math.max(height, doc.heightOfString(c, { width: w - 4 }));
      doc.text(c, x + 2, y, { width: w - 4, align: i >= 4 || i === 0 ? 'right' : 'left' });
      x += w;
    });
    y += height + 4;
    doc
      .moveTo(left, y - 2)
      .lineTo(left + widths.reduce((a, b) => a + b, 0), y - 2)
      .lineWidth(0.3)
      .strokeColor('#999999')
      .stroke();
  };
  row([...RANKING_HEADER], true);
  for (const r of ranking.rows) row(rankingCells(r).map(fmt), false);
  doc.end();
  return done;
}

export async function exportRanking(ranking: Ranking766, format: 'json' | 'xlsx' | 'pdf', s: Supervisor): Promise<ExportFile> {
  const base = `xep-hang-766-${ranking.month}`;
  if (format === 'json') return { fileName: `${base}.json`, contentType: 'application/json; charset=utf-8', bytes: Buffer.from(JSON.stringify(ranking)) };
  if (format === 'xlsx') {
    return {
      fileName: `${base}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      bytes: Buffer.from(xlsxWorkbook(`Xếp hạng 766 ${ranking.month}`, RANKING_HEADER, ranking.rows.map(rankingCells))),
    };
  }
  return { fileName: `${base}.pdf`, contentType: 'application/pdf', bytes: await rankingPdf(ranking, s) };
}
