/**
 * Pure helpers of the province dashboard: the hall list kept current from stream messages, the
 * day's summary over the halls, how old a hall's last event is, search, months, the labels of
 * levels, alerts and hub error codes. No Svelte, no I/O (unit-tested).
 */
import type { HallOverview } from '../../electron/common/province-wire.ts';
import { businessDate, HALL_TIME_ZONE } from '../shared/format.ts';
import type { MessageKey } from '../shared/i18n.ts';
import { matchesQuery } from '../shared/search.ts';

/** The rows with `row` replaced (same id) or added; ordered by name as Vietnamese sorts it, then id. */
export function upsertHall(rows: readonly HallOverview[], row: HallOverview): HallOverview[] {
  const next = rows.filter((r) => r.id !== row.id);
  next.push(row);
  return sortHalls(next);
}

const collator = new Intl.Collator('vi');
export function sortHalls(rows: readonly HallOverview[]): HallOverview[] {
  return [...rows].sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface ProvinceSummary {
  readonly halls: number;
  readonly reporting: number;
  readonly waiting: number;
  /** Halls whose mean wait today is above their wait target. */
  readonly overWaitTarget: number;
  readonly openAlerts: number;
}

export function summarize(rows: readonly HallOverview[]): ProvinceSummary {
  let reporting = 0;
  let waiting = 0;
  let over = 0;
  let alerts = 0;
  for (const r of rows) {
    if (r.reporting) reporting += 1;
    waiting += r.waiting;
    if (r.waitMeanMin !== null && r.waitMeanMin > r.waitTargetMin) over += 1;
    alerts += r.openAlerts;
  }
  return { halls: rows.length, reporting, waiting, overWaitTarget: over, openAlerts: alerts };
}

/** How long ago an instant was, as a catalogue key and its number (never negative). */
export function ageOf(epochMs: number, nowMs: number): { readonly key: MessageKey; readonly n: number } {
  const minutes = Math.max(0, Math.floor((nowMs - epochMs) / 60_000));
  if (minutes < 1) return { key: 'province.ageNow', n: 0 };
  if (minutes < 60) return { key: 'province.ageMinutes', n: minutes };
  if (minutes < 48 * 60) return { key: 'province.ageHours', n: Math.floor(minutes / 60) };
  return { key: 'province.ageDays', n: Math.floor(minutes / 1440) };
}

/** 'good' when the figure meets its target, 'bad' when not, '' without a figure. Targets are inclusive. */
export function tone(value: number | null, target: number, higherIsBetter: boolean): 'good' | 'bad' | '' {
  if (value === null) return '';
  return (higherIsBetter ? value >= target : value <= target) ? 'good' : 'bad';
}

export function matchesHall(row: HallOverview, query: string): boolean {
  return matchesQuery(`${row.name} ${row.id} ${row.district ?? ''}`, query);
}

/** The month (YYYY-MM) of an instant in the province's time zone. */
export function monthOf(epochMs: number, timeZone = HALL_TIME_ZONE): string {
  return businessDate(epochMs, timeZone).slice(0, 7);
}

/** 2026-12 → 12/2026 (one spelling for every app). */
export { showMonth } from '../shared/month-choice.ts';

export const LEVEL_KEYS: Readonly<Record<string, MessageKey>> = {
  ministry: 'province.levelMinistry',
  central_city: 'province.levelCentralCity',
  province: 'province.levelProvince',
  rural: 'province.levelRural',
  remote: 'province.levelRemote',
};

export function alertKey(kind: string): MessageKey {
  switch (kind) {
    case 'CHAIN_BROKEN':
      return 'province.alertChainBroken';
    case 'CHAIN_REWRITE':
      return 'province.alertChainRewrite';
    case 'PERSONAL_DATA':
      return 'province.alertPersonalData';
    default:
      return 'province.alertOther';
  }
}

/** The screen message of a hub error code (the hub's codes, not the hall's catalogue). */
export function hubErrorKey(code: string): MessageKey {
  switch (code) {
    case 'INVALID_CREDENTIALS':
      return 'province.errorCredentials';
    case 'TOO_MANY_ATTEMPTS':
      return 'province.errorLocked';
    case 'UNAUTHENTICATED':
      return 'province.errorSession';
    case 'UNKNOWN_HALL':
      return 'province.errorUnknownHall';
    case 'NETWORK':
      return 'province.errorNetwork';
    default:
      return 'province.errorOther';
  }
}
