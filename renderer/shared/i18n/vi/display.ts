/** Vietnamese screen text (NFC; labels as in specs/regulations.md). The hall display. */
export const display = {
  'display.calling': 'Đang mời',
  'display.number': 'Số',
  'display.counter': 'Quầy',
  'display.recent': 'Số vừa gọi',
  'display.waiting': 'Đang chờ',
  'display.avgWait': 'Thời gian chờ trung bình hôm nay',
  'display.target': 'Mục tiêu {n} phút',
  'display.announcement': 'Mời công dân có số {number} đến quầy số {counter}',
  'display.closed': 'Tạm nghỉ',
} as const;
