/**
 * The period report (period-report.ts) as an A4 PDF a supervisor signs: the unit and the national
 * motto, the period, the headline figures, then one table per part (by service, by officer,
 * TT 01/2018 indices and officers, QĐ 468, QĐ 766) with page breaks between rows as needed, and the
 * signature block under the place and date line. The same names as every export: "A · Hộ tịch",
 * the officer's name with the id in its own column. Text in DejaVu Sans (monthly-pdf.ts).
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { formatDateVi } from '../../core/business-time.ts';
import { OFFICER_INDICES } from '../../core/tt01-scoring.ts';
import { REPORT_FONTS } from './monthly-pdf.ts';
import type { PeriodReport } from './period-report.ts';

const PAGE = { width: 595.28, height: 841.89, margin: 40 } as const;
const INK = '#1a1a1a';
const MUTED = '#555555';
const ROW_H = 14;

const num = (x: number | null, unit = ''): string => (x === null ? '–' : `${x.toLocaleString('vi-VN')}${unit}`);
const yesNo = (b: boolean | null): string => (b === null ? '–' : b ? 'Có' : 'Không');

interface TableColumn {
  readonly heading: string;
  /** Share of the page width. */
  readonly share: number;
  readonly align?: 'left' | 'right';
}

export function periodPdf(report: PeriodReport, signedPlaceDate: { place: string; date: string }): Promise<Buffer> {
  for (const path of Object.values(REPORT_FONTS)) {
    if (!existsSync(path)) throw new Error(`the report font ${path} is missing; install the Debian package fonts-dejavu-core`);
  }
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    autoFirstPage: true,
    info: { Title: `Báo cáo ${report.period.labelVi}`, Author: report.hall.name, Subject: 'TT 01/2018, QĐ 468, QĐ 766' },
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
  const bottom = PAGE.height - PAGE.margin;
  let y = 40;

  const ensure = (height: number): void => {
    if (y + height > bottom) {
      doc.addPage();
      y = PAGE.margin;
    }
  };
  const heading = (text: string): void => {
    ensure(18 + 3 * ROW_H);
    doc.fillColor(INK).font('vn-bold').fontSize(10.5).text(text, left, y, { width });
    y = doc.y + 4;
  };
  const note = (text: string): void => {
    ensure(ROW_H);
    doc.fillColor(MUTED).font('vn').fontSize(8).text(text, left, y, { width });
    y = doc.y + 4;
  };
  const row = (columns: readonly TableColumn[], cells: readonly string[], bold: boolean): void => {
    ensure(ROW_H);
    let x = left;
    columns.forEach((c, i) => {
      const w = c.share * width;
      doc
        .fillColor(INK)
        .font(bold ? 'vn-bold' : 'vn')
        .fontSize(7.5)
        .text(cells[i] ?? '', x + 3, y + 3, { width: w - 6, align: c.align ?? (i === 0 ? 'left' : 'right'), lineBreak: false, ellipsis: true });
      x += w;
    });
    doc
      .lineWidth(0.4)
      .strokeColor('#cccccc')
      .moveTo(left, y + ROW_H)
      .lineTo(left + width, y + ROW_H)
      .stroke();
    y += ROW_H;
  };
  const table = (columns: readonly TableColumn[], rows: readonly (readonly string[])[]): void => {
    row(
      columns,
      columns.map((c) => c.heading),
      true,
    );
    if (rows.length === 0) row(columns, ['Không có số liệu'], false);
    for (const r of rows) row(columns, r, false);
    y += 10;
  };

  // Heading: the unit on the left, the national motto on the right.
  const half = width / 2;
  doc
    .fillColor(INK)
    .font('vn-bold')
    .fontSize(9.5)
    .text(report.hall.name.toUpperCase(), left, y, { width: half - 10, align: 'center' });
  doc
    .font('vn')
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(`Mã cơ quan: ${report.hall.agencyCode}`, left, doc.y + 2, { width: half - 10, align: 'center' });
  doc
    .fillColor(INK)
    .font('vn-bold')
    .fontSize(9.5)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + half, y, { width: half, align: 'center' });
  doc
    .font('vn-bold')
    .fontSize(9.5)
    .text('Độc lập - Tự do - Hạnh phúc', left + half, doc.y + 2, { width: half, align: 'center', underline: true });
  y = 100;
  doc.font('vn-bold').fontSize(14).text('BÁO CÁO KẾT QUẢ PHỤC VỤ VÀ ĐÁNH GIÁ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH', left, y, { width, align: 'center' });
  doc
    .font('vn-bold')
    .fontSize(11)
    .text(report.period.labelVi.toUpperCase(), left, doc.y + 2, { width, align: 'center' });
  const t = report.targets;
  doc
    .font('vn')
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(
      `Từ ngày ${formatDateVi(report.period.from)} đến ngày ${formatDateVi(report.period.to)} · Mục tiêu: chờ ≤ ${t.waitMinutes} phút, giải quyết ≤ ${t.serviceMinutes} phút, hài lòng ≥ ${t.satisfactionPct} %`,
      left,
      doc.y + 4,
      { width, align: 'center' },
    );
  y = doc.y + 14;

  const h = report.kpis.hall;
  heading('1. Kết quả phục vụ toàn bộ phận');
  table(
    [
      { heading: 'Số lượt', share: 0.12 },
      { heading: 'Đã phục vụ', share: 0.13 },
      { heading: 'Vắng mặt', share: 0.12 },
      { heading: 'Chờ TB (phút)', share: 0.15 },
      { heading: 'Chờ đạt mục tiêu', share: 0.16 },
      { heading: 'Giải quyết TB (phút)', share: 0.17 },
      { heading: 'Hài lòng', share: 0.15 },
    ].map((c) => ({ ...c, align: 'right' as const })),
    [
      [
        num(h.tickets),
        num(h.served),
        num(h.noShows),
        num(h.waitMeanMin),
        num(h.withinWaitTargetPct, ' %'),
        num(h.serviceMeanMin),
        num(h.satisfactionPct, ' %'),
      ],
    ],
  );

  const kpiColumns = (first: string): TableColumn[] => [
    { heading: first, share: 0.3 },
    { heading: 'Số lượt', share: 0.1 },
    { heading: 'Đã phục vụ', share: 0.11 },
    { heading: 'Chờ TB', share: 0.1 },
    { heading: 'Chờ đạt %', share: 0.11 },
    { heading: 'Giải quyết TB', share: 0.14 },
    { heading: 'Hài lòng %', share: 0.14 },
  ];
  const kpiRow = (label: string, r: PeriodReport['kpis']['hall']): string[] => [
    label,
    num(r.tickets),
    num(r.served),
    num(r.waitMeanMin),
    num(r.withinWaitTargetPct),
    num(r.serviceMeanMin),
    num(r.satisfactionPct),
  ];
  heading('2. Theo lĩnh vực');
  note('Thời gian tính bằng phút.');
  table(
    kpiColumns('Lĩnh vực'),
    report.kpis.byService.map((r) => kpiRow(r.name ?? r.key, r)),
  );

  heading('3. Theo cán bộ');
  const officerKpiColumns: TableColumn[] = [
    { heading: 'Cán bộ', share: 0.22 },
    { heading: 'Mã cán bộ', share: 0.14, align: 'left' },
    ...kpiColumns('')
      .slice(1)
      .map((c) => ({ ...c, share: c.share * 0.91 })),
  ];
  table(
    officerKpiColumns,
    report.kpis.byOfficer
      .filter((r) => r.key !== '(none)')
      .map((r) => {
        const [label, ...rest] = kpiRow(r.name ?? '–', r);
        return [label ?? '', r.key, ...rest];
      }),
  );

  const u = report.tt01.unit;
  heading('4. Đánh giá theo Thông tư 01/2018/TT-VPCP');
  note(
    `Tổng điểm đơn vị: ${num(u.total)} trên ${u.scored}/9 chỉ số có dữ liệu (${num(u.dossiers)} hồ sơ) · Xếp loại: ${u.classificationVi ?? '–'}${u.complete ? '' : ' (chưa đủ 9 chỉ số)'}`,
  );
  table(
    [
      { heading: 'Chỉ số', share: 0.2, align: 'left' },
      { heading: 'Số hồ sơ có dữ liệu', share: 0.4 },
      { heading: 'Điểm', share: 0.4 },
    ],
    u.indices.map((i) => [`Chỉ số ${i.index}`, num(i.dossiers), num(i.score)]),
  );
  table(
    [
      { heading: 'Cán bộ', share: 0.2 },
      { heading: 'Mã cán bộ', share: 0.12, align: 'left' },
      { heading: 'Hồ sơ', share: 0.07 },
      ...OFFICER_INDICES.map((i): TableColumn => ({ heading: `CS ${i}`, share: 0.06 })),
      { heading: 'Tổng', share: 0.07 },
      { heading: 'Xếp loại', share: 0.24, align: 'left' },
    ],
    report.tt01.officers.map((o) => [
      o.name ?? '–',
      o.officerId,
      num(o.dossiers),
      ...OFFICER_INDICES.map((i) => num(o.indices.find((s) => s.index === i)?.score ?? null)),
      num(o.total),
      o.classificationVi ?? '–',
    ]),
  );

  const p = report.productivity;
  heading('5. Năng suất tiếp nhận theo Quyết định 468/QĐ-TTg');
  note(
    p.applicable
      ? `Định mức ${num(p.target)} hồ sơ/cán bộ/năm · Dự kiến cả năm của bộ phận ${num(p.hallPacePerYear)} hồ sơ, ${p.officersOnDuty} cán bộ làm việc, ${num(p.pacePerOfficer)} hồ sơ/cán bộ · Đạt: ${yesNo(p.met)}`
      : `Định mức ${num(p.target)} hồ sơ/cán bộ/năm không áp dụng: cả bộ phận dự kiến tiếp nhận ${num(p.hallPacePerYear)} hồ sơ trong năm.`,
  );
  table(
    [
      { heading: 'Cán bộ', share: 0.22 },
      { heading: 'Mã cán bộ', share: 0.14, align: 'left' },
      { heading: 'Trong kỳ', share: 0.14 },
      { heading: 'Từ đầu năm', share: 0.14 },
      { heading: 'Dự kiến cả năm', share: 0.16 },
      { heading: 'Đạt định mức', share: 0.2 },
    ],
    p.officers.map((o) => [o.name ?? '–', o.officerId, num(o.received), num(o.receivedYtd), num(o.pacePerYear), yesNo(o.met)]),
  );

  heading('6. Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)');
  table(
    [
      { heading: 'Chỉ số', share: 0.55 },
      { heading: 'Tử số', share: 0.15 },
      { heading: 'Mẫu số', share: 0.15 },
      { heading: 'Giá trị', share: 0.15 },
    ],
    report.index766.map((i) => [i.nameVi, num(i.numerator), num(i.denominator), num(i.valuePct, ' %')]),
  );

  // Signature block.
  ensure(90);
  y += 10;
  doc
    .fillColor(INK)
    .font('vn')
    .fontSize(8.5)
    .text(`${signedPlaceDate.place}, ${signedPlaceDate.date}`, left + half, y, { width: half, align: 'center' });
  y += 14;
  doc.font('vn-bold').fontSize(9.5).text('NGƯỜI LẬP BIỂU', left, y, { width: half, align: 'center' });
  doc.text('THỦ TRƯỞNG ĐƠN VỊ', left + half, y, { width: half, align: 'center' });
  doc
    .font('vn')
    .fontSize(8)
    .fillColor(MUTED)
    .text('(Ký, ghi rõ họ tên)', left, y + 14, { width: half, align: 'center' });
  doc.text('(Ký, ghi rõ họ tên, đóng dấu)', left + half, y + 14, { width: half, align: 'center' });
  doc.end();
  return done;
}
