import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timeBucketLabel } from '../../../../../electron/server/reports/table.ts';

describe('time buckets as a Vietnamese reader expects them in a spreadsheet', () => {
  it('writes the hour, the month and the weekday with dd/mm/yyyy dates and Vietnamese day names', () => {
    assert.equal(timeBucketLabel('2026-03-02 08:00'), '02/03/2026 08:00');
    assert.equal(timeBucketLabel('2026-03'), '03/2026');
    assert.equal(timeBucketLabel('1 08:00'), 'Thứ Hai 08:00');
    assert.equal(timeBucketLabel('7 16:00'), 'Chủ nhật 16:00');
  });

  it('leaves any other key as it is', () => {
    for (const key of ['2026-03-02', 'ho-tich', 'quay-1', '(none)', '8 08:00']) assert.equal(timeBucketLabel(key), key);
  });
});
