/**
 * Officer productivity as Quyết định 468/QĐ-TTg sets the minimum: dossiers received per officer on
 * duty at the one-stop hall per year, by the hall's level (2,000 at ministries; 1,800 in
 * centrally-run cities; 1,600 in other provinces; 1,200 in rural areas; 800 in remote and
 * especially difficult areas). The minimum does not apply when the whole hall receives fewer
 * dossiers in a year than it: no officer could reach it. Pure.
 *
 * Pace: dossiers received from 1 January to the report's last day, spread over the calendar days
 * elapsed and scaled to the whole year (days of that year, 365 or 366): the projection to year end
 * if the rest of the year goes as it went. Calendar days, not working days: the minimum is a yearly
 * count and the regulation names no working calendar.
 */
import { YEARLY_DOSSIERS_PER_OFFICER, type HallLevel } from './tt01-scoring.ts';

export { YEARLY_DOSSIERS_PER_OFFICER, type HallLevel } from './tt01-scoring.ts';

export interface YearToDate {
  /** YYYY-01-01 and the report's last day (both counted). */
  readonly from: string;
  readonly to: string;
  readonly daysElapsed: number;
  readonly daysInYear: number;
}

const DAY_MS = 86_400_000;

/** 1 January of `to`'s year to `to`, with the calendar days elapsed and the days of that year. */
export function yearToDate(to: string): YearToDate {
  const year = Number(to.slice(0, 4));
  const from = `${to.slice(0, 4)}-01-01`;
  const daysElapsed = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return { from, to, daysElapsed, daysInYear: leap ? 366 : 365 };
}

/** received × daysInYear / daysElapsed, 1 decimal: the yearly pace (projection to year end). */
export function yearlyPace(received: number, ytd: YearToDate): number {
  if (!Number.isInteger(received) || received < 0) throw new RangeError(`received must be a whole number ≥ 0, got ${received}`);
  if (ytd.daysElapsed <= 0 || ytd.daysElapsed > ytd.daysInYear) throw new RangeError(`days elapsed must be 1–${ytd.daysInYear}, got ${ytd.daysElapsed}`);
  return Math.round((received * ytd.daysInYear * 10) / ytd.daysElapsed) / 10;
}

export interface OfficerProductivity468 {
  readonly officerId: string;
  /** Dossiers the officer received in the report's period. */
  readonly received: number;
  /** Dossiers received from 1 January to the period's last day. */
  readonly receivedYtd: number;
  /** Yearly pace from the year to date (projection to year end), 1 decimal. */
  readonly pacePerYear: number;
  readonly target: number;
  /** pace ≥ target; null when the minimum does not apply to the hall. */
  readonly met: boolean | null;
}

export interface HallProductivity468 {
  readonly level: HallLevel;
  readonly target: number;
  readonly received: number;
  readonly receivedYtd: number;
  /** The hall's yearly pace (all officers). */
  readonly hallPacePerYear: number;
  /** Officers who received at least one dossier in the year to date: those on duty at the hall. */
  readonly officersOnDuty: number;
  /** Hall pace / officers on duty, 1 decimal; null without officers. */
  readonly pacePerOfficer: number | null;
  /** False when the hall's yearly pace is below the minimum for one officer (QĐ 468 does not apply). */
  readonly applicable: boolean;
  /** pace per officer ≥ target; null when not applicable or without officers. */
  readonly met: boolean | null;
  readonly ytd: YearToDate;
  readonly officers: readonly OfficerProductivity468[];
}

/**
 * `period` and `ytd` hold each officer's dossiers received in the report's period and in the year
 * to date (the period's officers are a subset of the year's).
 */
export function productivity468(level: HallLevel, to: string, period: ReadonlyMap<string, number>, ytd: ReadonlyMap<string, number>): HallProductivity468 {
  const target = YEARLY_DOSSIERS_PER_OFFICER[level];
  const span = yearToDate(to);
  let receivedYtd = 0;
  for (const n of ytd.values()) receivedYtd += n;
  let received = 0;
  for (const n of period.values()) received += n;
  const hallPace = yearlyPace(receivedYtd, span);
  const applicable = hallPace >= target;
  const ids = [...new Set([...ytd.keys(), ...period.keys()])].sort();
  const officers = ids.map((officerId): OfficerProductivity468 => {
    const pace = yearlyPace(ytd.get(officerId) ?? 0, span);
    return {
      officerId,
      received: period.get(officerId) ?? 0,
      receivedYtd: ytd.get(officerId) ?? 0,
      pacePerYear: pace,
      target,
      met: applicable ? pace >= target : null,
    };
  });
  const onDuty = [...ytd.values()].filter((n) => n > 0).length;
  const perOfficer = onDuty === 0 ? null : Math.round((hallPace * 10) / onDuty) / 10;
  return {
    level,
    target,
    received,
    receivedYtd,
    hallPacePerYear: hallPace,
    officersOnDuty: onDuty,
    pacePerOfficer: perOfficer,
    applicable,
    met: applicable && perOfficer !== null ? perOfficer >= target : null,
    ytd: span,
    officers,
  };
}
