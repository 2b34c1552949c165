/**
 * The ticket page's words, Vietnamese first, English on request. Kept here rather than in
 * renderer/shared/i18n: the page is loaded on citizens' phones and carries nothing else.
 */
import type { PublicTicketState } from '../../electron/common/public-ticket-wire.ts';

export type Language = 'vi' | 'en';

const vi = {
  title: 'Số thứ tự của quý công dân',
  loading: 'Đang tải thông tin số thứ tự…',
  date: 'Ngày {date}',
  peopleAhead: 'Số người đang chờ trước: {n}',
  transferred: 'Số đã được chuyển đến quầy số {counter}. Vui lòng chờ quầy này gọi số.',
  waitUnder1: 'Dự kiến chờ: dưới 1 phút',
  wait: 'Dự kiến chờ: khoảng {n} phút',
  waiting: 'Đang chờ đến lượt',
  called: 'Mời công dân có số {number} đến quầy số {counter}',
  serving: 'Đang được phục vụ tại quầy số {counter}',
  held: 'Lượt của quý công dân đang được giữ tại quầy. Khi đã sẵn sàng, vui lòng quay lại quầy.',
  done: 'Đã phục vụ xong. Xin cảm ơn quý công dân.',
  no_show: 'Số đã được gọi nhưng quý công dân vắng mặt. Vui lòng liên hệ cán bộ hoặc lấy số mới.',
  cancelled: 'Số thứ tự này đã bị hủy.',
  expired: 'Số thứ tự đã hết hiệu lực: ngày làm việc {date} đã kết thúc.',
  notFound: 'Không tìm thấy số thứ tự. Vui lòng kiểm tra mã QR trên phiếu.',
  busy: 'Có nhiều người đang theo dõi, trang sẽ tự cập nhật chậm hơn.',
  offline: 'Mất kết nối, đang thử kết nối lại…',
  updated: 'Cập nhật lúc {time}',
  sound: 'Bật âm báo khi được gọi',
  soundOn: 'Đã bật âm báo',
  language: 'English',
} as const;

export type TextKey = keyof typeof vi;

const en: Record<TextKey, string> = {
  title: 'Your number',
  loading: 'Loading your ticket…',
  date: 'Date {date}',
  peopleAhead: 'People ahead of you: {n}',
  transferred: 'Your number has been transferred to counter {counter}. Please wait for that counter to call it.',
  waitUnder1: 'Estimated wait: under 1 minute',
  wait: 'Estimated wait: about {n} minutes',
  waiting: 'Waiting for your turn',
  called: 'Number {number}, please go to counter {counter}',
  serving: 'Being served at counter {counter}',
  held: 'Your turn is on hold at the counter. When you are ready, please go back to the counter.',
  done: 'Service completed. Thank you.',
  no_show: 'Your number was called but you were not there. Please see an officer or take a new number.',
  cancelled: 'This ticket has been cancelled.',
  expired: 'This ticket has expired: the working day {date} is over.',
  notFound: 'Ticket not found. Please check the QR code on your ticket.',
  busy: 'Many people are following their tickets; this page will update more slowly.',
  offline: 'Connection lost, reconnecting…',
  updated: 'Updated at {time}',
  sound: 'Sound an alert when called',
  soundOn: 'Alert sound on',
  language: 'Tiếng Việt',
};

const CATALOGUES: Record<Language, Record<TextKey, string>> = { vi, en };

export function text(lang: Language, key: TextKey, params: Readonly<Record<string, string | number>> = {}): string {
  return CATALOGUES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The sentence the page's live region announces for a state. */
export function stateText(lang: Language, state: PublicTicketState, view: { number: string; counterNumber: number | null; businessDate: string }): string {
  switch (state) {
    case 'called':
      return text(lang, 'called', { number: view.number, counter: view.counterNumber ?? '?' });
    case 'serving':
      return text(lang, 'serving', { counter: view.counterNumber ?? '?' });
    case 'expired':
      return text(lang, 'expired', { date: view.businessDate });
    default:
      return text(lang, state);
  }
}

/** HH:mm in the hall's time zone. */
export function clockText(epochMs: number): string {
  return new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(epochMs));
}
