/** The sample ticket of `npm run device -- print-test` and docs/screens/ticket.png; the device tests build on it. */
import type { TicketPrintJob } from '../../electron/common/device-contract.ts';

/** The sample ticket: every Vietnamese diacritic tier, a priority mark and a footer. */
export const SAMPLE_TICKET: TicketPrintJob = {
  hallName: 'Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh',
  serviceName: 'Đăng ký hộ tịch – khai sinh, kết hôn',
  number: 'A015',
  priority: 'elderly',
  peopleAhead: 7,
  estimatedWaitMin: 21,
  issuedAt: Date.UTC(2026, 10, 23, 2, 5),
  timeZone: 'Asia/Ho_Chi_Minh',
  qr: { text: 'https://xephang.example.gov.vn/t/q3Xr0bYpT8mKzL2wVn5HcA', opensPage: true },
  footer: 'Cảm ơn quý khách. Xin vui lòng chờ đến lượt; số đã qua sẽ được gọi lại khi quầy rảnh.',
};
