/** The message of a typed range's problem (renderer/dashboard/range-message.ts), in both languages, with the limit's wording asked for. */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { checkRange } from '../../../../renderer/dashboard/export-query.ts';
import { rangeMessage, type RangeProblem } from '../../../../renderer/dashboard/range-message.ts';
import { registerCatalogues } from '../../../../renderer/shared/i18n.ts';
import { COMMON } from '../../../../renderer/shared/i18n/parts/common.ts';
import { DASHBOARD } from '../../../../renderer/shared/i18n/parts/dashboard.ts';

const TODAY = '2026-12-08';

function problemOf(from: string, to: string): RangeProblem {
  const range = checkRange(from, to);
  assert.equal(range.ok, false);
  return range as RangeProblem;
}

describe('range messages', () => {
  before(() => registerCatalogues(COMMON, DASHBOARD));

  test('a date not in the calendar names its field and shows today as the example', () => {
    assert.equal(
      rangeMessage(problemOf('31/02/2026', '08/12/2026'), 'vi', { today: TODAY, tooLong: 'dashboard.rangeTooLong' }),
      '“Từ ngày” chưa đúng: vui lòng nhập ngày theo dạng dd/mm/yyyy, ví dụ 08/12/2026.',
    );
    assert.equal(
      rangeMessage(problemOf('01/12/2026', '2026-12-08'), 'en', { today: TODAY, tooLong: 'dashboard.rangeTooLong' }),
      '“To” is not a date: type it as dd/mm/yyyy, e.g. 08/12/2026.',
    );
  });

  test('an end before the start gives both dates as typed days', () => {
    assert.equal(
      rangeMessage(problemOf('08/12/2026', '7/12/2026'), 'vi', { today: TODAY, tooLong: 'dashboard.rangeTooLong' }),
      'Ngày kết thúc 07/12/2026 trước ngày bắt đầu 08/12/2026; vui lòng chọn lại khoảng thời gian.',
    );
  });

  test('too long a range: what the exports may not export, what the report tab may not show', () => {
    const tooLong = problemOf('01/01/2028', '01/01/2029');
    assert.equal(
      rangeMessage(tooLong, 'vi', { today: TODAY, tooLong: 'dashboard.exportRangeTooLong' }),
      'Khoảng thời gian gồm 367 ngày; mỗi lần chỉ xuất được tối đa 366 ngày.',
    );
    assert.equal(
      rangeMessage(tooLong, 'vi', { today: TODAY, tooLong: 'dashboard.rangeTooLong' }),
      'Khoảng thời gian gồm 367 ngày; mỗi lần chỉ xem được tối đa 366 ngày.',
    );
    assert.equal(
      rangeMessage(tooLong, 'en', { today: TODAY, tooLong: 'dashboard.rangeTooLong' }),
      'The range covers 367 days; at most 366 days can be shown at a time.',
    );
  });
});
