import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { businessDate, formatDate, formatDateTime, formatFigure, formatPercent, minutesSince, showBusinessDate } from '../../../../renderer/shared/format.ts';

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

describe('figures', () => {
  it('write a decimal comma in Vietnamese and a point in English, rounded to one decimal', () => {
    assert.equal(formatFigure(7.25, 'vi'), '7,3');
    assert.equal(formatFigure(7.25, 'en'), '7.3');
    assert.equal(formatFigure(0.08, 'vi'), '0,1');
    assert.equal(formatFigure(12, 'vi'), '12');
    assert.equal(formatFigure(1234.5, 'vi'), '1234,5', 'no grouping dot that would read as a decimal');
    assert.equal(formatFigure(0.125, 'vi', 2), '0,13');
  });
  it('show — for a figure that does not exist, and a percentage without "—%"', () => {
    assert.equal(formatFigure(null, 'vi'), '—');
    assert.equal(formatPercent(96.55, 'vi'), '96,6%');
    assert.equal(formatPercent(100, 'en'), '100%');
    assert.equal(formatPercent(null, 'vi'), '—');
  });
});
