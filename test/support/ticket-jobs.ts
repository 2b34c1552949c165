/** Ticket jobs the device tests print: Vietnamese with every diacritic tier, and edge cases. */
import type { TicketPrintJob } from '../../electron/common/device-contract.ts';

export const VIETNAMESE_TICKET: TicketPrintJob = {
  hallName: 'Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh',
  serviceName: 'Đăng ký hộ tịch',
  number: 'A015',
  priority: 'elderly',
  peopleAhead: 7,
  estimatedWaitMin: 21,
  // 02:05 UTC = 09:05 in Asia/Ho_Chi_Minh (UTC+7).
  issuedAt: Date.UTC(2026, 10, 23, 2, 5),
  timeZone: 'Asia/Ho_Chi_Minh',
  statusUrl: 'http://127.0.0.1:7400/ve/A015-2026-11-23',
  footer: 'Cảm ơn quý khách. Xin vui lòng chờ đến lượt.',
};

export function ticket(change: Partial<TicketPrintJob> = {}): TicketPrintJob {
  return { ...VIETNAMESE_TICKET, ...change };
}
