/**
 * Opening hours, breaks, holidays and the kiosk issue window.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dayPlan, issueWindowAt, nextIssueOpening, type IssueWindow } from '../../../../electron/core/schedule.ts';
import {
  EXTRA_WORKING_DAY,
  HOLIDAY,
  HOLIDAY_2,
  HOLIDAY_AND_EXTRA,
  MINUTE,
  MONDAY,
  SATURDAY,
  SATURDAY_AFTER_HOLIDAYS,
  SUNDAY,
  TUESDAY,
  alwaysOpenHallConfig,
  at,
  testHallConfig,
} from '../../../support/hall-config.fixture.ts';

const schedule = testHallConfig().schedule;
const noBreakIssuing = testHallConfig({ schedule: { issueDuringBreaks: false } }).schedule;

function closed(window: IssueWindow): Extract<IssueWindow, { open: false }> {
  assert.equal(window.open, false, 'expected the issue window to be closed');
  return window as Extract<IssueWindow, { open: false }>;
}

describe('dayPlan', () => {
  test('a weekday has a morning and an afternoon period', () => {
    const plan = dayPlan(schedule, MONDAY);
    assert.equal(plan.working, true);
    assert.equal(plan.holiday, false);
    assert.deepEqual(plan.periods, [
      { from: at(MONDAY, '07:30'), to: at(MONDAY, '11:30') },
      { from: at(MONDAY, '13:30'), to: at(MONDAY, '17:00') },
    ]);
    assert.equal(plan.issueOpensAt, at(MONDAY, '07:15'));
    assert.equal(plan.issueCutoffAt, at(MONDAY, '16:30'));
    assert.equal(plan.closesAt, at(MONDAY, '17:00'));
    assert.equal(plan.endOfDayAt, at(MONDAY, '17:30'));
  });

  test('Saturday works the morning only', () => {
    const plan = dayPlan(schedule, SATURDAY);
    assert.equal(plan.working, true);
    assert.deepEqual(plan.periods, [{ from: at(SATURDAY, '07:30'), to: at(SATURDAY, '11:30') }]);
    assert.equal(plan.issueCutoffAt, at(SATURDAY, '11:00'));
    assert.equal(plan.endOfDayAt, at(SATURDAY, '12:00'));
  });

  test('Sunday is closed and not a holiday', () => {
    const plan = dayPlan(schedule, SUNDAY);
    assert.equal(plan.working, false);
    assert.equal(plan.holiday, false);
    assert.deepEqual(plan.periods, []);
    assert.equal(plan.issueOpensAt, null);
    assert.equal(plan.endOfDayAt, null);
  });

  test('a holiday on a weekday is closed and marked as holiday', () => {
    const plan = dayPlan(schedule, HOLIDAY);
    assert.equal(plan.working, false);
    assert.equal(plan.holiday, true);
    assert.equal(plan.closesAt, null);
  });

  test('an extra working day uses its own periods, even on a Sunday', () => {
    const plan = dayPlan(schedule, EXTRA_WORKING_DAY);
    assert.equal(plan.working, true);
    assert.deepEqual(plan.periods, [{ from: at(EXTRA_WORKING_DAY, '08:00'), to: at(EXTRA_WORKING_DAY, '11:00') }]);
    assert.equal(plan.issueOpensAt, at(EXTRA_WORKING_DAY, '07:45'));
  });

  test('an extra working day wins over a holiday on the same date', () => {
    const plan = dayPlan(schedule, HOLIDAY_AND_EXTRA);
    assert.equal(plan.working, true);
    assert.equal(plan.holiday, false);
  });

  test('periods are sorted whatever their order in the file', () => {
    const s = testHallConfig({
      schedule: {
        weekly: {
          mon: [
            { from: '13:30', to: '17:00' },
            { from: '07:30', to: '11:30' },
          ],
        },
      },
    }).schedule;
    const plan = dayPlan(s, MONDAY);
    assert.equal(plan.periods[0]?.from, at(MONDAY, '07:30'));
    assert.equal(plan.issueOpensAt, at(MONDAY, '07:15'));
    assert.equal(plan.closesAt, at(MONDAY, '17:00'));
  });

  test('issue margins and grace come from the configuration', () => {
    const s = testHallConfig({
      schedule: { issueOpensMinutesBefore: 0, issueCutoffMinutesBeforeClose: 60, endOfDayGraceMinutes: 0 },
    }).schedule;
    const plan = dayPlan(s, MONDAY);
    assert.equal(plan.issueOpensAt, at(MONDAY, '07:30'));
    assert.equal(plan.issueCutoffAt, at(MONDAY, '16:00'));
    assert.equal(plan.endOfDayAt, at(MONDAY, '17:00'));
  });
});

describe('issueWindowAt', () => {
  test('open during a weekday period', () => {
    const w = issueWindowAt(schedule, at(MONDAY, '09:00'));
    assert.equal(w.open, true);
    assert.equal(w.plan.businessDate, MONDAY);
  });

  test('before opening: HALL_CLOSED until issueOpensMinutesBefore the first period', () => {
    const w = closed(issueWindowAt(schedule, at(MONDAY, '07:14')));
    assert.equal(w.code, 'HALL_CLOSED');
    assert.equal(w.reopensAt, at(MONDAY, '07:15'));
    assert.equal(issueWindowAt(schedule, at(MONDAY, '07:15')).open, true);
  });

  test('just after midnight the same day opens at 07:15', () => {
    const w = closed(issueWindowAt(schedule, at(TUESDAY, '00:01')));
    assert.equal(w.code, 'HALL_CLOSED');
    assert.equal(w.reopensAt, at(TUESDAY, '07:15'));
  });

  test('cutoff: ISSUE_CUTOFF_PASSED from issueCutoffMinutesBeforeClose before the end, reopening next working day', () => {
    assert.equal(issueWindowAt(schedule, at(MONDAY, '16:29')).open, true);
    const w = closed(issueWindowAt(schedule, at(MONDAY, '16:30')));
    assert.equal(w.code, 'ISSUE_CUTOFF_PASSED');
    assert.equal(w.reopensAt, at(TUESDAY, '07:15'));
    const late = closed(issueWindowAt(schedule, at(MONDAY, '23:00')));
    assert.equal(late.code, 'ISSUE_CUTOFF_PASSED');
  });

  test('Saturday: open in the morning, cutoff at 11:00, reopening on Monday', () => {
    assert.equal(issueWindowAt(schedule, at(SATURDAY, '10:59')).open, true);
    const w = closed(issueWindowAt(schedule, at(SATURDAY, '11:00')));
    assert.equal(w.code, 'ISSUE_CUTOFF_PASSED');
    assert.equal(w.reopensAt, at('2026-03-09', '07:15'));
  });

  test('Sunday: HALL_CLOSED, reopening on Monday', () => {
    const w = closed(issueWindowAt(schedule, at(SUNDAY, '09:00')));
    assert.equal(w.code, 'HALL_CLOSED');
    assert.equal(w.reopensAt, at('2026-03-09', '07:15'));
  });

  test('holiday: HOLIDAY, reopening after the holidays', () => {
    const w = closed(issueWindowAt(schedule, at(HOLIDAY, '09:00')));
    assert.equal(w.code, 'HOLIDAY');
    assert.equal(w.plan.holiday, true);
    assert.equal(w.reopensAt, at(SATURDAY_AFTER_HOLIDAYS, '07:15'));
    assert.equal(closed(issueWindowAt(schedule, at(HOLIDAY_2, '09:00'))).code, 'HOLIDAY');
  });

  test('extra working day: open within its periods', () => {
    assert.equal(issueWindowAt(schedule, at(EXTRA_WORKING_DAY, '09:00')).open, true);
    const before = closed(issueWindowAt(schedule, at(EXTRA_WORKING_DAY, '07:30')));
    assert.equal(before.code, 'HALL_CLOSED');
    assert.equal(before.reopensAt, at(EXTRA_WORKING_DAY, '07:45'));
    assert.equal(closed(issueWindowAt(schedule, at(EXTRA_WORKING_DAY, '10:30'))).code, 'ISSUE_CUTOFF_PASSED');
  });

  test('breaks: issuing continues by default', () => {
    assert.equal(issueWindowAt(schedule, at(MONDAY, '12:00')).open, true);
  });

  test('breaks with issueDuringBreaks false: ON_BREAK until the next period', () => {
    const w = closed(issueWindowAt(noBreakIssuing, at(MONDAY, '11:30')));
    assert.equal(w.code, 'ON_BREAK');
    assert.equal(w.reopensAt, at(MONDAY, '13:30'));
    assert.equal(closed(issueWindowAt(noBreakIssuing, at(MONDAY, '13:29'))).code, 'ON_BREAK');
    assert.equal(issueWindowAt(noBreakIssuing, at(MONDAY, '11:29')).open, true);
    assert.equal(issueWindowAt(noBreakIssuing, at(MONDAY, '13:30')).open, true);
  });

  test('issueDuringBreaks false still issues in the window before the first period', () => {
    assert.equal(issueWindowAt(noBreakIssuing, at(MONDAY, '07:20')).open, true);
  });

  test('uses the local date: 23:30 UTC on Sunday is Monday 06:30 in the hall', () => {
    const w = closed(issueWindowAt(schedule, Date.UTC(2026, 2, 1, 23, 30)));
    assert.equal(w.plan.businessDate, MONDAY);
    assert.equal(w.code, 'HALL_CLOSED');
    assert.equal(w.reopensAt, at(MONDAY, '07:15'));
  });

  test('an always-open hall issues at any minute but the last one of the day', () => {
    const s = alwaysOpenHallConfig().schedule;
    assert.equal(issueWindowAt(s, at(SUNDAY, '00:00')).open, true);
    assert.equal(issueWindowAt(s, at(HOLIDAY, '23:58')).open, true);
    const w = closed(issueWindowAt(s, at(SUNDAY, '23:59')));
    assert.equal(w.code, 'ISSUE_CUTOFF_PASSED');
    assert.equal(w.reopensAt, at('2026-03-09', '00:00'));
  });
});

describe('nextIssueOpening', () => {
  test('is now itself while issuing is open', () => {
    const now = at(MONDAY, '09:00');
    assert.equal(nextIssueOpening(schedule, now), now);
  });

  test('is null when no working day follows within a month', () => {
    const s = testHallConfig({
      schedule: { weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, extraWorkingDays: [] },
    }).schedule;
    assert.equal(nextIssueOpening(s, at(MONDAY, '09:00')), null);
    assert.equal(closed(issueWindowAt(s, at(MONDAY, '09:00'))).reopensAt, null);
  });

  test('finds a working day up to a month ahead', () => {
    const s = testHallConfig({
      schedule: {
        weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
        extraWorkingDays: [{ date: '2026-03-30', periods: [{ from: '08:00', to: '10:00' }] }],
      },
    }).schedule;
    assert.equal(nextIssueOpening(s, at(MONDAY, '09:00')), at('2026-03-30', '07:45'));
    assert.equal(nextIssueOpening(s, at(MONDAY, '09:00') + 60 * MINUTE), at('2026-03-30', '07:45'));
  });
});
