/**
 * Stable error codes crossing every boundary as `{ error: { code, message, details } }`.
 * `message` is English for logs and developers; screens map `code` to Vietnamese
 * (`vi` below is the default wording the renderer may use).
 */
export interface ErrorSpec {
  readonly http: number;
  readonly en: string;
  readonly vi: string;
}

export const ERROR_CODES = {
  INVALID_JSON: { http: 400, en: 'The request body is not valid JSON.', vi: 'Dữ liệu gửi lên không hợp lệ.' },
  VALIDATION_FAILED: { http: 400, en: 'The request does not match the expected shape.', vi: 'Thông tin chưa hợp lệ, vui lòng kiểm tra lại.' },
  UNSUPPORTED_MEDIA_TYPE: { http: 415, en: 'Send the body as application/json.', vi: 'Định dạng dữ liệu không được hỗ trợ.' },
  PAYLOAD_TOO_LARGE: { http: 413, en: 'The request body is larger than allowed.', vi: 'Dữ liệu gửi lên quá lớn.' },
  NOT_FOUND: { http: 404, en: 'No such route.', vi: 'Không tìm thấy chức năng yêu cầu.' },
  METHOD_NOT_ALLOWED: { http: 405, en: 'This route does not accept that method.', vi: 'Thao tác không được hỗ trợ.' },
  UNAUTHENTICATED: { http: 401, en: 'A valid token is required.', vi: 'Thiết bị chưa được xác thực.' },
  TOKEN_EXPIRED: { http: 401, en: 'The token has expired; enrol the device or log in again.', vi: 'Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.' },
  FORBIDDEN: { http: 403, en: 'This role may not perform that operation.', vi: 'Bạn không có quyền thực hiện thao tác này.' },
  DEVICE_NOT_BOUND: { http: 403, en: 'This device is not bound to that counter.', vi: 'Thiết bị này không được gán cho quầy này.' },
  INVALID_PAIRING_CODE: { http: 401, en: 'The pairing code is unknown, used or expired.', vi: 'Mã ghép nối không đúng hoặc đã hết hạn.' },
  INVALID_CREDENTIALS: { http: 401, en: 'Unknown user or wrong PIN.', vi: 'Tên đăng nhập hoặc mã PIN không đúng.' },
  TOO_MANY_ATTEMPTS: {
    http: 429,
    en: 'Too many attempts; wait before trying again (details.retryAfterMs).',
    vi: 'Bạn đã thử quá nhiều lần, vui lòng chờ một lát rồi thử lại.',
  },
  LOGIN_LOCKED: {
    http: 423,
    en: 'Too many wrong PINs: logins are locked for a while; a supervisor can reset the PIN.',
    vi: 'Nhập sai mã PIN quá nhiều lần, đăng nhập bị khóa tạm thời. Vui lòng liên hệ cán bộ phụ trách.',
  },
  ISSUE_RATE_LIMITED: {
    http: 429,
    en: 'This device is issuing tickets faster than a kiosk or counter can; wait before the next one (details.retryAfterMs).',
    vi: 'Máy đang cấp số quá nhanh. Vui lòng chờ giây lát rồi lấy số lại, hoặc liên hệ cán bộ hỗ trợ.',
  },
  ACCOUNT_DISABLED: { http: 403, en: 'This staff account is disabled.', vi: 'Tài khoản này đã bị vô hiệu hóa.' },
  WEAK_PIN: { http: 400, en: 'The PIN is too easy to guess.', vi: 'Mã PIN quá dễ đoán, vui lòng chọn mã khác.' },
  UNKNOWN_SERVICE: { http: 404, en: 'No such service.', vi: 'Không tìm thấy dịch vụ.' },
  UNKNOWN_COUNTER: { http: 404, en: 'No such counter.', vi: 'Không tìm thấy quầy.' },
  UNKNOWN_TICKET: { http: 404, en: 'No such ticket today.', vi: 'Không tìm thấy số thứ tự.' },
  UNKNOWN_PROCEDURE: { http: 404, en: 'No such procedure.', vi: 'Không tìm thấy thủ tục.' },
  HALL_CLOSED: { http: 409, en: 'The hall is not open for tickets now.', vi: 'Bộ phận Một cửa hiện không cấp số.' },
  HOLIDAY: { http: 409, en: 'Today is a holiday; no tickets are issued.', vi: 'Hôm nay là ngày nghỉ lễ, không cấp số.' },
  ON_BREAK: { http: 409, en: 'The hall is on a break; tickets resume after it.', vi: 'Đang giờ nghỉ, vui lòng quay lại sau.' },
  ISSUE_CUTOFF_PASSED: { http: 409, en: 'The daily cutoff for new tickets has passed.', vi: 'Đã hết giờ cấp số trong ngày.' },
  QUOTA_REACHED: { http: 409, en: 'The daily quota of this service is used up.', vi: 'Dịch vụ này đã hết lượt trong ngày.' },
  NUMBER_RANGE_EXHAUSTED: { http: 409, en: 'The daily number range of this service is used up.', vi: 'Dịch vụ này đã hết số trong ngày.' },
  DUPLICATE_OPEN_TICKET: { http: 409, en: 'This person already holds an open ticket for this service.', vi: 'Công dân đã có số đang chờ cho dịch vụ này.' },
  PRIORITY_NOT_ELIGIBLE: {
    http: 409,
    en: "The verified card shows an age under the hall's elderly age; take a normal ticket or declare another priority.",
    vi: 'Theo thẻ căn cước, công dân chưa đủ tuổi ưu tiên người cao tuổi. Vui lòng lấy số thông thường.',
  },
  PRIORITY_NOT_DECLARED: {
    http: 409,
    en: 'The current ticket has no declared priority to confirm or clear.',
    vi: 'Số đang phục vụ không có ưu tiên tự khai cần xác nhận.',
  },
  COUNTER_CLOSED: { http: 409, en: 'The counter is not open.', vi: 'Quầy chưa mở.' },
  COUNTER_BUSY: {
    http: 409,
    en: 'The counter already has a current ticket; finish, hold, transfer or mark it no-show first.',
    vi: 'Quầy đang phục vụ một số khác.',
  },
  NO_TICKET_WAITING: { http: 409, en: 'No ticket is waiting for this counter.', vi: 'Không có công dân đang chờ.' },
  NO_CURRENT_TICKET: { http: 409, en: 'The counter has no current ticket.', vi: 'Quầy chưa gọi số nào.' },
  INVALID_TICKET_STATE: { http: 409, en: 'The ticket is not in a state that allows this.', vi: 'Không thể thực hiện với số thứ tự ở trạng thái hiện tại.' },
  SERVICE_NOT_AT_COUNTER: { http: 409, en: 'This counter does not serve that service.', vi: 'Quầy này không phục vụ dịch vụ đó.' },
  // The rating API's codes are lower case, as agreed with the rating screens.
  rating_window_closed: { http: 409, en: 'No rating window is open at this counter.', vi: 'Đã hết thời gian đánh giá.' },
  already_rated: { http: 409, en: 'This service has already been rated.', vi: 'Lượt phục vụ này đã được đánh giá.' },
  // Provincial one-stop system: dossier status, appointments, the outbox.
  INVALID_DOSSIER_CODE: {
    http: 400,
    en: 'Not a dossier code; use the code on the receipt, e.g. "000.14.21.H36-261123-0001".',
    vi: 'Mã hồ sơ không đúng định dạng, vui lòng kiểm tra lại mã trên giấy tiếp nhận.',
  },
  PROVINCIAL_UNAVAILABLE: {
    http: 503,
    en: 'The provincial one-stop system cannot be reached now; try again later.',
    vi: 'Chưa kết nối được hệ thống một cửa của tỉnh, vui lòng thử lại sau.',
  },
  UNKNOWN_APPOINTMENT: { http: 404, en: 'No appointment has this code.', vi: 'Không tìm thấy lịch hẹn với mã này.' },
  APPOINTMENT_TOO_EARLY: {
    http: 409,
    en: 'Check-in for this appointment has not opened yet.',
    vi: 'Chưa đến giờ nhận số cho lịch hẹn này, vui lòng quay lại sau.',
  },
  APPOINTMENT_TOO_LATE: { http: 409, en: 'The appointment slot has passed; take a normal ticket.', vi: 'Đã quá giờ hẹn, vui lòng lấy số thứ tự thông thường.' },
  APPOINTMENT_ALREADY_CHECKED_IN: { http: 409, en: 'This appointment has already been checked in.', vi: 'Lịch hẹn này đã được nhận số.' },
  APPOINTMENT_CANCELLED: { http: 409, en: 'This appointment was cancelled.', vi: 'Lịch hẹn này đã bị hủy.' },
  UNKNOWN_DEVICE: { http: 404, en: 'No device has this id.', vi: 'Không tìm thấy thiết bị.' },
  UNKNOWN_STAFF: { http: 404, en: 'No staff account has this id.', vi: 'Không tìm thấy tài khoản cán bộ.' },
  USERNAME_TAKEN: {
    http: 409,
    en: 'A staff account already has this username; choose another.',
    vi: 'Tên đăng nhập này đã được dùng cho một tài khoản khác, vui lòng chọn tên khác.',
  },
  RATING_DEVICE_EXISTS: {
    http: 409,
    en: 'This counter already has a rating device; revoke it before enrolling another.',
    vi: 'Quầy này đã có thiết bị đánh giá; vui lòng thu hồi thiết bị cũ trước khi thêm thiết bị mới.',
  },
  UNKNOWN_OUTBOX_ITEM: { http: 404, en: 'No outbox item has this id.', vi: 'Không tìm thấy bản tin cần gửi.' },
  OUTBOX_ITEM_NOT_DEAD: { http: 409, en: 'Only a dead letter can be retried.', vi: 'Chỉ gửi lại được bản tin đã gửi thất bại.' },
  // Dossiers (electron/common/dossier-wire.ts).
  UNKNOWN_DOSSIER: { http: 404, en: 'No such dossier.', vi: 'Không tìm thấy hồ sơ.' },
  DOSSIER_NOT_YOURS: {
    http: 403,
    en: 'This draft belongs to another kiosk or officer.',
    vi: 'Hồ sơ này do thiết bị hoặc cán bộ khác lập, bạn không thể thay đổi.',
  },
  DOSSIER_NOT_DRAFT: { http: 409, en: 'The dossier has been submitted and can no longer be changed.', vi: 'Hồ sơ đã nộp, không thể thay đổi.' },
  DOSSIER_NOT_SUBMITTED: { http: 409, en: 'The dossier has not been submitted yet.', vi: 'Hồ sơ chưa được nộp.' },
  CALENDAR_NOT_COVERED: {
    http: 409,
    en: "The hall's working calendar does not cover that date; add the year's holidays to kiosk-config/calendars.",
    vi: 'Lịch làm việc chưa có ngày này, không tính được ngày hẹn trả kết quả; vui lòng báo quản trị viên.',
  },
  PROCESSING_TIME_UNKNOWN: {
    http: 409,
    en: 'The procedure has no machine-readable processing time; add "processing" to its catalogue entry.',
    vi: 'Thủ tục chưa khai báo thời hạn giải quyết, không tính được ngày hẹn trả kết quả.',
  },
  DOSSIER_DECIDED: {
    http: 409,
    en: 'The dossier was already received or refused; its decision stands.',
    vi: 'Hồ sơ đã được tiếp nhận hoặc đã bị từ chối, không thể thay đổi.',
  },
  NO_RECEIPT: {
    http: 404,
    en: 'The counter has not decided on this dossier yet; no receipt exists.',
    vi: 'Hồ sơ chưa được xử lý tại quầy, chưa có phiếu để in.',
  },
  DOSSIER_PURGED: {
    http: 410,
    en: 'The personal data of this dossier was deleted at the end of its retention period.',
    vi: 'Dữ liệu cá nhân của hồ sơ đã được xóa khi hết thời hạn lưu trữ.',
  },
  TOO_MANY_DRAFTS: {
    http: 429,
    en: 'This device has as many open drafts as allowed; submit or discard one first.',
    vi: 'Thiết bị đang có quá nhiều hồ sơ lập dở. Vui lòng hoàn tất hoặc hủy hồ sơ trước, hoặc liên hệ cán bộ hỗ trợ.',
  },
  DRAFT_STORAGE_FULL: {
    http: 413,
    en: "The papers in this device's open drafts would exceed its storage quota.",
    vi: 'Dung lượng giấy tờ đã quét của thiết bị này đã đầy. Vui lòng liên hệ cán bộ hỗ trợ.',
  },
  PAPER_NOT_IN_PROCEDURE: {
    http: 400,
    en: 'The procedure does not list this document type.',
    vi: 'Thủ tục này không có loại giấy tờ này trong thành phần hồ sơ.',
  },
  PAPER_NOT_DIGITISED: {
    http: 400,
    en: 'This paper is only shown at the counter, not scanned.',
    vi: 'Giấy tờ này chỉ cần xuất trình bản chính tại quầy, không cần quét.',
  },
  UNKNOWN_PAPER: { http: 404, en: 'No such paper in this dossier.', vi: 'Không tìm thấy giấy tờ trong hồ sơ.' },
  INVALID_DOCUMENT: { http: 422, en: 'The file is not a valid PDF.', vi: 'Tệp gửi lên không phải là tệp PDF hợp lệ. Vui lòng quét lại giấy tờ.' },
  DOCUMENT_TOO_COMPLEX: {
    http: 422,
    en: 'The file is beyond what the document check accepts (too many or too large compressed parts, or too slow to check).',
    vi: 'Tệp quá phức tạp để kiểm tra. Vui lòng quét lại giấy tờ bằng máy quét của quầy.',
  },
  CORRUPT_UPLOAD: {
    http: 422,
    en: 'The file does not match its SHA-256: it was damaged on the way; send it again.',
    vi: 'Tệp bị lỗi trong khi gửi. Vui lòng gửi lại hoặc quét lại giấy tờ.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    http: 422,
    en: 'This Idempotency-Key was already used for a different request; send a new key.',
    vi: 'Yêu cầu trùng mã với một yêu cầu khác, vui lòng thử lại.',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    http: 409,
    en: 'The first request with this Idempotency-Key is still being handled; retry shortly with the same key.',
    vi: 'Yêu cầu đang được xử lý, vui lòng chờ trong giây lát.',
  },
  INTERNAL: { http: 500, en: 'Internal error; the operation was not applied.', vi: 'Hệ thống gặp lỗi, thao tác chưa được thực hiện.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly details: Readonly<Record<string, unknown>>;
  };
}

/** A failure that is data: thrown by the engine and the server, serialised as an ErrorBody. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, details: Record<string, unknown> = {}, message?: string) {
    super(message ?? ERROR_CODES[code].en);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
