/**
 * The official forms of the counter as A5 PDFs (TT 01/2018/TT-VPCP Điều 9.2: Mẫu 01–05 on A5,
 * 148 × 210 mm), with the fields and order of the forms' annex as used by provincial systems
 * (docs/reports.md, "Official receipts"):
 *   Mẫu 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả
 *   Mẫu 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
 *   Mẫu 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ
 * The legal basis printed under the form number is configuration (hall.formsLegalBasis). Text is
 * real text (DejaVu Sans embedded), so it is searchable and pdftotext reads it back.
 */
import PDFDocument from 'pdfkit';
import type { DossierView } from '../../common/dossier-wire.ts';
import type { HallConfig } from '../../common/hall-config.ts';
import { formatDateVi, localParts } from '../../core/business-time.ts';
import type { OutcomeRow } from '../../store/outcome-store.ts';
import { datelineOf, REPORT_FONTS } from '../reports/monthly-pdf.ts';

export interface ReceiptContent {
  readonly config: HallConfig;
  readonly dossier: DossierView;
  readonly outcome: OutcomeRow;
  readonly receiptNo: string;
}

/** A5 portrait in PDF points (1/72 in). */
export const A5 = { width: 419.53, height: 595.28 } as const;
const MARGIN = 34;
const WIDTH = A5.width - 2 * MARGIN;

const TITLES = {
  '01': 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
  '02': 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
  '03': 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
} as const;
const SUFFIX = { '01': 'TNHS', '02': 'BSHS', '03': 'TCHS' } as const;

const pad = (n: number): string => String(n).padStart(2, '0');

