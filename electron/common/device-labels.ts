/**
 * What the hall's devices and their faults are called, short, in both languages: the dashboard's
 * device board (renderer/shared/i18n.ts re-exports these) and the floor alerts (core/floor-alerts.ts)
 * name a device the same way.
 */
import type { DeviceFault, DeviceKind } from './device-contract.ts';
import type { LocalizedText } from './hall-config.ts';

/** The hall's two languages, as its localized texts name them. */
type Language = keyof LocalizedText;

export const DEVICE_KIND_LABELS: Readonly<Record<Language, Record<DeviceKind, string>>> = {
  vi: { printer: 'Máy in vé', keypad: 'Bàn phím đánh giá', scanner: 'Máy quét mã', cardReader: 'Đầu đọc thẻ CCCD', documentScanner: 'Máy quét giấy tờ' },
  en: { printer: 'Ticket printer', keypad: 'Rating keypad', scanner: 'Code scanner', cardReader: 'ID card reader', documentScanner: 'Document scanner' },
};

/** Device faults as the supervisor reads them on the dashboard's device board and in alerts: short. */
export const DEVICE_FAULT_SHORT_LABELS: Readonly<Record<Language, Record<DeviceFault, string>>> = {
  vi: {
    paper_near_end: 'sắp hết giấy',
    paper_out: 'hết giấy',
    cover_open: 'đang mở nắp',
    offline: 'không phản hồi',
    disconnected: 'mất kết nối',
    timeout: 'phản hồi quá lâu',
    busy: 'đang bận',
    protocol_error: 'lỗi giao tiếp',
    card_removed: 'thẻ bị nhấc ra',
    card_unsupported: 'thẻ không hỗ trợ',
    access_denied: 'từ chối thao tác',
    wrong_can: 'sai số CAN',
    unreadable: 'không đọc được',
    unavailable: 'chưa sẵn sàng',
  },
  en: {
    paper_near_end: 'paper near end',
    paper_out: 'out of paper',
    cover_open: 'cover open',
    offline: 'not answering',
    disconnected: 'disconnected',
    timeout: 'timed out',
    busy: 'busy',
    protocol_error: 'protocol error',
    card_removed: 'card lifted',
    card_unsupported: 'card not supported',
    access_denied: 'access denied',
    wrong_can: 'wrong CAN',
    unreadable: 'unreadable',
    unavailable: 'not ready',
  },
};
