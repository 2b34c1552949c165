/** Vietnamese screen text (NFC; labels as in specs/regulations.md). The rating tablet. */
export const rating = {
  'rating.idle': 'Cảm ơn quý công dân đã sử dụng dịch vụ',
  'rating.question': 'Quý công dân có hài lòng với việc tiếp nhận, giải quyết thủ tục hành chính không?',
  'rating.ticket': 'Số thứ tự {number}',
  'rating.remaining': 'Còn {n} giây',
  'rating.reason': 'Lý do không hài lòng (không bắt buộc)',
  'rating.send': 'Gửi đánh giá',
  'rating.thanks': 'Cảm ơn quý công dân đã đánh giá!',
} as const;