export function receiptPdf(c: ReceiptContent): Promise<Buffer> {
  const { config, dossier, outcome } = c;
  const tz = config.schedule.timeZone;
  const doc = new PDFDocument({
    size: [A5.width, A5.height],
    margin: MARGIN,
    info: { Title: `${TITLES[outcome.form]} ${dossier.code ?? ''}`.trim(), Author: config.hall.name.vi, Subject: `Mẫu số ${outcome.form}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('vn', REPORT_FONTS.regular);
  doc.registerFont('vn-bold', REPORT_FONTS.bold);

  // Form number and legal basis, top right.
  doc
    .font('vn')
    .fontSize(6.5)
    .fillColor('#1a1a1a')
    .text(`Mẫu số ${outcome.form} – ${config.hall.formsLegalBasis}`, MARGIN, 18, { width: WIDTH, align: 'right' });

  // Heading: the unit on the left, the national motto on the right.
  const half = WIDTH / 2;
  const top = 32;
  doc.font('vn').fontSize(7.5);
  if (config.hall.parentAgency) doc.text(config.hall.parentAgency.toUpperCase(), MARGIN, top, { width: half - 6, align: 'center' });
  doc
    .font('vn-bold')
    .fontSize(7.5)
    .text(config.hall.name.vi.toUpperCase(), MARGIN, config.hall.parentAgency ? doc.y : top, { width: half - 6, align: 'center' });
  doc
    .font('vn')
    .fontSize(7.5)
    .text(`Số: ${c.receiptNo}/${SUFFIX[outcome.form]}`, MARGIN, doc.y + 3, { width: half - 6, align: 'center' });
  const leftBottom = doc.y;
  doc
    .font('vn-bold')
    .fontSize(7.5)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', MARGIN + half, top, { width: half, align: 'center' });
  doc
    .font('vn-bold')
    .fontSize(7.5)
    .text('Độc lập - Tự do - Hạnh phúc', MARGIN + half, doc.y + 1, { width: half, align: 'center', underline: true });
  const d = localParts(outcome.decidedAt, tz);
  doc
    .font('vn')
    .fontSize(7.5)
    .text(`${config.hall.place === null ? '' : `${config.hall.place}, `}${datelineOf(d)}`, MARGIN + half, doc.y + 4, {
      width: half,
      align: 'center',
      oblique: true,
    });

  doc
    .font('vn-bold')
    .fontSize(10.5)
    .text(TITLES[outcome.form], MARGIN, Math.max(leftBottom, doc.y) + 14, { width: WIDTH, align: 'center' });
  doc
    .font('vn-bold')
    .fontSize(8.5)
    .text(`Mã hồ sơ: ${dossier.code ?? '—'}`, MARGIN, doc.y + 3, { width: WIDTH, align: 'center' });
  doc.moveDown(0.8);

  const line = (label: string, value: string, bold = false): void => {
    doc.font('vn').fontSize(8.5).text(`${label} `, MARGIN, doc.y, { width: WIDTH, continued: true });
    doc.font(bold ? 'vn-bold' : 'vn').text(value, { width: WIDTH });
    doc.moveDown(0.25);
  };
  const para = (text: string): void => {
    doc.font('vn').fontSize(8.5).text(text, MARGIN, doc.y, { width: WIDTH, align: 'justify' });
    doc.moveDown(0.25);
  };
  const a = dossier.applicant;
  const procedure = `${dossier.procedure.name} (mã thủ tục ${dossier.procedure.code})`;
  const at = (ms: number): string => {
    const p = localParts(ms, tz);
    return `${pad(p.hour)} giờ ${pad(p.minute)} phút, ngày ${pad(p.day)}/${pad(p.month)}/${p.year}`;
  };

  if (outcome.form === '01') {
    para(`${config.hall.name.vi} tiếp nhận hồ sơ của:`);
    line('Ông (Bà):', a.fullName, true);
    line('Số định danh cá nhân:', a.idNumber);
    if (a.placeOfResidence) line('Địa chỉ:', a.placeOfResidence);
    line('Nội dung yêu cầu giải quyết:', procedure);
    para('1. Thành phần hồ sơ nộp gồm:');
    papersTable(doc, dossier, config);
    line('2. Số lượng hồ sơ:', '01 (bộ)');
    line('3. Thời gian giải quyết hồ sơ theo quy định là:', outcome.period ?? '—');
    line('4. Thời gian nhận hồ sơ:', at(outcome.decidedAt));
    line('5. Thời gian trả kết quả giải quyết hồ sơ:', outcome.dueDate ? `ngày ${formatDateVi(outcome.dueDate)}` : '—', true);
    line('6. Đăng ký nhận kết quả tại:', `${config.hall.name.vi}, ${config.hall.address}`);
    para('Khi đến nhận kết quả, mang theo Giấy này và thẻ căn cước (hoặc giấy ủy quyền nếu nhận thay theo quy định).');
    signatures(doc, ['NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN HỒ SƠ'], [a.fullName, outcome.staffName ?? '']);
  } else if (outcome.form === '02') {
    line('Hồ sơ của Ông (Bà):', a.fullName, true);
    line('Nội dung yêu cầu giải quyết:', procedure);
    line('Ngày tiếp nhận kiểm tra:', at(outcome.decidedAt));
    para('Sau khi xem xét, đối chiếu với quy định, đề nghị Ông (Bà) bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:');
    outcome.items.forEach((item, i) => para(`${i + 1}. ${item}`));
    if (outcome.reason) line('Lý do:', outcome.reason);
    para(
      `Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông (Bà) liên hệ với ${config.hall.name.vi}${config.hall.phone ? `, số điện thoại ${config.hall.phone}` : ''} để được hướng dẫn.`,
    );
    signatures(doc, ['NGƯỜI HƯỚNG DẪN'], [outcome.staffName ?? '']);
  } else {
    para(`${config.hall.name.vi} tiếp nhận hồ sơ của:`);
    line('Ông (Bà):', a.fullName, true);
    line('Đề nghị giải quyết thủ tục:', procedure);
    para('Sau khi nghiên cứu, đối chiếu với quy định hiện hành, Bộ phận Một cửa từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:');
    para(outcome.reason ?? '');
    para('Xin thông báo để Ông (Bà) được biết và thực hiện./.');
    signatures(doc, ['NGƯỜI TIẾP NHẬN HỒ SƠ'], [outcome.staffName ?? '']);
  }
  doc.end();
  return done;
}

/** TT, paper, count as the procedure states it (bản chính, bản sao), pages scanned. */
function papersTable(doc: PDFKit.PDFDocument, dossier: DossierView, config: HallConfig): void {
  const procedure = config.procedures.find((p) => p.id === dossier.procedure.id);
  const scanned = new Map(dossier.papers.map((p) => [p.docTypeCode, p]));
  const rows = (procedure?.papers ?? [])
    .filter((p) => scanned.has(p.docTypeCode) || (p.replacedByForm && dossier.formId !== null))
    .map((p) => {
      const s = scanned.get(p.docTypeCode);
      return { name: p.name, count: s ? `${p.copies} (${s.pages} trang)` : `${p.copies} (tờ khai điện tử)` };
    });
  const cols = [18, WIDTH - 18 - 96, 96];
  let y = doc.y + 2;
  const row = (cells: readonly string[], bold: boolean): void => {
    doc.font(bold ? 'vn-bold' : 'vn').fontSize(7.5);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: (cols[i] ?? 0) - 6 }))) + 5;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const w = cols[i] ?? 0;
      doc.lineWidth(0.5).strokeColor('#555555').rect(x, y, w, h).stroke();
      doc.fillColor('#1a1a1a').text(cell, x + 3, y + 2.5, { width: w - 6, align: i === 1 ? 'left' : 'center' });
      x += w;
    });
    y += h;
  };
  row(['TT', 'Tên giấy tờ', 'Số lượng'], true);
  rows.forEach((r, i) => row([String(i + 1), r.name, r.count], false));
  doc.x = MARGIN;
  doc.y = y + 6;
}

function signatures(doc: PDFKit.PDFDocument, titles: readonly string[], names: readonly string[]): void {
  const y = doc.y + 10;
  const w = WIDTH / titles.length;
  titles.forEach((title, i) => {
    const x = MARGIN + (titles.length === 1 ? WIDTH / 2 : i * w);
    const width = titles.length === 1 ? WIDTH / 2 : w;
    doc.font('vn-bold').fontSize(8).text(title, x, y, { width, align: 'center' });
    doc.font('vn').fontSize(7).text('(Ký và ghi rõ họ tên)', x, doc.y, { width, align: 'center', oblique: true });
    doc
      .font('vn-bold')
      .fontSize(8)
      .text(names[i] ?? '', x, y + 58, { width, align: 'center' });
  });
  doc.x = MARGIN;
}
