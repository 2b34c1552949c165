import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { businessDate, formatDate, formatDateTime, minutesSince, showBusinessDate } from '../../../../renderer/shared/format.ts';

describe('Vietnamese date formatting in the hall time zone', () => {
  // 2026-03-02T17:30:00Z is 00:30 on 03/03/2026 in Asia/Ho_Chi_Minh (UTC+7).
  const t = Date.UTC(2026, 2, 2, 17, 30);
  it('writes dd/mm/yyyy and 24-hour time in Asia/Ho_Chi_Minh', () => {
    assert.equal(formatDate(t), '03/03/2026');
    assert.equal(formatDateTime(t), '03/03/2026 00:30');
    assert.equal(businessDate(t), '2026-03-03');
  });
  it('shows a business date as dd/mm/yyyy and counts whole minutes, never negative', () => {
    assert.equal(showBusinessDate('2026-09-02'), '02/09/2026');
    assert.equal(minutesSince(0, 179_999), 2);
    assert.equal(minutesSince(10_000, 0), 0);
  });
});
