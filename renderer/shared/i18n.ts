/**
 * Screen text in Vietnamese (default) and English, one catalogue per locale and app under
 * i18n/<locale>/<app>.ts. Every English catalogue is typed by its Vietnamese one, so a key missing
 * in either fails the typecheck (a unit test checks it too). Every server error code has a message
 * in both (errorMessage). `{name}` marks a parameter. Vietnamese strings are NFC.
 */
import { ERROR_CODES, type ErrorCode } from '../../electron/common/errors.ts';
import type { DeviceFault, DeviceState, TerminalRole } from '../../electron/common/device-contract.ts';
import type { PriorityClass, RatingLevel, ServiceOutcome, TicketStatus } from '../../electron/common/domain.ts';
import type { DossierState, IdentitySource } from '../../electron/common/dossier-wire.ts';

import type { common as ViCommon } from './i18n/vi/common.ts';
import type { kiosk as ViKiosk } from './i18n/vi/kiosk.ts';
import type { display as ViDisplay } from './i18n/vi/display.ts';
import type { counter as ViCounter } from './i18n/vi/counter.ts';
import type { rating as ViRating } from './i18n/vi/rating.ts';
import type { dashboard as ViDashboard } from './i18n/vi/dashboard.ts';
import type { eform as ViEform } from './i18n/vi/eform.ts';
import type { province as ViProvince } from './i18n/vi/province.ts';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Every key of every app (a type only: the texts are registered per app, see catalogues.ts). */
export type MessageKey = keyof (typeof ViCommon &
  typeof ViKiosk &
  typeof ViDisplay &
  typeof ViCounter &
  typeof ViRating &
  typeof ViDashboard &
  typeof ViEform &
  typeof ViProvince);

/** One catalogue part (i18n/parts/<name>.ts) in both languages. */
export interface CataloguePart {
  readonly vi: Readonly<Record<string, string>>;
  readonly en: Readonly<Record<string, string>>;
}

/** The texts the running app registered. */
const texts: Record<Language, Record<string, string>> = { vi: {}, en: {} };
const reported = new Set<string>();

/** Makes the parts' texts available to `translate`; each app's main.ts registers the parts its screens use. */
export function registerCatalogues(...parts: readonly CataloguePart[]): void {
  for (const part of parts) {
    Object.assign(texts.vi, part.vi);
    Object.assign(texts.en, part.en);
  }
}

/** Client-side and rating-API codes that electron/common/errors.ts does not list. */
const EXTRA_ERRORS: Readonly<Record<string, { readonly vi: string; readonly en: string }>> = {
  NETWORK: { vi: 'Không kết nối được máy chủ, vui lòng thử lại.', en: 'The hall server cannot be reached; please try again.' },
  TIMEOUT: { vi: 'Máy chủ chưa trả lời, đang thử lại.', en: 'The hall server has not answered yet; trying again.' },
  INVALID_RESPONSE: { vi: 'Máy chủ trả lời không hợp lệ.', en: 'The hall server sent an invalid answer.' },
  WRONG_ROLE: { vi: 'Mã ghép nối dành cho loại thiết bị khác.', en: 'This pairing code is for another kind of device.' },
  rating_window_closed: { vi: 'Đã hết thời gian đánh giá.', en: 'The rating time has ended.' },
  already_rated: { vi: 'Lượt phục vụ này đã được đánh giá.', en: 'This service has already been rated.' },
};

/** English wording for screens (the catalogue's `en` is written for developers' logs). */
const ERRORS_EN: Readonly<Partial<Record<ErrorCode, string>>> = {
  INVALID_CREDENTIALS: 'Unknown user or wrong PIN.',
  NO_TICKET_WAITING: 'Nobody is waiting for this counter.',
  COUNTER_BUSY: 'The counter is serving another ticket.',
  ISSUE_RATE_LIMITED: 'This kiosk is issuing tickets too fast. Please wait a moment and try again, or ask an officer.',
  TOO_MANY_DRAFTS: 'This device has too many unfinished dossiers. Finish or cancel one first, or ask an officer.',
  DRAFT_STORAGE_FULL: 'This device has no room left for scanned papers. Please ask an officer.',
};

