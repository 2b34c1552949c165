/**
 * The due date of a dossier's result (ngày hẹn trả kết quả), from the procedure's processing time
 * and the hall's working calendar. Pure: the reception instant is an input.
 *
 * Counting rules:
 * - Bộ luật Dân sự 2015 Điều 147.1: a period in days starts the day after the event, so a dossier
 *   received on day D with N working days is due on the N-th working day after D.
 * - A dossier received on a day that is not a working day (a hall open on Saturday morning, a
 *   holiday duty desk), or after the procedure's cutoff (the "nhận sau 15 giờ" rule: later than
 *   15:00:00), counts as
 *   received on the next working day.
 * - Same-day procedures are due on the (effective) reception day.
 * - Calendar days (Điều 148.5): when the last day falls on a day off, the period ends on the next
 *   working day.
 * Dates outside the calendar's stated coverage are refused (CALENDAR_NOT_COVERED): a holiday
 * table that ran out must be updated, never guessed past.
 */
import type { ProcessingConfig, WorkingCalendarConfig } from '../common/hall-config.ts';
import { DomainError } from '../common/errors.ts';
import { addDays, businessDateOf, epochOfLocal, weekdayOf } from './business-time.ts';

export interface WorkingCalendar {
  readonly coversFrom: string;
  readonly coversTo: string;
  readonly isWorkingDay: (date: string) => boolean;
  readonly holidayName: (date: string) => string | null;
}

const calendars = new WeakMap<WorkingCalendarConfig, WorkingCalendar>();

/** Compiles the calendar data once per config object. */
export function workingCalendar(config: WorkingCalendarConfig): WorkingCalendar {
  const cached = calendars.get(config);
  if (cached) return cached;
  const weekdays = new Set<string>(config.workingWeekdays);
  const holidays = new Map(config.holidays.map((h) => [h.date, h.name]));
  const extra = new Set(config.workingDays.map((d) => d.date));
  const covered = (date: string): void => {
    if (date < config.coversFrom || date > config.coversTo) {
      throw new DomainError('CALENDAR_NOT_COVERED', { date, calendar: config.id, coversFrom: config.coversFrom, coversTo: config.coversTo });
    }
  };
  const compiled: WorkingCalendar = {
    coversFrom: config.coversFrom,
    coversTo: config.coversTo,
    isWorkingDay: (date) => {
      covered(date);
      if (extra.has(date)) return true;
      if (holidays.has(date)) return false;
      return weekdays.has(weekdayOf(date));
    },
    holidayName: (date) => holidays.get(date) ?? null,
  };
  calendars.set(config, compiled);
  return compiled;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(calendar: WorkingCalendar, date: string): string {
  let d = addDays(date, 1);
  // A year holds at most ~120 days off; 400 steps means the data is broken, not the arithmetic.
  for (let i = 0; i < 400; i++, d = addDays(d, 1)) if (calendar.isWorkingDay(d)) return d;
  throw new DomainError('CALENDAR_NOT_COVERED', { date, reason: 'no working day within 400 days' });
}

/** The `n`-th working day after `date` (n ≥ 1). */
export function addWorkingDays(calendar: WorkingCalendar, date: string, n: number): string {
  let d = date;
  for (let i = 0; i < n; i++) d = nextWorkingDay(calendar, d);
  return d;
}

export interface DueDate {
  /** Local calendar date of reception. */
  readonly receivedDate: string;
  /** The working day reception counts on (later than receivedDate after the cutoff or on a day off). */
  readonly countsFrom: string;
  /** Why countsFrom is later than receivedDate, if it is. */
  readonly shifted: 'after-cutoff' | 'day-off' | null;
  /** The result is due on this date (YYYY-MM-DD, local). */
  readonly dueDate: string;
  /** The processing time in the receipt's words: "03 ngày làm việc", "trong ngày". */
  readonly periodLabel: string;
}

export function dueDateOf(calendar: WorkingCalendar, processing: ProcessingConfig, receivedAt: number, timeZone: string): DueDate {
  const receivedDate = businessDateOf(receivedAt, timeZone);
  if (processing.kind === 'calendar-days') {
    let due = addDays(receivedDate, processing.days);
    if (!calendar.isWorkingDay(due)) due = nextWorkingDay(calendar, due);
    return { receivedDate, countsFrom: receivedDate, shifted: null, dueDate: due, periodLabel: `${pad2(processing.days)} ngày` };
  }
  let countsFrom = receivedDate;
  let shifted: DueDate['shifted'] = null;
  if (!calendar.isWorkingDay(receivedDate)) {
    countsFrom = nextWorkingDay(calendar, receivedDate);
    shifted = 'day-off';
  } else if (processing.cutoff !== undefined && receivedAt > epochOfLocal(receivedDate, processing.cutoff, timeZone)) {
    countsFrom = nextWorkingDay(calendar, receivedDate);
    shifted = 'after-cutoff';
  }
  if (processing.kind === 'same-day') {
    return { receivedDate, countsFrom, shifted, dueDate: countsFrom, periodLabel: 'trong ngày làm việc' };
  }
  return {
    receivedDate,
    countsFrom,
    shifted,
    dueDate: addWorkingDays(calendar, countsFrom, processing.days),
    periodLabel: `${pad2(processing.days)} ngày làm việc`,
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
