/**
 * The monthly report as one A4 page a supervisor signs: headline figures against the targets,
 * the mean wait by day (bars, with the target line), tickets by service, the table by service and
 * the signature block. Vietnamese text needs a font with its glyphs: DejaVu Sans (Debian
 * fonts-dejavu-core) is embedded (subset) in the PDF.
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { HallConfig } from '../../common/hall-config.ts';
import { formatDateVi } from '../../core/business-time.ts';
import type { MonthlyFigures } from './monthly.ts';

export const REPORT_FONTS = {
  regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
} as const;

const PAGE = { width: 595.28, height: 841.89, margin: 42 } as const;
const INK = '#1a1a1a';
const MUTED = '#666666';
const BAR = '#1565c0';
const OVER = '#c62828';

const fmt = (x: number | null, unit = ''): string => (x === null ? '–' : `${x.toLocaleString('vi-VN')}${unit}`);

export function monthlyPdf(config: HallConfig, f: MonthlyFigures, signedPlaceDate: { place: string; date: string }): Promise<Buffer> {
  for (const path of Object.values(REPORT_FONTS)) {
    if (!existsSync(path)) throw new Error(`the report font ${path} is missing; install the Debian package fonts-dejavu-core`);
  }
  const [year, month] = f.month.split('-');
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    autoFirstPage: true,
    info: { Title: `Báo cáo kết quả phục vụ tháng ${month}/${year}`, Author: config.hall.name.vi, Subject: 'KPI một cửa' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('vn', REPORT_FONTS.regular);
  doc.registerFont('vn-bold', REPORT_FONTS.bold);
  const left = PAGE.margin;
  const width = PAGE.width - 2 * PAGE.margin;

  // Heading: the unit on the left, the national motto on the right.
  doc
    .fillColor(INK)
    .font('vn-bold')
    .fontSize(9.5)
    .text(config.hall.name.vi.toUpperCase(), left, 40, { width: width / 2 - 10, align: 'center' });
  doc
    .font('vn')
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(`Mã cơ quan: ${config.hall.agencyCode}`, left, doc.y + 2, { width: width / 2 - 10, align: 'center' });
  doc
    .fillColor(INK)
    .font('vn-bold')
    .fontSize(9.5)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + width / 2, 40, { width: width / 2, align: 'center' });
  doc
    .font('vn-bold')
    .fontSize(9.5)
    .text('Độc lập - Tự do - Hạnh phúc', left + width / 2, doc.y + 2, { width: width / 2, align: 'center', underline: true });

  doc.font('vn-bold').fontSize(15).text(`BÁO CÁO KẾT QUẢ PHỤC VỤ THÁNG ${month}/${year}`, left, 100, { width, align: 'center' });
  const t = f.targets;
  doc
    .font('vn')
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      `Từ ngày ${formatDateVi(f.from)} đến ngày ${formatDateVi(f.to)} · Mục tiêu: chờ ≤ ${t.waitMinutes} phút/lượt, giải quyết ≤ ${t.serviceMinutes} phút/hồ sơ, hài lòng ≥ ${t.satisfactionPct} %`,
      left,
      doc.y + 4,
      { width, align: 'center' },
    );

  // Headline figures.
  const h = f.hall;
  const boxes: [string, string, boolean | null][] = [
    ['Số lượt', fmt(h.tickets), null],
    ['Đã phục vụ', fmt(h.served), null],
    ['Chờ trung bình', fmt(h.waitMeanMin, ' phút'), h.waitMeanMin === null ? null : h.waitMeanMin <= t.waitMinutes],
    ['Chờ đạt mục tiêu', fmt(h.withinWaitTargetPct, ' %'), null],
    ['Mức hài lòng', fmt(h.satisfactionPct, ' %'), h.satisfactionPct === null ? null : h.satisfactionPct >= t.satisfactionPct],
    [
      'Tỷ lệ hài lòng (QĐ 766)',
      fmt(f.satisfaction766.ratioPct, ' %'),
      f.satisfaction766.ratioPct === null ? null : f.satisfaction766.ratioPct >= t.satisfactionPct,
    ],
  ];
  const boxW = width / boxes.length;
  const boxY = 148;
  boxes.forEach(([label, value, ok], i) => {
    const x = left + i * boxW;
    doc
      .lineWidth(0.6)
      .strokeColor('#bbbbbb')
      .rect(x + 2, boxY, boxW - 4, 50)
      .stroke();
    doc
      .fillColor(MUTED)
      .font('vn')
      .fontSize(7.5)
      .text(label, x + 4, boxY + 6, { width: boxW - 8, align: 'center' });
    doc
      .fillColor(ok === false ? OVER : INK)
      .font('vn-bold')
      .fontSize(11.5)
      .text(value, x + 4, boxY + 26, { width: boxW - 8, align: 'center', lineBreak: false });
  });

  // Chart 1: mean wait by day, with the target line.
  const c1 = { x: left + 28, y: 232, w: width - 36, h: 150 };
  doc
    .fillColor(INK)
    .font('vn-bold')
    .fontSize(10)
    .text('Thời gian chờ trung bình theo ngày (phút)', left, c1.y - 18);
  const days = f.byDay;
  const maxWait = Math.max(t.waitMinutes * 1.25, ...days.map((d) => d.waitMeanMin ?? 0));
  const scaleY = (v: number): number => c1.y + c1.h - (v / maxWait) * c1.h;
  doc
    .lineWidth(0.5)
    .strokeColor('#999999')
    .moveTo(c1.x, c1.y)
    .lineTo(c1.x, c1.y + c1.h)
    .lineTo(c1.x + c1.w, c1.y + c1.h)
    .stroke();
  for (const tick of [0, Math.round(maxWait / 2), Math.round(maxWait)]) {
    doc
      .fillColor(MUTED)
      .font('vn')
      .fontSize(7)
      .text(String(tick), left, scaleY(tick) - 4, { width: 24, align: 'right' });
  }
  const slot = days.length > 0 ? c1.w / days.length : c1.w;
  days.forEach((d, i) => {
    const v = d.waitMeanMin ?? 0;
    const x = c1.x + i * slot + slot * 0.15;
    doc
      .fillColor(v > t.waitMinutes ? OVER : BAR)
      .rect(x, scaleY(v), slot * 0.7, c1.y + c1.h - scaleY(v))
      .fill();
    doc
      .fillColor(MUTED)
      .font('vn')
      .fontSize(6.5)
      .text(d.key.slice(8), c1.x + i * slot, c1.y + c1.h + 3, { width: slot, align: 'center' });
  });
  doc
    .lineWidth(1)
    .strokeColor(OVER)
    .dash(4, { space: 3 })
    .moveTo(c1.x, scaleY(t.waitMinutes))
    .lineTo(c1.x + c1.w, scaleY(t.waitMinutes))
    .stroke()
    .undash();
  doc
    .fillColor(OVER)
    .font('vn')
    .fontSize(7)
    .text(`mục tiêu ${t.waitMinutes} phút`, c1.x + c1.w - 90, scaleY(t.waitMinutes) - 10, { width: 90, align: 'right' });
  if (days.length === 0)
    doc
      .fillColor(MUTED)
      .fontSize(9)
      .text('Không có số liệu trong tháng', c1.x, c1.y + c1.h / 2, { width: c1.w, align: 'center' });

  // Chart 2: tickets by service (horizontal bars).
  const names = new Map(config.services.map((s) => [s.id, s.name.vi]));
  const c2 = { x: left + 150, y: 418, w: width - 200, rowH: 15 };
  doc
    .fillColor(INK)
    .font('vn-bold')
    .fontSize(10)
    .text('Số lượt theo lĩnh vực', left, c2.y - 18);
  const maxTickets = Math.max(1, ...f.byService.map((r) => r.tickets));
  f.byService.forEach((r, i) => {
    const y = c2.y + i * c2.rowH;
    doc
      .fillColor(INK)
      .font('vn')
      .fontSize(8)
      .text(names.get(r.key) ?? r.key, left, y + 2, { width: 145, ellipsis: true, lineBreak: false });
    const w = (r.tickets / maxTickets) * c2.w;
    doc
      .fillColor(BAR)
      .rect(c2.x, y + 2, w, c2.rowH - 5)
      .fill();
    doc
      .fillColor(INK)
      .fontSize(7.5)
      .text(fmt(r.tickets), c2.x + w + 4, y + 3, { width: 60, lineBreak: false });
  });

  // Table by service.
  const tableY = c2.y + Math.max(1, f.byService.length) * c2.rowH + 22;
  doc
    .fillColor(INK)
    .font('vn-bold')
    .fontSize(10)
    .text('Kết quả theo lĩnh vực', left, tableY - 16, { continued: true })
    .font('vn')
    .fontSize(8)
    .fillColor(MUTED)
    .text('   (thời gian tính bằng phút)');
  const cols: [string, number, (r: (typeof f.byService)[number]) => string][] = [
    ['Lĩnh vực', 150, (r) => names.get(r.key) ?? r.key],
    ['Số lượt', 45, (r) => fmt(r.tickets)],
    ['Phục vụ', 45, (r) => fmt(r.served)],
    ['Chờ TB', 48, (r) => fmt(r.waitMeanMin)],
    ['Chờ P90', 48, (r) => fmt(r.waitP90Min)],
    ['Đạt chờ %', 55, (r) => fmt(r.withinWaitTargetPct)],
    ['Giải quyết TB', 68, (r) => fmt(r.serviceMeanMin)],
    ['Hài lòng %', width - 459, (r) => fmt(r.satisfactionPct)],
  ];
  const rowH = 14;
  const drawRow = (cells: string[], y: number, bold: boolean): void => {
    let x = left;
    cells.forEach((text, i) => {
      const w = cols[i]?.[1] ?? 50;
      doc
        .fillColor(INK)
        .font(bold ? 'vn-bold' : 'vn')
        .fontSize(7.5)
        .text(text, x + 3, y + 3, { width: w - 6, align: i === 0 ? 'left' : 'right', lineBreak: false, ellipsis: true });
      x += w;
    });
    doc
      .lineWidth(0.4)
      .strokeColor('#cccccc')
      .moveTo(left, y + rowH)
      .lineTo(left + width, y + rowH)
      .stroke();
  };
  drawRow(
    cols.map((c) => c[0]),
    tableY,
    true,
  );
  f.byService.forEach((r, i) =>
    drawRow(
      cols.map((c) => c[2](r)),
      tableY + (i + 1) * rowH,
      false,
    ),
  );
  drawRow(
    cols.map((c, i) => (i === 0 ? 'Toàn bộ phận' : c[2](h))),
    tableY + (f.byService.length + 1) * rowH,
    true,
  );

  // Signature block.
  const signY = Math.max(tableY + (f.byService.length + 2) * rowH + 24, 690);
  doc
    .fillColor(INK)
    .font('vn')
    .fontSize(8.5)
    .text(`${signedPlaceDate.place}, ${signedPlaceDate.date}`, left + width / 2, signY - 14, { width: width / 2, align: 'center' });
  doc
    .font('vn-bold')
    .fontSize(9.5)
    .text('NGƯỜI LẬP BIỂU', left, signY, { width: width / 2, align: 'center' });
  doc.text('THỦ TRƯỞNG ĐƠN VỊ', left + width / 2, signY, { width: width / 2, align: 'center' });
  doc
    .font('vn')
    .fontSize(8)
    .fillColor(MUTED)
    .text('(Ký, ghi rõ họ tên)', left, signY + 14, { width: width / 2, align: 'center' });
  doc.text('(Ký, ghi rõ họ tên, đóng dấu)', left + width / 2, signY + 14, { width: width / 2, align: 'center' });
  doc.end();
  return done;
}

/**
 * "ngày 05 tháng 4 năm 2026" for 2026-04-05: the dateline of a Vietnamese administrative document.
 * Nghị định 30/2020/NĐ-CP (Phụ lục I): a 0 before a day under 10 and before the months 1 and 2 only.
 */
export function vietnameseDateline(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return datelineOf({ year, month, day });
}

/** The same dateline from a date's parts (business-time's localParts). */
export function datelineOf({ year, month, day }: { readonly year: number; readonly month: number; readonly day: number }): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `ngày ${two(day)} tháng ${month <= 2 ? two(month) : String(month)} năm ${year}`;
}
