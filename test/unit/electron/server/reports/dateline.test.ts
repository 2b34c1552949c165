import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { vietnameseDateline } from '../../../../../electron/server/reports/monthly-pdf.ts';

describe('the dateline of an administrative document (NĐ 30/2020)', () => {
  it('puts a 0 before a day under 10 and before months 1 and 2 only', () => {
    assert.equal(vietnameseDateline('2026-04-05'), 'ngày 05 tháng 4 năm 2026');
    assert.equal(vietnameseDateline('2026-02-13'), 'ngày 13 tháng 02 năm 2026');
    assert.equal(vietnameseDateline('2026-01-01'), 'ngày 01 tháng 01 năm 2026');
    assert.equal(vietnameseDateline('2026-12-31'), 'ngày 31 tháng 12 năm 2026');
    assert.equal(vietnameseDateline('2026-03-10'), 'ngày 10 tháng 3 năm 2026');
  });
});
