/** A month chosen by its number and a typed year (renderer/shared/month-choice.ts), as MonthField.svelte offers it. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chooseMonth, MONTH_NUMBERS, monthParts, showMonth, validMonth } from '../../../../renderer/shared/month-choice.ts';

const BOUNDS = { min: '2000-01', max: '2026-12' };

describe('month choice', () => {
  test('the list offers the twelve months as the values of YYYY-MM', () => {
    assert.deepEqual(MONTH_NUMBERS, ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12']);
  });

  test('a value only when it is YYYY-MM with a month of the year', () => {
    assert.equal(validMonth('2026-12'), '2026-12');
    for (const bad of ['2026-13', '2026-00', '12/2026', '', '2026-1', ' 2026-12']) assert.equal(validMonth(bad), null, bad);
    assert.deepEqual(monthParts('2026-03'), { year: '2026', month: '03' });
    assert.equal(monthParts('2026-3'), null);
  });

  test('shown as mm/yyyy', () => {
    assert.equal(showMonth('2026-03'), '03/2026');
  });

  test('the month of a four-digit year within the bounds, both ends included', () => {
    assert.deepEqual(chooseMonth('2026', '12', BOUNDS), { ok: true, value: '2026-12' });
    assert.deepEqual(chooseMonth(' 2000 ', '01', BOUNDS), { ok: true, value: '2000-01' });
    assert.deepEqual(chooseMonth('2025', '02', { min: '2025-02', max: '2025-02' }), { ok: true, value: '2025-02' });
  });

  test('a year half typed, not a number or outside the bounds names the year; a month outside them names the month', () => {
    for (const year of ['', '202', '20260', 'abcd', '1999', '2027', '2026.5'])
      assert.deepEqual(chooseMonth(year, '06', BOUNDS), { ok: false, field: 'year' }, year);
    assert.deepEqual(chooseMonth('2026', '12', { min: '2000-01', max: '2026-11' }), { ok: false, field: 'month' });
    assert.deepEqual(chooseMonth('2000', '01', { min: '2000-02', max: '2026-12' }), { ok: false, field: 'month' });
    assert.deepEqual(chooseMonth('2026', '13', BOUNDS), { ok: false, field: 'month' });
  });
});
