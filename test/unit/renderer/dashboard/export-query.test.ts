/** The dashboard's export fields (renderer/dashboard/export-query.ts): dd/mm/yyyy typed by a supervisor, checked before any request. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_KPI_SPAN_DAYS } from '../../../../electron/common/report-limits.ts';
import { checkRange, parseDmy } from '../../../../renderer/dashboard/export-query.ts';

describe('export fields', () => {
  test('dd/mm/yyyy, with or without leading zeros, as the routes’ YYYY-MM-DD; nothing that is not a calendar day', () => {
    assert.equal(parseDmy('05/12/2026'), '2026-12-05');
    assert.equal(parseDmy(' 5/1/2026 '), '2026-01-05');
    assert.equal(parseDmy('29/02/2028'), '2028-02-29');
    for (const bad of ['29/02/2026', '31/04/2026', '00/01/2026', '12/13/2026', '2026-12-05', '05-12-2026', '', '5/12/26'])
      assert.equal(parseDmy(bad), null, bad);
  });

  test('a range: both ends counted, the start corrected first, an end before the start or a span over the limit refused', () => {
    assert.deepEqual(checkRange('01/12/2026', '07/12/2026'), { ok: true, from: '2026-12-01', to: '2026-12-07', days: 7 });
    assert.deepEqual(checkRange('07/12/2026', '07/12/2026'), { ok: true, from: '2026-12-07', to: '2026-12-07', days: 1 });
    assert.deepEqual(checkRange('32/12/2026', 'x'), { ok: false, field: 'from', problem: 'invalid' });
    assert.deepEqual(checkRange('01/12/2026', '31/11/2026'), { ok: false, field: 'to', problem: 'invalid' });
    assert.deepEqual(checkRange('07/12/2026', '01/12/2026'), { ok: false, field: 'to', problem: 'inverted', from: '2026-12-07', to: '2026-12-01' });
    // A leap year fits whole (366 days); one day more does not.
    assert.equal(checkRange('01/01/2028', '31/12/2028').ok, true);
    assert.deepEqual(checkRange('01/01/2028', '01/01/2029'), { ok: false, field: 'to', problem: 'tooLong', days: MAX_KPI_SPAN_DAYS + 1 });
  });
});
