/**
 * Due dates of results: working days across weekends, Tết and the other holidays of the shipped
 * 2026–2027 calendar, compensating working days, the 15:00 rule and calendar-day periods. The
 * reception instant comes from a fake clock advanced through the Tết week.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workingCalendarSchema, type ProcessingConfig } from '../../../../electron/common/hall-config.ts';
import { DomainError } from '../../../../electron/common/errors.ts';
import { epochOfLocal } from '../../../../electron/core/business-time.ts';
import { addWorkingDays, dueDateOf, nextWorkingDay, workingCalendar } from '../../../../electron/core/due-date.ts';
import { CALENDARS_DIR } from '../../../../kiosk-config/load-site.ts';
import { FakeClock } from '../../../support/fake-clock.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const calendarConfig = workingCalendarSchema.parse(JSON.parse(readFileSync(join(CALENDARS_DIR, 'vn-2026-2027.json'), 'utf8')));
const calendar = workingCalendar(calendarConfig);
const at = (date: string, time: string): number => epochOfLocal(date, time, TZ);

const threeDays: ProcessingConfig = { kind: 'working-days', days: 3 };
const sameDayCutoff: ProcessingConfig = { kind: 'same-day', cutoff: '15:00' };

describe('working calendar 2026–2027', () => {
  test('weekends are days off, Monday to Friday are working days', () => {
    assert.equal(calendar.isWorkingDay('2026-03-09'), true); // Monday
    assert.equal(calendar.isWorkingDay('2026-03-13'), true); // Friday
    assert.equal(calendar.isWorkingDay('2026-03-14'), false); // Saturday
    assert.equal(calendar.isWorkingDay('2026-03-15'), false); // Sunday
  });

  test('Tết Bính Ngọ: Monday 16 to Friday 20 February 2026 are holidays', () => {
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) {
      assert.equal(calendar.isWorkingDay(d), false, d);
      assert.match(calendar.holidayName(d) ?? '', /Tết Nguyên đán/);
    }
    assert.equal(calendar.isWorkingDay('2026-02-13'), true);
    assert.equal(calendar.isWorkingDay('2026-02-23'), true);
  });

  test('the compensating Saturday 10 January 2026 is a working day, the Friday it replaces is not', () => {
    assert.equal(calendar.isWorkingDay('2026-01-10'), true);
    assert.equal(calendar.isWorkingDay('2026-01-02'), false);
    assert.equal(calendar.isWorkingDay('2026-01-17'), false, 'an ordinary Saturday stays off');
  });

  test('a holiday on a weekend is compensated on the next working day (Giỗ Tổ 2026 on a Sunday)', () => {
    assert.equal(calendar.isWorkingDay('2026-04-27'), false);
    assert.equal(nextWorkingDay(calendar, '2026-04-24'), '2026-04-28');
  });

  test('dates outside the calendar are refused, not guessed', () => {
    assert.throws(
      () => calendar.isWorkingDay('2028-01-03'),
      (e: unknown) => e instanceof DomainError && e.code === 'CALENDAR_NOT_COVERED',
    );
    assert.throws(
      () => addWorkingDays(calendar, '2027-12-29', 5),
      (e: unknown) => e instanceof DomainError && e.code === 'CALENDAR_NOT_COVERED',
    );
  });
});

describe('dueDateOf', () => {
  test('three working days from a Monday is the Thursday; the reception day is not counted', () => {
    const due = dueDateOf(calendar, threeDays, at('2026-03-09', '09:00'), TZ);
    assert.equal(due.dueDate, '2026-03-12');
    assert.equal(due.shifted, null);
    assert.equal(due.periodLabel, '03 ngày làm việc');
  });

  test('three working days from a Thursday skips the weekend', () => {
    assert.equal(dueDateOf(calendar, threeDays, at('2026-03-12', '09:00'), TZ).dueDate, '2026-03-17');
  });

  test('across Tết: received on Friday 13 February 2026, due on Wednesday 25 February', () => {
    assert.equal(dueDateOf(calendar, threeDays, at('2026-02-13', '10:00'), TZ).dueDate, '2026-02-25');
  });

  test('received at the Saturday desk counts from the next working day', () => {
    const due = dueDateOf(calendar, threeDays, at('2026-03-14', '08:00'), TZ);
    assert.equal(due.countsFrom, '2026-03-16');
    assert.equal(due.shifted, 'day-off');
    assert.equal(due.dueDate, '2026-03-19');
  });

  test('the compensating Saturday counts as a working day', () => {
    // Received Thursday 8 January 2026: Friday 9, Saturday 10 (làm bù), Monday 12.
    assert.equal(dueDateOf(calendar, threeDays, at('2026-01-08', '09:00'), TZ).dueDate, '2026-01-12');
  });

  test('the 15:00 rule: a same-day procedure received after 15:00 is due the next working day', () => {
    assert.equal(dueDateOf(calendar, sameDayCutoff, at('2026-03-10', '14:59'), TZ).dueDate, '2026-03-10');
    assert.equal(dueDateOf(calendar, sameDayCutoff, at('2026-03-10', '15:00'), TZ).dueDate, '2026-03-10');
    const late = dueDateOf(calendar, sameDayCutoff, at('2026-03-10', '15:00') + 1_000, TZ);
    assert.equal(late.dueDate, '2026-03-11');
    assert.equal(late.shifted, 'after-cutoff');
  });

  test('the 15:00 rule on the Friday before Tết moves the result past the whole holiday', () => {
    assert.equal(dueDateOf(calendar, sameDayCutoff, at('2026-02-13', '16:10'), TZ).dueDate, '2026-02-23');
  });

  test('without a cutoff, a late reception stays on its day', () => {
    assert.equal(dueDateOf(calendar, { kind: 'same-day' }, at('2026-03-10', '16:30'), TZ).dueDate, '2026-03-10');
    assert.equal(dueDateOf(calendar, threeDays, at('2026-03-10', '16:30'), TZ).dueDate, '2026-03-13');
  });

  test('a working-days procedure with a cutoff counts from the next working day after it', () => {
    const p: ProcessingConfig = { kind: 'working-days', days: 2, cutoff: '15:00' };
    assert.equal(dueDateOf(calendar, p, at('2026-03-10', '15:30'), TZ).dueDate, '2026-03-13');
  });

  test('calendar days: a period ending on a day off ends on the next working day', () => {
    // 15 days from 1 February 2026 is 16 February, inside Tết: due Monday 23 February.
    assert.equal(dueDateOf(calendar, { kind: 'calendar-days', days: 15 }, at('2026-02-01', '09:00'), TZ).dueDate, '2026-02-23');
    assert.equal(dueDateOf(calendar, { kind: 'calendar-days', days: 15 }, at('2026-03-02', '09:00'), TZ).dueDate, '2026-03-17');
  });

  test('hall time zone: 23:30 UTC is already the next local day', () => {
    const utcLate = Date.UTC(2026, 2, 9, 23, 30); // 06:30 Tuesday 10 March in Hanoi
    assert.equal(dueDateOf(calendar, threeDays, utcLate, TZ).receivedDate, '2026-03-10');
  });

  test('a fake clock walked through the Tết week: every reception day gives the expected due date', async () => {
    const clock = new FakeClock(at('2026-02-12', '09:00'));
    const seen: string[] = [];
    for (let day = 0; day < 12; day++) {
      const due = dueDateOf(calendar, { kind: 'working-days', days: 1 }, clock.now(), TZ);
      seen.push(`${due.receivedDate}→${due.dueDate}`);
      await clock.advance(86_400_000);
    }
    assert.deepEqual(seen, [
      '2026-02-12→2026-02-13', // Thursday → Friday
      '2026-02-13→2026-02-23', // Friday → the Monday after Tết
      '2026-02-14→2026-02-24', // Saturday: counts from Monday 23
      '2026-02-15→2026-02-24',
      '2026-02-16→2026-02-24', // Tết days
      '2026-02-17→2026-02-24',
      '2026-02-18→2026-02-24',
      '2026-02-19→2026-02-24',
      '2026-02-20→2026-02-24',
      '2026-02-21→2026-02-24',
      '2026-02-22→2026-02-24',
      '2026-02-23→2026-02-24', // first working day after Tết
    ]);
  });

  test('Tết Đinh Mùi 2027: received Wednesday 3 February, 3 working days, due Monday 15 February', () => {
    // Off: Thu 4, Fri 5, weekend 6–7, Mon 8 – Wed 10. Working: Thu 11, Fri 12… → 1st 11, 2nd 12, 3rd 15.
    assert.equal(dueDateOf(calendar, threeDays, at('2027-02-03', '09:00'), TZ).dueDate, '2027-02-15');
  });
});
