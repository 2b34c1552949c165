/**
 * Ticket layout: a pure function of the TicketPrintJob (and the paper width), returning blocks
 * that a renderer turns into ESC/POS (raster or code-page text). Same job, same blocks: golden
 * tests and the simulator's PNG depend on it. Vietnamese user-facing strings live here because
 * the ticket is printed in Vietnamese only.
 */
import type { TicketPrintJob } from '../../electron/common/device-contract.ts';
import type { PriorityClass } from '../../electron/common/domain.ts';
import type { FontName } from './fonts/bitmap-font.ts';
import type { Bitmap } from './raster/bitmap.ts';

export type TicketAlign = 'left' | 'center';

export type TicketBlock =
  | { readonly kind: 'text'; readonly font: FontName; readonly align: TicketAlign; readonly text: string }
  | { readonly kind: 'image'; readonly bitmap: Bitmap }
  | { readonly kind: 'rule' }
  | { readonly kind: 'space'; readonly dots: number }
  | { readonly kind: 'qr'; readonly data: string };

export interface TicketLayoutOptions {
  /** The hall's logo as a 1-bit image, printed centred at the top; null for none. */
  readonly logo?: Bitmap | null;
}

const PRIORITY_LABELS: Readonly<Record<PriorityClass, string | null>> = {
  normal: null,
  elderly: 'ƯU TIÊN · Người cao tuổi',
  pregnant: 'ƯU TIÊN · Phụ nữ mang thai',
  disabled: 'ƯU TIÊN · Người khuyết tật',
  appointment: 'LỊCH HẸN',
};

/** dd/mm/yyyy HH:mm of an epoch-ms instant in an IANA time zone (Asia/Ho_Chi_Minh for halls). */
export function formatTicketTime(epochMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '??';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}

export function waitText(minutes: number | null): string {
  if (minutes === null) return 'Dự kiến chờ: chưa xác định';
  if (minutes < 1) return 'Dự kiến chờ: dưới 1 phút';
  return `Dự kiến chờ: khoảng ${minutes} phút`;
}

/** Rejects jobs a ticket cannot honestly show; the message names the field. */
export function checkTicketJob(job: TicketPrintJob): void {
  const fail = (field: string, why: string): never => {
    throw new RangeError(`ticket job: ${field} ${why}`);
  };
  if (job.number.trim() === '') fail('number', 'is empty');
  if (!/^[0-9A-Z-]{1,8}$/.test(job.number)) fail('number', `'${job.number}' must be 1–8 of 0-9, A-Z, '-'`);
  if (!Number.isInteger(job.peopleAhead) || job.peopleAhead < 0) fail('peopleAhead', `${job.peopleAhead} is not a whole number ≥ 0`);
  if (job.estimatedWaitMin !== null && (!Number.isFinite(job.estimatedWaitMin) || job.estimatedWaitMin < 0)) {
    fail('estimatedWaitMin', `${job.estimatedWaitMin} is not minutes ≥ 0`);
  }
  if (!Number.isFinite(job.issuedAt)) fail('issuedAt', 'is not epoch milliseconds');
  if (job.qr.text === '' || job.qr.text.length > 512) fail('qr.text', 'must be 1–512 characters');
  if (job.dossier !== undefined) checkDossierReceipt(job.dossier, fail);
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: job.timeZone });
  } catch {
    fail('timeZone', `'${job.timeZone}' is not an IANA time zone`);
  }
}

/** `<agency code>-YYMMDD-NNNN` (TT 01/2018): agency code segments, the submission date, a daily sequence of ≥ 4 digits. */
const DOSSIER_CODE = /^[0-9A-Z]{3}(\.[0-9A-Z]{2,3}){2,3}-\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])-\d{4,}$/;

function checkDossierReceipt(dossier: NonNullable<TicketPrintJob['dossier']>, fail: (field: string, why: string) => never): void {
  if (!DOSSIER_CODE.test(dossier.code)) fail('dossier.code', `'${dossier.code}' is not <agency code>-YYMMDD-NNNN (e.g. 000.14.21.H36-261123-0001)`);
  if (dossier.procedure.trim() === '') fail('dossier.procedure', 'is empty');
  if (!Number.isInteger(dossier.papers) || dossier.papers < 0) fail('dossier.papers', `${dossier.papers} is not a whole number ≥ 0`);
  if (!Number.isFinite(dossier.submittedAt)) fail('dossier.submittedAt', 'is not epoch milliseconds');
}

