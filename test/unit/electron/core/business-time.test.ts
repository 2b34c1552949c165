/**
 * Local calendar arithmetic in the hall's time zone (Asia/Ho_Chi_Minh, UTC+7 all year).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, businessDateOf, epochOfLocal, formatClock, formatDateVi, localParts, weekdayOf } from '../../../../electron/core/business-time.ts';
import { TZ } from '../../../support/hall-config.fixture.ts';

describe('businessDateOf', () => {
  test('an instant at 23:30 UTC is already the next local day', () => {
    assert.equal(businessDateOf(Date.UTC(2026, 2, 2, 23, 30), TZ), '2026-03-03');
  });

  test('16:59:59 UTC is the last second of the local day; 17:00 UTC starts the next one', () => {
    assert.equal(businessDateOf(Date.UTC(2026, 2, 2, 16, 59, 59), TZ), '2026-03-02');
    assert.equal(businessDateOf(Date.UTC(2026, 2, 2, 16, 59, 59, 999), TZ), '2026-03-02');
    assert.equal(businessDateOf(Date.UTC(2026, 2, 2, 17, 0, 0), TZ), '2026-03-03');
  });

  test('crosses month and year ends in local time', () => {
    assert.equal(businessDateOf(Date.UTC(2026, 11, 31, 17, 0), TZ), '2027-01-01');
    assert.equal(businessDateOf(Date.UTC(2026, 1, 28, 18, 0), TZ), '2026-03-01');
  });

  test('depends on the zone: the same instant is another date in UTC', () => {
    const instant = Date.UTC(2026, 2, 2, 20, 0);
    assert.equal(businessDateOf(instant, 'UTC'), '2026-03-02');
    assert.equal(businessDateOf(instant, TZ), '2026-03-03');
  });
});

describe('localParts and formatClock', () => {
  test('local parts are UTC + 7 hours', () => {
    assert.deepEqual(localParts(Date.UTC(2026, 2, 2, 0, 30, 15), TZ), {
      year: 2026,
      month: 3,
      day: 2,
      hour: 7,
      minute: 30,
      second: 15,
    });
  });

  test('midnight is hour 0, not 24', () => {
    assert.equal(localParts(Date.UTC(2026, 2, 2, 17, 0), TZ).hour, 0);
    assert.equal(formatClock(Date.UTC(2026, 2, 2, 17, 5), TZ), '00:05');
  });

  test('formatClock writes HH:mm local time', () => {
    assert.equal(formatClock(Date.UTC(2026, 2, 2, 6, 30), TZ), '13:30');
    assert.equal(formatClock(Date.UTC(2026, 2, 2, 1, 5), TZ), '08:05');
  });
});

describe('epochOfLocal', () => {
  test('07:30 in Ho Chi Minh City is 00:30 UTC', () => {
    assert.equal(epochOfLocal('2026-03-02', '07:30', TZ), Date.UTC(2026, 2, 2, 0, 30));
  });

  test('local times before 07:00 fall on the previous UTC day', () => {
    assert.equal(epochOfLocal('2026-03-02', '00:00', TZ), Date.UTC(2026, 2, 1, 17, 0));
    assert.equal(epochOfLocal('2026-01-01', '06:59', TZ), Date.UTC(2025, 11, 31, 23, 59));
  });

  test('round trip: businessDateOf and formatClock give back the local date and time', () => {
    for (const [date, time] of [
      ['2026-03-02', '00:00'],
      ['2026-03-02', '06:59'],
      ['2026-03-02', '07:00'],
      ['2026-03-02', '23:59'],
      ['2026-12-31', '23:59'],
      ['2028-02-29', '12:00'],
    ] as const) {
      const epoch = epochOfLocal(date, time, TZ);
      assert.equal(businessDateOf(epoch, TZ), date, `${date} ${time}`);
      assert.equal(formatClock(epoch, TZ), time, `${date} ${time}`);
    }
  });

  test('works for a zone with daylight saving time too', () => {
    // Europe/Paris is UTC+1 in winter and UTC+2 in summer.
    assert.equal(epochOfLocal('2026-01-15', '09:00', 'Europe/Paris'), Date.UTC(2026, 0, 15, 8, 0));
    assert.equal(epochOfLocal('2026-07-15', '09:00', 'Europe/Paris'), Date.UTC(2026, 6, 15, 7, 0));
  });
});

describe('weekdayOf', () => {
  test('names the weekday of a calendar date', () => {
    assert.equal(weekdayOf('2026-03-02'), 'mon');
    assert.equal(weekdayOf('2026-03-07'), 'sat');
    assert.equal(weekdayOf('2026-03-08'), 'sun');
    assert.equal(weekdayOf('2026-09-02'), 'wed');
    assert.equal(weekdayOf('2026-04-30'), 'thu');
  });
});

describe('addDays', () => {
  test('moves across month, year and leap-day boundaries', () => {
    assert.equal(addDays('2026-03-02', 1), '2026-03-03');
    assert.equal(addDays('2026-02-28', 1), '2026-03-01');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  });
});

describe('formatDateVi', () => {
  test('writes dd/mm/yyyy', () => {
    assert.equal(formatDateVi('2026-09-02'), '02/09/2026');
    assert.equal(formatDateVi('2026-12-31'), '31/12/2026');
  });
});