export function errorMessage(code: string, lang: Language): string {
  const extra = EXTRA_ERRORS[code];
  if (extra) return extra[lang];
  if (Object.hasOwn(ERROR_CODES, code)) {
    const c = code as ErrorCode;
    return lang === 'vi' ? ERROR_CODES[c].vi : (ERRORS_EN[c] ?? ERROR_CODES[c].en);
  }
  return lang === 'vi' ? ERROR_CODES.INTERNAL.vi : ERROR_CODES.INTERNAL.en;
}

/**
 * The text of `key` in `lang`, its `{name}` parameters filled. A key of a part the app did not
 * register shows as the key itself (never a blank or a crash) and is reported once on the console.
 */
export function translate(lang: Language, key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  const template = texts[lang][key] ?? texts.vi[key];
  if (template === undefined) {
    if (!reported.has(key)) console.error(`i18n: no text for "${key}"; register its catalogue in the app's main.ts`);
    reported.add(key);
    return key;
  }
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export const PRIORITY_LABELS: Readonly<Record<Language, Record<PriorityClass, string>>> = {
  vi: { normal: 'Thông thường', elderly: 'Người cao tuổi', pregnant: 'Phụ nữ mang thai', disabled: 'Người khuyết tật', appointment: 'Có lịch hẹn' },
  en: { normal: 'Regular', elderly: 'Elderly', pregnant: 'Pregnant', disabled: 'Person with a disability', appointment: 'Appointment' },
};

export const OUTCOME_LABELS: Readonly<Record<Language, Record<ServiceOutcome, string>>> = {
  vi: { received_dossier: 'Tiếp nhận hồ sơ', returned_result: 'Trả kết quả', guidance_only: 'Hướng dẫn', rejected: 'Từ chối tiếp nhận' },
  en: { received_dossier: 'Dossier received', returned_result: 'Result returned', guidance_only: 'Guidance only', rejected: 'Rejected' },
};

export const RATING_LABELS: Readonly<Record<Language, Record<RatingLevel, string>>> = {
  vi: {
    very_satisfied: 'Rất hài lòng',
    satisfied: 'Hài lòng',
    neutral: 'Bình thường',
    dissatisfied: 'Không hài lòng',
    very_dissatisfied: 'Rất không hài lòng',
  },
  en: { very_satisfied: 'Very satisfied', satisfied: 'Satisfied', neutral: 'Neutral', dissatisfied: 'Dissatisfied', very_dissatisfied: 'Very dissatisfied' },
};

export const STATUS_LABELS: Readonly<Record<Language, Record<TicketStatus, string>>> = {
  vi: {
    waiting: 'Đang chờ',
    called: 'Đã gọi',
    serving: 'Đang phục vụ',
    held: 'Đang giữ',
    done: 'Hoàn thành',
    no_show: 'Vắng mặt',
    cancelled: 'Đã hủy',
    end_of_day: 'Hết ngày',
  },
  en: {
    waiting: 'Waiting',
    called: 'Called',
    serving: 'Serving',
    held: 'Held',
    done: 'Done',
    no_show: 'No-show',
    cancelled: 'Cancelled',
    end_of_day: 'End of day',
  },
};

/** Device faults as a citizen reads them at the document scanner: what happened and what to do. */
export const DEVICE_FAULT_LABELS: Readonly<Record<Language, Record<DeviceFault, string>>> = {
  vi: {
    paper_near_end: 'Thiết bị sắp hết giấy.',
    paper_out: 'Máy quét không thấy giấy. Vui lòng đặt giấy lên mặt kính rồi thử lại.',
    cover_open: 'Nắp máy quét đang mở. Vui lòng đóng nắp rồi thử lại.',
    offline: 'Máy quét không phản hồi. Vui lòng thử lại hoặc nhờ cán bộ hướng dẫn.',
    disconnected: 'Máy quét bị ngắt kết nối. Vui lòng nhờ cán bộ hướng dẫn hỗ trợ.',
    timeout: 'Máy quét phản hồi quá lâu. Vui lòng thử lại.',
    busy: 'Máy quét đang bận. Vui lòng đợi giây lát rồi thử lại.',
    protocol_error: 'Bản quét không đúng số trang đã khai hoặc bị lỗi. Vui lòng kiểm tra số trang rồi quét lại.',
    card_removed: 'Thẻ đã bị nhấc ra. Vui lòng đặt lại thẻ.',
    card_unsupported: 'Không đọc được loại thẻ này.',
    access_denied: 'Thiết bị từ chối thao tác.',
    wrong_can: 'Số CAN không đúng.',
    unreadable: 'Không đọc được nội dung trên bản quét. Vui lòng đặt lại ngay ngắn rồi quét lại.',
    unavailable: 'Máy quét giấy tờ chưa sẵn sàng. Quý công dân có thể bỏ qua và nộp bản giấy tại quầy.',
  },
  en: {
    paper_near_end: 'The device is running out of paper.',
    paper_out: 'The scanner finds no paper. Place the paper on the glass and try again.',
    cover_open: 'The scanner lid is open. Close it and try again.',
    offline: 'The scanner does not answer. Try again or ask the help desk.',
    disconnected: 'The scanner is disconnected. Please ask the help desk.',
    timeout: 'The scanner took too long. Please try again.',
    busy: 'The scanner is busy. Wait a moment and try again.',
    protocol_error: 'The scan does not have the page count you gave, or failed. Check the page count and scan again.',
    card_removed: 'The card was lifted. Place it again.',
    card_unsupported: 'This card cannot be read.',
    access_denied: 'The device refused the operation.',
    wrong_can: 'The CAN is wrong.',
    unreadable: 'The scan could not be read. Place it straight and scan again.',
    unavailable: 'The document scanner is not ready. You can skip and hand in the paper at the counter.',
  },
};

export { DEVICE_FAULT_SHORT_LABELS, DEVICE_KIND_LABELS } from '../../electron/common/device-labels.ts';

export const DEVICE_STATE_LABELS: Readonly<Record<Language, Record<DeviceState, string>>> = {
  vi: { ready: 'Sẵn sàng', degraded: 'Cần chú ý', fault: 'Lỗi', absent: 'Không kết nối' },
  en: { ready: 'Ready', degraded: 'Needs attention', fault: 'Fault', absent: 'Not connected' },
};

export const TERMINAL_ROLE_LABELS: Readonly<Record<Language, Record<TerminalRole, string>>> = {
  vi: { kiosk: 'Kiosk', counter: 'Máy quầy', display: 'Màn hình hiển thị' },
  en: { kiosk: 'Kiosk', counter: 'Counter terminal', display: 'Display screen' },
};

/** Every device role of the hall server (the administration list), the terminals' three included. */
export const DEVICE_ROLE_LABELS: Readonly<Record<Language, Record<'kiosk' | 'counter' | 'display' | 'dashboard' | 'rating', string>>> = {
  vi: { ...TERMINAL_ROLE_LABELS.vi, dashboard: 'Bảng điều hành', rating: 'Thiết bị đánh giá' },
  en: { ...TERMINAL_ROLE_LABELS.en, dashboard: 'Dashboard', rating: 'Rating device' },
};

export const DOSSIER_STATE_LABELS: Readonly<Record<Language, Record<DossierState, string>>> = {
  vi: {
    draft: 'Đang khai',
    submitted: 'Đã nộp, chờ tiếp nhận',
    synced: 'Đã gửi lên hệ thống tỉnh',
    received: 'Đã tiếp nhận',
    supplement_requested: 'Yêu cầu bổ sung hồ sơ',
    refused: 'Từ chối tiếp nhận',
  },
  en: {
    draft: 'Draft',
    submitted: 'Submitted, awaiting reception',
    synced: 'Sent to the provincial system',
    received: 'Received',
    supplement_requested: 'Papers to supplement',
    refused: 'Refused',
  },
};

export const IDENTITY_SOURCE_LABELS: Readonly<Record<Language, Record<IdentitySource | 'chipVerified', string>>> = {
  vi: {
    chipVerified: 'Chip thẻ CCCD (đã xác thực)',
    chip: 'Chip thẻ CCCD (chưa xác thực)',
    qr: 'Mã QR trên thẻ CCCD',
    mrz: 'Dòng MRZ mặt sau thẻ',
    typed: 'Cán bộ nhập',
  },
  en: {
    chipVerified: 'ID card chip (verified)',
    chip: 'ID card chip (not verified)',
    qr: 'QR code on the ID card',
    mrz: 'MRZ on the back of the card',
    typed: 'Typed by the officer',
  },
};

/** Appointment states (provincial sync API); unknown states show as they come. */
export const APPOINTMENT_STATE_LABELS: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  vi: { booked: 'Đã đặt', checked_in: 'Đã nhận số', cancelled: 'Đã hủy', no_show: 'Không đến' },
  en: { booked: 'Booked', checked_in: 'Checked in', cancelled: 'Cancelled', no_show: 'No-show' },
};