/**
 * The confirmation block of a kiosk-submitted dossier: title, code, procedure, papers, date, QR of
 * the code. It confirms the submission only: the official receipt with the due date of the result
 * (Mẫu 01) is given at the counter once the officer has checked the papers, and the slip says so.
 */
function dossierBlocks(dossier: NonNullable<TicketPrintJob['dossier']>, timeZone: string): TicketBlock[] {
  return [
    { kind: 'rule' },
    { kind: 'text', font: 'title', align: 'center', text: 'XÁC NHẬN NỘP HỒ SƠ' },
    { kind: 'text', font: 'body', align: 'left', text: `Mã hồ sơ: ${dossier.code}` },
    { kind: 'text', font: 'body', align: 'left', text: `Thủ tục: ${dossier.procedure}` },
    { kind: 'text', font: 'body', align: 'left', text: `Số giấy tờ đã nộp: ${dossier.papers}` },
    { kind: 'text', font: 'body', align: 'left', text: `Ngày nộp: ${formatTicketTime(dossier.submittedAt, timeZone)}` },
    { kind: 'space', dots: 12 },
    { kind: 'qr', data: dossier.code },
    { kind: 'text', font: 'small', align: 'center', text: 'Đưa mã này cho cán bộ tại quầy' },
    { kind: 'text', font: 'small', align: 'center', text: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' },
    { kind: 'text', font: 'small', align: 'center', text: 'được cấp tại quầy sau khi kiểm tra hồ sơ' },
  ];
}

/**
 * What the ticket says about its QR: the page to follow the turn on a phone, or, when the hall has
 * no address phones can reach (no publicBaseUrl), that the QR is only the ticket code.
 */
export function qrCaption(opensPage: boolean): TicketBlock[] {
  if (opensPage) return [{ kind: 'text', font: 'small', align: 'center', text: 'Quét mã để theo dõi lượt chờ' }];
  return [
    { kind: 'text', font: 'small', align: 'center', text: 'Mã QR là mã vé, để quét tại kiosk hoặc quầy' },
    { kind: 'text', font: 'small', align: 'center', text: 'Theo dõi lượt trên màn hình tại sảnh' },
  ];
}

export function layoutTicket(job: TicketPrintJob, options: TicketLayoutOptions = {}): TicketBlock[] {
  checkTicketJob(job);
  const blocks: TicketBlock[] = [];
  if (options.logo) blocks.push({ kind: 'image', bitmap: options.logo }, { kind: 'space', dots: 8 });
  blocks.push({ kind: 'text', font: 'title', align: 'center', text: job.hallName });
  blocks.push({ kind: 'rule' });
  blocks.push({ kind: 'text', font: 'body', align: 'center', text: job.serviceName });
  blocks.push({ kind: 'text', font: 'number', align: 'center', text: job.number });
  const priority = PRIORITY_LABELS[job.priority];
  if (priority !== null) blocks.push({ kind: 'text', font: 'title', align: 'center', text: priority });
  if (priority !== null && job.priorityDeclared === true) {
    blocks.push({ kind: 'text', font: 'small', align: 'center', text: 'Ưu tiên tự khai: cán bộ xác nhận tại quầy' });
  }
  blocks.push({ kind: 'space', dots: 8 });
  blocks.push({ kind: 'text', font: 'body', align: 'left', text: `Số người đang chờ trước: ${job.peopleAhead}` });
  blocks.push({ kind: 'text', font: 'body', align: 'left', text: waitText(job.estimatedWaitMin) });
  blocks.push({ kind: 'text', font: 'body', align: 'left', text: `Giờ lấy số: ${formatTicketTime(job.issuedAt, job.timeZone)}` });
  blocks.push({ kind: 'space', dots: 12 });
  blocks.push({ kind: 'qr', data: job.qr.text });
  blocks.push(...qrCaption(job.qr.opensPage));
  if (job.dossier !== undefined) blocks.push(...dossierBlocks(job.dossier, job.timeZone));
  if (job.footer !== null && job.footer.trim() !== '') {
    blocks.push({ kind: 'rule' });
    blocks.push({ kind: 'text', font: 'small', align: 'center', text: job.footer });
  }
  return blocks;
}
