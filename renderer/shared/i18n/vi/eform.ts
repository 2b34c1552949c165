/** Vietnamese screen text (NFC; labels as in specs/regulations.md). The e-form (kiosk and counter). */
export const eform = {
  'eform.fromCard': 'Từ thẻ CCCD',
  'eform.addItem': 'Thêm {name}',
  'eform.removeItem': 'Xóa {name}',
  'eform.item': '{name} thứ {n}',
  'eform.province': 'Tỉnh, thành phố',
  'eform.district': 'Quận, huyện (trước 01/07/2025)',
  'eform.ward': 'Xã, phường, đặc khu',
  'eform.street': 'Số nhà, đường, thôn, xóm',
  'eform.choose': '— Chọn —',
  'eform.dateHint': 'Ngày/tháng/năm, ví dụ 05/09/2024',
  'eform.empty': 'Không khai',
} as const;
