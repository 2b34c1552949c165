/** Ticket jobs the device tests print: the sample Vietnamese ticket with a shorter service and footer. */
import type { TicketPrintJob } from '../../electron/common/device-contract.ts';
import { SAMPLE_TICKET } from '../../devices/printer/sample-ticket.ts';

/** Issued 02:05 UTC = 09:05 in Asia/Ho_Chi_Minh (UTC+7). */
export const VIETNAMESE_TICKET: TicketPrintJob = {
  ...SAMPLE_TICKET,
  serviceName: 'Đăng ký hộ tịch',
  qr: { text: 'http://127.0.0.1:7400/t/q3Xr0bYpT8mKzL2wVn5HcA', opensPage: true },
  footer: 'Cảm ơn quý khách. Xin vui lòng chờ đến lượt.',
};

export function ticket(change: Partial<TicketPrintJob> = {}): TicketPrintJob {
  return { ...VIETNAMESE_TICKET, ...change };
}
